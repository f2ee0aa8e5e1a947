import Foundation

/// Reads secrets from the environment or from files; injectable for tests.
public struct SecretResolver: Sendable {
    /// Why a secret could not be read; names the variable or file, never the value.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The explanation, e.g. `environment variable SLACK_BOT_TOKEN is not set`.
        public var description: String

        /// Creates a failure with an explanation that names the source, never the value.
        public init(description: String) {
            self.description = description
        }
    }

    /// The environment variables secrets are read from.
    public let environment: [String: String]
    private let readFile: @Sendable (String) throws -> String

    /// Creates a resolver over `environment`, reading secret files with `readFile`.
    public init(environment: [String: String], readFile: @escaping @Sendable (String) throws -> String) {
        self.environment = environment
        self.readFile = readFile
    }

    /// A resolver over `environment` that reads secret files from disk.
    public static func local(environment: [String: String]) -> SecretResolver {
        SecretResolver(environment: environment, readFile: readLocalFile)
    }

    /// Reads one secret. `.success(nil)` means a default variable is unset or empty, so the feature stays off;
    /// a reference written in the config that yields nothing is a failure.
    public func resolve(_ setting: SecretSetting) -> Result<ConfigSecret?, Failure> {
        switch setting.reference {
        case .env(let name):
            guard let value = environment[name] else {
                return setting.isDefault
                    ? .success(nil) : .failure(Failure(description: "environment variable \(name) is not set"))
            }
            guard !value.isEmpty else {
                return setting.isDefault
                    ? .success(nil) : .failure(Failure(description: "environment variable \(name) is empty"))
            }
            return .success(ConfigSecret(value))
        case .file(let path):
            let content: String
            do {
                content = try readFile(path)
            } catch {
                return .failure(Failure(description: "cannot read secret file \(path): \(error)"))
            }
            var trimmed = Substring(content)
            while let last = trimmed.last, last.isNewline { trimmed.removeLast() }
            guard !trimmed.isEmpty else { return .failure(Failure(description: "secret file \(path) is empty")) }
            return .success(ConfigSecret(String(trimmed)))
        }
    }

    /// Reads a non-secret platform value (a URL or id) from the config or the environment.
    func resolve<Value>(
        _ value: PlatformValue<Value>,
        expecting expected: String,
        parse: (String) -> Value?
    ) -> Result<Value?, Failure> {
        switch value {
        case .configured(let value):
            return .success(value)
        case .environment(let name, let fallback):
            guard let text = environment[name], !text.isEmpty else { return .success(fallback) }
            guard let parsed = parse(text) else {
                return .failure(
                    Failure(description: "environment variable \(name) holds '\(text)', which is not \(expected)"))
            }
            return .success(parsed)
        }
    }

    /// Reads a UTF-8 file, with short reasons for the common failures.
    @Sendable public static func readLocalFile(_ path: String) throws -> String {
        let manager = FileManager.default
        guard manager.fileExists(atPath: path) else { throw Failure(description: "no such file") }
        guard manager.isReadableFile(atPath: path) else { throw Failure(description: "permission denied") }
        guard let data = manager.contents(atPath: path) else { throw Failure(description: "cannot open it") }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(description: "not UTF-8 text") }
        return text
    }
}
