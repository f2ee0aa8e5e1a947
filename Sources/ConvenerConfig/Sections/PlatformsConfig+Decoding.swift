import ConvenerPlatforms
import Foundation

/// The `platforms` section: one optional table per declared platform, each read by its declaration.
extension PlatformsConfig {
    /// Reads `platforms`; keys left out keep their default environment variables.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PlatformsConfig? {
        let declarations = PlatformSettingsRegistry.all
        guard let table = field.table(&context, keys: declarations.map(\.name)) else { return nil }
        var platforms = PlatformsConfig()
        for declaration in declarations {
            guard var section = platforms[declaration.name],
                let written = table.optional(declaration.name, &context)?.table(&context, keys: declaration.keys)
            else { continue }
            section.isConfigured = true
            for setting in declaration.settings {
                guard let field = written.optional(setting.key, &context) else { continue }
                field.decode(setting, into: &section, &context)
            }
            platforms[declaration.name] = section
        }
        return platforms
    }
}

extension ConfigField {
    /// Overwrites the setting's default when this field holds a valid value of the declared kind.
    fileprivate func decode(
        _ setting: PlatformSettingDeclaration, into section: inout PlatformsConfig.Section,
        _ context: inout ConfigContext
    ) {
        switch setting.kind {
        case .secret:
            if let reference = secret(&context) {
                section.secrets[setting.key] = SecretSetting(reference, isDefault: false)
            }
        case .url:
            if let url = url(&context) {
                section.values[setting.key] = .configured(url.absoluteString)
            }
        case .identifier(_, let noun, let expected, let isValid):
            guard let text = string(&context) else { return }
            guard isValid(text) else {
                context.report(self, "\(Self.quoted(text)) is not \(noun); expected \(expected)")
                return
            }
            section.values[setting.key] = .configured(text)
        }
    }
}
