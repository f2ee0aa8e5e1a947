import ConvenerCore

/// The `feedback` section.
extension FeedbackSettings {
    /// The keys allowed in `feedback`.
    static let keys = ["batch_size", "period_days"]

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> FeedbackSettings? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var settings = FeedbackSettings.defaults
        if let value = table.optional("batch_size", &context) {
            settings.batchSize =
                value.boundedWholeNumber(
                    &context, in: 2...100, what: "a batch size", why: "batches hide who wrote what")
                ?? settings.batchSize
        }
        if let value = table.optional("period_days", &context) {
            settings.periodDays =
                value.boundedWholeNumber(&context, in: 1...90, what: "a number of days") ?? settings.periodDays
        }
        return settings
    }
}
