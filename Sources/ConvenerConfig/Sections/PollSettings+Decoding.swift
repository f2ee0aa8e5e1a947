import ConvenerCore

/// The `polls` section.
extension PollSettings {
    /// The keys allowed in `polls`.
    static let keys: [String] = []

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PollSettings? {
        guard field.table(&context, keys: keys) != nil else { return nil }
        return .defaults
    }
}
