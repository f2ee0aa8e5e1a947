import ConvenerCore

/// The `engagement` section.
extension EngagementSettings {
    /// The keys allowed in `engagement`.
    static let keys: [String] = []

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> EngagementSettings? {
        guard field.table(&context, keys: keys) != nil else { return nil }
        return .defaults
    }
}
