import Foundation

/// The trends of a period as one JSON document: the trends API's answer and `convener report --format json`.
/// Every member figure is a number of at least k or the string `"< k"`.
public struct TrendsDocument: Sendable, Encodable {
    /// The community's name.
    public var community: String
    /// The anonymity threshold.
    public var k: Int
    /// The first week's Monday, `YYYY-MM-DD` (nil for an empty period).
    public var from: String?
    /// The last week's Monday.
    public var to: String?
    /// The weeks, oldest first.
    public var weeks: [CommunityTrends.Week]
    /// Tier movement and participation rates.
    public var funnel: TrendFunnel
    /// Size, growth, engagement trend and notes.
    public var highlights: TrendHighlights
    /// What members respond to: the prompts of each theme and what they drew in the period.
    public var prompts: PromptStatsTable

    /// The document of `trends`.
    public init(_ trends: CommunityTrends) {
        community = trends.community
        k = trends.k
        from = trends.weeks.first?.week
        to = trends.weeks.last?.week
        weeks = trends.weeks
        funnel = TrendFunnel(trends)
        highlights = TrendHighlights(trends)
        prompts = PromptStatsTable(trends)
    }

    /// The document as sorted-key JSON with ISO 8601 dates.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(self)
    }
}
