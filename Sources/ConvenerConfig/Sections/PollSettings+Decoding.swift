import ConvenerCore

/// The `polls` section.
extension PollSettings {
    /// The keys allowed in `polls`.
    static let keys = ["anonymous_minimum", "max_open_per_member"]

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PollSettings? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        let before = context.diagnostics.count
        var settings = PollSettings.defaults
        if let minimum = table.optional("anonymous_minimum", &context)?
            .boundedWholeNumber(&context, in: 3...100, what: "a number of voters")
        {
            settings.anonymousMinimum = minimum
        }
        if let limit = table.optional("max_open_per_member", &context)?
            .boundedWholeNumber(&context, in: 1...100, what: "a number of polls")
        {
            settings.maxOpenPerMember = limit
        }
        return context.diagnostics.count == before ? settings : nil
    }
}
