import Yams

/// Turns YAML text into a `ConfigNode` tree, reporting syntax errors with their line and column.
enum ConfigDocument {
    /// Expanding aliases copies nodes; this bound stops an alias bomb from exhausting memory.
    static let maximumNodeCount = 100_000

    /// Parses `yaml`; `.success(nil)` for an empty document (only comments or nothing).
    static func compose(yaml: String, file: String) -> Result<ConfigNode?, ConfigDiagnostic> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, yaml: yaml, file: file))
        } catch {
            return .failure(ConfigDiagnostic(file: file, line: nil, column: nil, path: "", message: "\(error)"))
        }
        guard let root else { return .success(nil) }
        var budget = maximumNodeCount
        guard let node = convert(root, budget: &budget) else {
            let message = "the document has more than \(maximumNodeCount) values after expanding aliases"
            return .failure(ConfigDiagnostic(file: file, line: 1, column: 1, path: "", message: message))
        }
        return .success(node)
    }

    private static func convert(_ node: Node, budget: inout Int) -> ConfigNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let position = ConfigPosition(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            return ConfigNode(
                value: .scalar(ConfigScalar(text: scalar.string, kind: kind(of: node))), position: position)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one can only come from a hand-built tree.
            return ConfigNode(value: .scalar(ConfigScalar(text: "", kind: .null)), position: position)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence {
                guard let converted = convert(item, budget: &budget) else { return nil }
                items.append(converted)
            }
            return ConfigNode(value: .sequence(items), position: position)
        case .mapping(let mapping):
            guard let entries = convertEntries(of: mapping, budget: &budget) else { return nil }
            return ConfigNode(value: .mapping(entries), position: position)
        }
    }

    /// Converts pairs, applying YAML merge keys (`<<: *defaults`): keys written here win over merged ones.
    private static func convertEntries(of mapping: Node.Mapping, budget: inout Int) -> [ConfigNode.Entry]? {
        var own: [ConfigNode.Entry] = []
        var merged: [ConfigNode.Entry] = []
        for (key, value) in mapping {
            if Tag.Name(rawValue: key.tag.rawValue) == .merge, let sources = mergeSources(value) {
                for source in sources {
                    guard let entries = convertEntries(of: source, budget: &budget) else { return nil }
                    merged.append(contentsOf: entries)
                }
                continue
            }
            guard let convertedKey = convert(key, budget: &budget),
                let convertedValue = convert(value, budget: &budget)
            else { return nil }
            own.append(ConfigNode.Entry(key: convertedKey, value: convertedValue))
        }
        var seen = Set(own.compactMap { $0.key.scalar?.text })
        var result = own
        for entry in merged {
            guard let name = entry.key.scalar?.text, !seen.contains(name) else { continue }
            seen.insert(name)
            result.append(entry)
        }
        return result
    }

    private static func mergeSources(_ value: Node) -> [Node.Mapping]? {
        switch value {
        case .mapping(let mapping): [mapping]
        case .sequence(let sequence): sequence.compactMap(\.mapping)
        default: nil
        }
    }

    private static func kind(of node: Node) -> ConfigScalar.Kind {
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .int, .float: .number
        case .bool: .boolean
        case .null: .null
        case .timestamp: .timestamp
        default: .string
        }
    }

    private static func diagnostic(for error: YamlError, yaml: String, file: String) -> ConfigDiagnostic {
        func make(_ position: ConfigPosition?, _ message: String) -> ConfigDiagnostic {
            ConfigDiagnostic(file: file, line: position?.line, column: position?.column, path: "", message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            if hasTab(in: yaml, line: mark.line) {
                message += "; indent with spaces, YAML does not allow tabs"
            }
            return make(ConfigPosition(line: mark.line, column: mark.column), message)
        case .reader(let problem, let offset, _, _):
            return make(offset.map { position(atCharacterOffset: $0, in: yaml) }, "cannot read the file: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let position = ConfigPosition(line: context.mark.line, column: context.mark.column)
            return make(position, "duplicate key \(names); each key may appear only once in a mapping")
        default:
            return make(nil, "invalid YAML: \(error)")
        }
    }

    private static func hasTab(in yaml: String, line: Int) -> Bool {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return false }
        return lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t")
    }

    private static func position(atCharacterOffset offset: Int, in yaml: String) -> ConfigPosition {
        var line = 1
        var column = 1
        for character in yaml.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return ConfigPosition(line: line, column: column)
    }
}
