/// How anonymous feedback notes behave; the defaults need no configuration.
public struct FeedbackSettings: Sendable, Hashable {
    /// How many notes make a batch the convenors receive at once (`feedback.batch_size`, at least 2).
    public var batchSize: Int
    /// After how many days pending notes are delivered even when fewer than `batchSize`, counted from the oldest
    /// (`feedback.period_days`).
    public var periodDays: Int
    /// The longest note a member may send, in characters.
    public var maximumLength: Int

    /// The defaults: batches of 5, or whatever is waiting after 7 days.
    public static let defaults = FeedbackSettings()

    /// Settings.
    public init(batchSize: Int = 5, periodDays: Int = 7, maximumLength: Int = 2_000) {
        self.batchSize = batchSize
        self.periodDays = periodDays
        self.maximumLength = maximumLength
    }
}
