import ConvenerCore

/// The `prompts` section: how prompts' answers are counted and whether the rotation follows them.
extension PromptSettings {
    /// The keys allowed in `prompts`.
    static let keys = ["answer_window_days", "prefer_answered_themes"]

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PromptSettings? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var settings = PromptSettings.defaults
        if let value = table.optional("answer_window_days", &context) {
            settings.answerWindowDays =
                value.boundedWholeNumber(&context, in: 1...28, what: "a number of days") ?? settings.answerWindowDays
        }
        if let value = table.optional("prefer_answered_themes", &context) {
            settings.preferAnsweredThemes = value.boolean(&context) ?? settings.preferAnsweredThemes
        }
        return settings
    }
}
