/// The `playground` section.
extension PlaygroundConfig {
    /// The keys allowed in `playground`.
    static let keys = ["enabled"]

    /// Reads `playground`; nil when it is not a mapping.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PlaygroundConfig? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var playground = PlaygroundConfig()
        if let enabled = table.optional("enabled", &context) {
            let options: [(word: String, value: Mode)] = [
                ("auto", .auto), ("true", .on), ("false", .off), ("yes", .on), ("no", .off), ("on", .on), ("off", .off),
            ]
            playground.enabled =
                enabled.choice(&context, what: "a playground mode", options: options, shown: ["auto", "true", "false"])
                ?? playground.enabled
        }
        return playground
    }
}
