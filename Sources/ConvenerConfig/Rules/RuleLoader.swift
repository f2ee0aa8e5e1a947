import ConvenerCore
import Foundation

/// Loads rules from YAML: a rules file, several files, or the `rules:` list of the main config.
///
/// Every problem is reported at once as `file:line:column: path: rule 'id': message`; problems inside a CEL
/// expression or a `{{ }}` template point at the offending character when the value is on one line (or in a
/// `|` block), and at the value otherwise.
public enum RuleLoader {
    /// Parses one rules file: a list of rules, or a mapping whose `rules` key holds the list.
    public static func parse(yaml: String, file: String) -> Result<RuleSet, ConfigErrors> {
        parse(files: [(file: file, yaml: yaml)])
    }

    /// Parses several rules files together; rule ids must be unique across all of them.
    public static func parse(files: [(file: String, yaml: String)]) -> Result<RuleSet, ConfigErrors> {
        var collected: [Collected] = []
        var diagnostics: [ConfigDiagnostic] = []
        for (file, yaml) in files {
            let parsed = parseCollected(file: file, yaml: yaml)
            collected += parsed.rules
            diagnostics += parsed.diagnostics
        }
        return compile(collected, diagnostics: diagnostics)
    }

    /// Whether the config document has a top-level `rules` key (without one, the built-in default rules apply).
    public static func configDeclaresRules(configYAML: String, file: String) -> Bool {
        guard case .success(let root) = ConfigDocument.compose(yaml: configYAML, file: file), let root,
            case .mapping(let entries) = root.value
        else { return false }
        return entries.contains { $0.key.scalar?.text == "rules" }
    }

    /// Reads and parses rules files from disk (relative paths from the working directory).
    public static func load(paths: [String]) -> Result<RuleSet, ConfigErrors> {
        var files: [(file: String, yaml: String)] = []
        var diagnostics: [ConfigDiagnostic] = []
        for path in paths {
            do {
                files.append((path, try String(contentsOfFile: path, encoding: .utf8)))
            } catch {
                diagnostics.append(
                    ConfigDiagnostic(
                        file: path, line: nil, column: nil, path: "",
                        message: "cannot read the rules file: \(error.localizedDescription)"))
            }
        }
        guard diagnostics.isEmpty else { return .failure(ConfigErrors(diagnostics)) }
        return parse(files: files)
    }

    /// The rules of the main config: its top-level `rules:` list, whose items are rules or paths of rules
    /// files (relative to the config's folder), read with `readFile`. No `rules:` key gives no rules.
    ///
    /// The config loader itself only needs to accept the `rules` key; this reads it.
    public static func parse(
        configYAML: String, file: String,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) -> Result<RuleSet, ConfigErrors> {
        let root: ConfigNode?
        switch ConfigDocument.compose(yaml: configYAML, file: file) {
        case .success(let node): root = node
        case .failure(let diagnostic): return .failure(ConfigErrors([diagnostic]))
        }
        guard let root, case .mapping(let entries) = root.value,
            let entry = entries.first(where: { $0.key.scalar?.text == "rules" })
        else { return .success(.empty) }
        return parse(
            ConfigField(node: entry.value, path: "rules"), configYAML: configYAML, file: file, readFile: readFile)
    }

    /// Each community's own `rules:` list (`communities[N].rules`), by the community's place in the list; a
    /// community without one is left out. Its rules add to the shared ones, and replace a shared rule with the
    /// same id (`RuleSet.overriding`).
    public static func parseCommunityRules(
        configYAML: String, file: String,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) -> Result<[Int: RuleSet], ConfigErrors> {
        guard case .success(let root) = ConfigDocument.compose(yaml: configYAML, file: file), let root,
            case .mapping(let entries) = root.value,
            let communities = entries.first(where: { $0.key.scalar?.text == "communities" }),
            case .sequence(let items) = communities.value.value
        else { return .success([:]) }
        var sets: [Int: RuleSet] = [:]
        var diagnostics: [ConfigDiagnostic] = []
        for (index, item) in items.enumerated() {
            guard case .mapping(let keys) = item.value,
                let entry = keys.first(where: { $0.key.scalar?.text == "rules" })
            else { continue }
            let field = ConfigField(node: entry.value, path: "communities[\(index)].rules")
            switch parse(field, configYAML: configYAML, file: file, readFile: readFile) {
            case .success(let set): sets[index] = set
            case .failure(let errors): diagnostics += errors.diagnostics
            }
        }
        return diagnostics.isEmpty ? .success(sets) : .failure(ConfigErrors(diagnostics))
    }

    /// A `rules:` list of the main config: inline rules and paths of rules files, ids unique across all of them.
    private static func parse(
        _ field: ConfigField, configYAML: String, file: String, readFile: (String) throws -> String
    ) -> Result<RuleSet, ConfigErrors> {
        var context = ConfigContext(file: file, baseDirectory: ConfigPaths.directory(of: file))
        var collected: [Collected] = []
        var diagnostics: [ConfigDiagnostic] = []
        var files: [(file: String, yaml: String)] = []
        for item in field.list(&context) ?? [] {
            if let scalar = item.node.scalar, scalar.kind == .string {
                guard let path = item.filePath(&context) else { continue }
                do {
                    files.append((path, try readFile(path)))
                } catch {
                    context.report(item, "cannot read the rules file '\(path)': \(error.localizedDescription)")
                }
                continue
            }
            guard let decoded = RuleSpecDecoder.decode(item, &context) else { continue }
            collected.append(Collected(decoded: decoded, file: file, map: RuleSourceMap(source: configYAML)))
        }
        diagnostics += context.diagnostics
        // Rules files named here are parsed with the inline rules, so ids are unique across all of them.
        for (path, yaml) in files {
            let parsed = parseCollected(file: path, yaml: yaml)
            collected += parsed.rules
            diagnostics += parsed.diagnostics
        }
        return compile(collected, diagnostics: diagnostics)
    }

    // MARK: - Internals

    /// A decoded rule with the file it came from.
    private struct Collected {
        let decoded: RuleSpecDecoder.Decoded
        let file: String
        let map: RuleSourceMap
    }

    private static func parseCollected(file: String, yaml: String) -> (
        rules: [Collected], diagnostics: [ConfigDiagnostic]
    ) {
        let root: ConfigNode?
        switch ConfigDocument.compose(yaml: yaml, file: file) {
        case .success(let node): root = node
        case .failure(let diagnostic): return ([], [diagnostic])
        }
        guard let root else { return ([], []) }
        var context = ConfigContext(file: file, baseDirectory: ConfigPaths.directory(of: file))
        let list: ConfigField?
        if case .mapping = root.value {
            list = ConfigField(node: root, path: "").table(&context, keys: ["rules"])?.required(
                "rules", &context, hint: "a list of rules")
        } else {
            list = ConfigField(node: root, path: "rules")
        }
        var collected: [Collected] = []
        for item in list.flatMap({ $0.list(&context) }) ?? [] {
            guard let decoded = RuleSpecDecoder.decode(item, &context) else { continue }
            collected.append(Collected(decoded: decoded, file: file, map: RuleSourceMap(source: yaml)))
        }
        return (collected, context.diagnostics)
    }

    private static func compile(_ collected: [Collected], diagnostics: [ConfigDiagnostic]) -> Result<
        RuleSet, ConfigErrors
    > {
        var diagnostics = diagnostics
        switch RuleCompiler.compile(collected.map(\.decoded.spec)) {
        case .success(let rules):
            return diagnostics.isEmpty ? .success(rules) : .failure(ConfigErrors(diagnostics))
        case .failure(let problems):
            for problem in problems.problems {
                diagnostics.append(diagnostic(for: problem, in: collected[problem.ruleIndex], among: collected))
            }
            return .failure(ConfigErrors(diagnostics))
        }
    }

    /// Places a compiler problem in the file: at the character inside an expression when possible, else at the
    /// part of the rule it is about, else at the rule.
    private static func diagnostic(for problem: RuleProblem, in rule: Collected, among all: [Collected])
        -> ConfigDiagnostic
    {
        var key = Substring(problem.path)
        var field = rule.decoded.parts[problem.path]
        while field == nil, let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) {
            key = key[..<cut]
            field = rule.decoded.parts[String(key)]
        }
        let place = field ?? rule.decoded.field
        let rulePath = rule.decoded.field.path
        let path = problem.path.isEmpty ? rulePath : "\(rulePath).\(problem.path)"
        var message = "rule '\(problem.ruleID)': \(problem.message)"
        var position = place.node.position
        if let line = problem.line, let column = problem.column, field != nil {
            if let exact = rule.map.position(in: place.node, line: line, column: column) {
                position = exact
            } else {
                message += " (at line \(line), column \(column) of the text)"
            }
        }
        if problem.path == "id", problem.message.hasPrefix("duplicate rule id"),
            let earlier = all.first(where: {
                $0.decoded.spec.id == problem.ruleID
            })
        {
            let at = earlier.decoded.parts["id"]?.node.position ?? earlier.decoded.field.node.position
            message =
                "rule '\(problem.ruleID)': duplicate rule id; \(earlier.file):\(at) already defines it; "
                + "ids must be unique"
        }
        return ConfigDiagnostic(
            file: rule.file, line: position.line, column: position.column, path: path, message: message)
    }
}
