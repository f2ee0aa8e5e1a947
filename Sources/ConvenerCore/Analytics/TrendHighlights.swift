/// What a funder reads first: the community's size and growth, whether engagement is rising, and the period's
/// highlights, each held to the k-floor.
public struct TrendHighlights: Sendable, Encodable {
    /// Members at the end of the first week of the period.
    public var membersAtStart: ShownCount
    /// Members at the end of the period.
    public var membersAtEnd: ShownCount
    /// Members who joined during the period.
    public var joined: ShownCount
    /// Members who left during the period.
    public var left: ShownCount
    /// Average active members a week in the first half of the period.
    public var activeFirstHalf: ShownCount
    /// Average active members a week in the second half.
    public var activeSecondHalf: ShownCount
    /// `rising by 12%`, `falling by 8%`, `steady`, or why it cannot be said.
    public var engagementTrend: String
    /// Sentences about the period: its busiest week, kudos, meetings, prompts and round-ups.
    public var notes: [String]
    /// What the period's round-ups told: polls, surveys, kudos themes and the prompt themes answered most (only
    /// rates the k-floor lets show).
    public var roundUps: RoundUpHighlights

    /// The highlights of `trends`' period.
    public init(_ trends: CommunityTrends) {
        let k = trends.k
        let weeks = trends.aggregates
        membersAtStart = ShownCount(weeks.first?.members ?? 0, k: k)
        membersAtEnd = ShownCount(weeks.last?.members ?? 0, k: k)
        joined = trends.total(.joined)
        left = trends.total(.left)
        let half = weeks.count / 2
        func average(_ part: ArraySlice<WeeklyAggregate>) -> Int {
            part.isEmpty ? 0 : Int((Double(part.reduce(0) { $0 + $1.activeMembers }) / Double(part.count)).rounded())
        }
        let first = average(weeks[..<half])
        let second = average(weeks[half...])
        activeFirstHalf = ShownCount(first, k: k)
        activeSecondHalf = ShownCount(second, k: k)
        if weeks.count < 2 {
            engagementTrend = "not enough weeks yet to see a trend"
        } else if first < k || second < k {
            engagementTrend = "not shown: fewer than \(k) active members a week"
        } else {
            let change = Int((Double(second - first) / Double(first) * 100).rounded())
            engagementTrend = change > 2 ? "rising by \(change)%" : change < -2 ? "falling by \(-change)%" : "steady"
        }
        var notes: [String] = []
        if let busiest = weeks.max(by: { $0.counts.messages < $1.counts.messages }), busiest.counts.messages >= k {
            notes.append("The busiest week began \(busiest.label), with \(busiest.counts.messages) messages.")
        }
        let kudos = trends.total(.kudos)
        if case .value(let count) = kudos { notes.append("Members thanked each other with \(count) kudos.") }
        let intros = trends.total(.pairingIntros)
        let meetings = trends.total(.meetingsConfirmed)
        if case .value(let introduced) = intros {
            notes.append("\(introduced) pairing intros; \(meetings.text) confirmed they met.")
        }
        if case .value(let returned) = trends.total(.returned) {
            notes.append("\(returned) members came back after a quiet spell.")
        }
        let prompts = trends.total(.promptsPosted).number ?? 0
        let roundUps = trends.total(.roundUpsPosted).number ?? 0
        notes.append("Convener posted \(prompts) discussion prompts and \(roundUps) weekly round-ups.")
        self.notes = notes
        self.roundUps = RoundUpHighlights(trends)
    }
}
