/// How surveys behave; the defaults need no configuration.
public struct SurveySettings: Sendable, Hashable {
    /// The smallest anonymity threshold a survey may have: 3.
    public static let minimumThreshold = 3

    /// The templates `/cop survey start` knows: the built-in ones, then the config's (which replace a built-in
    /// of the same id).
    public var templates: [SurveyTemplate]
    /// The anonymity threshold k of a survey opened without `--k` (`surveys.k`, at least 3).
    public var threshold: Int
    /// How long a survey opened without `--closes` stays open, in seconds (`surveys.closes_after`, 7 days).
    public var duration: Int
    /// How many answers are written to the journal together, shuffled (`surveys.batch_size`); nil means k. Never
    /// fewer than the survey's k, so no batch is smaller than the threshold.
    public var batchSize: Int?

    /// The defaults: the built-in templates, k = 5, open 7 days, batches of k.
    public static let defaults = SurveySettings()

    /// Settings.
    public init(
        templates: [SurveyTemplate] = SurveyTemplateLibrary.builtIn, threshold: Int = 5, duration: Int = 7 * 86_400,
        batchSize: Int? = nil
    ) {
        self.templates = templates
        self.threshold = threshold
        self.duration = duration
        self.batchSize = batchSize
    }

    /// The template `id`, if any.
    public func template(_ id: String) -> SurveyTemplate? {
        templates.last { $0.id == id }
    }

    /// The size of the shuffled batches of a survey with threshold `k`.
    func effectiveBatchSize(threshold k: Int) -> Int {
        max(batchSize ?? k, k)
    }
}
