import Foundation

/// One survey: its template and threshold while open with its key, tokens and recorded answers; once closed,
/// only its results (aggregates covering at least k answers).
public struct SurveyRecord: Codable, Sendable, Equatable {
    /// The short id, `S1`, `S2`, …
    public var id: String
    /// The questions, copied when it opened so later config changes do not affect it.
    public var template: SurveyTemplate
    /// The anonymity threshold k: no aggregate covering fewer answers is ever shown. It can rise, never fall.
    public var threshold: Int
    /// When it opened.
    public var opensAt: Date
    /// When it closes.
    public var closesAt: Date
    /// How many members were invited.
    public var invited: Int
    /// The key of the participation tokens; destroyed at close.
    public var key: AnonymityKey?
    /// The tokens of the members whose answers are recorded, sorted; destroyed at close.
    public var tokens: [String]
    /// The recorded answers, batch by batch, each batch shuffled; replaced by `results` at close.
    public var batches: [[SurveyResponse]]
    /// When it closed, if it has.
    public var closedAt: Date?
    /// The results computed at close.
    public var results: SurveyResults?

    /// A survey that has just opened.
    public init(
        id: String, template: SurveyTemplate, threshold: Int, opensAt: Date, closesAt: Date, invited: Int,
        key: AnonymityKey
    ) {
        self.id = id
        self.template = template
        self.threshold = threshold
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.invited = invited
        self.key = key
        self.tokens = []
        self.batches = []
    }

    /// Whether it still takes answers.
    public var isOpen: Bool { closedAt == nil }

    /// The title.
    public var title: String { template.title }

    /// How many answers are recorded (after close: how many there were).
    public var responseCount: Int {
        results?.responses ?? batches.reduce(0) { $0 + $1.count }
    }
}
