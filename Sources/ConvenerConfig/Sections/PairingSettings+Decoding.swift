import ConvenerCore

/// The `pairing` section.
extension PairingSettings {
    /// The keys allowed in `pairing`.
    static let keys: [String] = []

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PairingSettings? {
        guard field.table(&context, keys: keys) != nil else { return nil }
        return .defaults
    }
}
