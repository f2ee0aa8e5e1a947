import ArgumentParser
import ConvenerCore
import ConvenerServer
import ConvenerStore
import Foundation

/// `convener rules …`: try rule conditions before using them.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Try CEL expressions and explain rules.",
        subcommands: [Eval.self, Explain.self]
    )

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a CEL expression and print its value as JSON (or the error with its column).",
            discussion: """
                Every top-level key of the --vars JSON object becomes a variable; `now` is the current time \
                unless the file sets it. Example:
                  convener rules eval 'member.tier == "peripheral" && size(member.tags) > 0' --vars member.json
                """
        )

        // Captures dash-prefixed words too, so an expression such as `-(3 - 5)` needs no `--` before it.
        @Argument(
            parsing: .allUnrecognized,
            help: ArgumentHelp(
                "The expression, e.g. 'now - member.lastActiveAt > duration(\"720h\")'.", valueName: "expression"))
        var words: [String] = []

        @Option(name: .long, help: "A JSON object whose keys become variables.")
        var vars: String?

        /// The expression: the one argument that is not an option.
        var expression: String { words.first ?? "" }

        func validate() throws {
            guard words.count == 1 else {
                throw ValidationError(
                    words.isEmpty
                        ? "Give the expression to evaluate, in quotes: convener rules eval '1 + 2'"
                        : "Give the expression as one argument, in quotes: convener rules eval '\(words.joined(separator: " "))'"
                )
            }
        }

        func run() throws {
            var variables: [String: CELValue] = [:]
            if let vars {
                variables = try Self.loadVariables(vars)
            }
            if variables["now"] == nil, let now = CELTimestamp(date: Date()) {
                variables["now"] = .timestamp(now)
            }
            let declarations = CELDeclarations(variables.mapValues { _ in CELType.dyn })
            do {
                let program = try CELProgram.compile(expression, declarations: declarations)
                switch program.evaluate(CELActivation(variables)) {
                case .success(let value): print(CELJSON.render(value))
                case .failure(let error): throw CLIError.invalidExpression(pointAt(error))
                }
            } catch let error as CELError {
                throw CLIError.invalidExpression(pointAt(error))
            }
        }

        private static func loadVariables(_ path: String) throws -> [String: CELValue] {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CLIError.invalidExpression("Cannot read --vars \(path): \(error.localizedDescription)")
            }
            let value: CELValue
            do {
                value = try CELJSON.value(fromJSON: data)
            } catch {
                throw CLIError.invalidExpression("--vars \(path) is not valid JSON: \(error)")
            }
            guard case .map(let map) = value else {
                throw CLIError.invalidExpression("--vars \(path) must hold a JSON object; its keys become variables.")
            }
            var variables: [String: CELValue] = [:]
            for (key, entry) in map.entries {
                guard case .string(let name) = key else { continue }
                variables[name] = entry
            }
            return variables
        }

        /// The error, with the expression's line and a caret under the column the error points at.
        private func pointAt(_ error: CELError) -> String {
            let lines = expression.split(separator: "\n", omittingEmptySubsequences: false)
            guard error.line >= 1, error.line <= lines.count, error.column >= 1 else { return error.description }
            let caret = String(repeating: " ", count: error.column - 1) + "^"
            return "\(error.description)\n  \(lines[error.line - 1])\n  \(caret)"
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dry-run a rule on an event: each condition's value, the members selected, the actions rendered.",
            discussion: """
                Nothing is sent and nothing changes. The event file looks like
                  {"type": "member.joined", "member": "playground:alice", "payload": {}}
                Members are looked up in the community's state (its folder or the database; read-only).
                """
        )

        @Argument(help: "The rule's id.")
        var rule: String

        @Option(name: .long, help: "A JSON file describing the event.")
        var event: String

        @OptionGroup var location: StateCommand.Location

        func run() async throws {
            let (configuration, profile, state) = try await location.state()
            let context = RuleContext(
                community: RuleCommunityView(profile),
                members: state.members.values.sorted { $0.id < $1.id }.map {
                    RuleMemberView($0, tags: $0.tags, isConvenor: profile.isConvenor($0.id))
                }
            )
            let text: String
            do {
                text = try String(contentsOfFile: event, encoding: .utf8)
            } catch {
                throw CLIError.invalidExpression("Cannot read --event \(event): \(error.localizedDescription)")
            }
            let parsed: RuleEvent
            switch RuleEvent.parsing(json: text, context: context) {
            case .success(let value): parsed = value
            case .failure(let error): throw CLIError.invalidExpression("\(event): \(error)")
            }
            let engine = RuleEngine(rules: configuration.rules(for: profile.id))
            switch engine.explain(ruleID: rule, event: parsed, context: context, now: Date()) {
            case .success(let explanation): print(explanation)
            case .failure(let error): throw CLIError.invalidExpression("\(error)")
            }
        }
    }
}
