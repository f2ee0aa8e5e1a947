/// The chat platforms' settings declarations: the one list a new platform's settings are added to.
public enum PlatformSettingsRegistry {
    /// Every platform's settings, in the order the config lists `platforms` keys and summaries show them.
    public static let all: [PlatformSettingsDeclaration] = [
        SlackSettings.declaration,
        MattermostSettings.declaration,
        DiscordSettings.declaration,
        TeamsSettings.declaration,
        MatrixSettings.declaration,
    ]

    /// The declaration of the platform called `name`.
    public static func declaration(named name: String) -> PlatformSettingsDeclaration? {
        all.first { $0.name == name }
    }
}
