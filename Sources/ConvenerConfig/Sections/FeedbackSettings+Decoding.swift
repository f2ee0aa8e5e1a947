import ConvenerCore

/// The `feedback` section.
extension FeedbackSettings {
    /// The keys allowed in `feedback`.
    static let keys: [String] = []

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> FeedbackSettings? {
        guard field.table(&context, keys: keys) != nil else { return nil }
        return .defaults
    }
}
