/// One key under `platforms.<name>`: a secret, an http(s) URL or an identifier, each with its default
/// environment variable.
public struct PlatformSettingDeclaration: Sendable {
    /// What the key holds and where its default comes from.
    public enum Kind: Sendable {
        /// A secret written as `{env: NAME}` or `{file: PATH}`; by default the environment variable.
        /// `check` returns a problem with the revealed value, given where it came from (e.g. `env NAME`).
        case secret(defaultEnvironment: String, check: (@Sendable (_ value: String, _ source: String) -> String?)?)
        /// An http or https URL with a host; by default the environment variable, else `fallback`.
        case url(environment: String, fallback: String?)
        /// A plain identifier such as an application id; by default the environment variable.
        /// `noun` names it in errors ("a Discord application id") and `expected` says what it looks like.
        case identifier(environment: String, noun: String, expected: String, isValid: @Sendable (String) -> Bool)
    }

    /// The key under `platforms.<name>`, e.g. `bot_token`.
    public var key: String
    /// What the key holds.
    public var kind: Kind
    /// The label in the start-up summary (`bot token`, `api`); nil leaves the key out of it.
    public var summaryLabel: String?

    /// Declares a key.
    public init(key: String, kind: Kind, summaryLabel: String? = nil) {
        self.key = key
        self.kind = kind
        self.summaryLabel = summaryLabel
    }

    /// A secret key, by default read from the environment variable `environment`.
    public static func secret(
        _ key: String, environment: String, summaryLabel: String? = nil,
        check: (@Sendable (_ value: String, _ source: String) -> String?)? = nil
    ) -> PlatformSettingDeclaration {
        PlatformSettingDeclaration(
            key: key, kind: .secret(defaultEnvironment: environment, check: check), summaryLabel: summaryLabel)
    }

    /// A URL key, by default read from the environment variable `environment`, else `fallback`.
    public static func url(
        _ key: String, environment: String, fallback: String? = nil, summaryLabel: String? = nil
    ) -> PlatformSettingDeclaration {
        PlatformSettingDeclaration(
            key: key, kind: .url(environment: environment, fallback: fallback), summaryLabel: summaryLabel)
    }

    /// The default environment variable of the key, whatever it holds.
    public var environment: String {
        switch kind {
        case .secret(let name, _), .url(let name, _), .identifier(let name, _, _, _): name
        }
    }
}
