import ConvenerCore

/// The `surveys` section.
extension SurveySettings {
    /// The keys allowed in `surveys`.
    static let keys: [String] = []

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> SurveySettings? {
        guard field.table(&context, keys: keys) != nil else { return nil }
        return .defaults
    }
}
