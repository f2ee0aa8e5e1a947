/// What one chat platform reads from the config: its keys under `platforms.<name>` (which are secrets and which
/// plain values, their default environment variables, which secret turns the platform on) and its binding keys
/// in each community's entry.
///
/// The config decoder, the secret resolver and the server's credentials all read this one declaration, so a new
/// platform declares its settings once, in its own folder, and adds it to `PlatformSettingsRegistry.all`.
public struct PlatformSettingsDeclaration: Sendable {
    /// The platform's name: its key under `platforms` and in bindings, e.g. `slack`.
    public var name: String
    /// The key of the secret whose presence enables the platform, e.g. `signing_secret`.
    public var enabledBy: String
    /// The keys allowed under `platforms.<name>`, in the order the config's "allowed keys" lists them.
    public var settings: [PlatformSettingDeclaration]
    /// The keys that bind a community to the platform's channels and workspace.
    public var bindings: PlatformBindingDeclaration

    /// Declares a platform's settings.
    public init(
        name: String, enabledBy: String, settings: [PlatformSettingDeclaration], bindings: PlatformBindingDeclaration
    ) {
        self.name = name
        self.enabledBy = enabledBy
        self.settings = settings
        self.bindings = bindings
    }

    /// The keys allowed under `platforms.<name>`.
    public var keys: [String] { settings.map(\.key) }
}
