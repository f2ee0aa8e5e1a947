/// The funnel of a period: how members moved between tiers, came back after going quiet, followed pairing
/// intros through, and took part in surveys and polls. A rate is shown only when both of its counts reach k.
public struct TrendFunnel: Sendable, Encodable {
    /// One rate: its counts as shown, and the percentage when both reach k.
    public struct Rate: Sendable, Encodable {
        /// What is counted.
        public var title: String
        /// The numerator as shown.
        public var part: ShownCount
        /// The denominator as shown.
        public var whole: ShownCount
        /// The percentage, rounded; nil when a count is below k or the whole is zero.
        public var percent: Int?

        /// The rate `part` of `whole`, held to the floor `k`.
        init(_ title: String, part: Int, whole: Int, k: Int) {
            self.title = title
            self.part = ShownCount(part, k: k)
            self.whole = ShownCount(whole, k: k)
            percent =
                part >= k && whole >= k && whole > 0
                ? Int((Double(part) / Double(whole) * 100).rounded()) : nil
        }

        /// `62%`, or `< k` when it may not be shown.
        public var text: String {
            percent.map { "\($0)%" } ?? "not shown (counts below k)"
        }
    }

    /// One tier move over the period.
    public struct Move: Sendable, Encodable {
        /// The tier left.
        public var from: String
        /// The tier joined.
        public var to: String
        /// How many moved, as shown.
        public var count: ShownCount
        /// Whether the move is towards the core.
        public var inwards: Bool
    }

    /// Tier moves, inward first (peripheral → occasional → active → core), then outward.
    public var moves: [Move]
    /// Quiet members back within 14 days of their nudge, of all who went quiet.
    public var reengagement: Rate
    /// Pairing groups that confirmed a meeting, of all introduced.
    public var pairing: Rate
    /// Survey answers, of invitations.
    public var surveys: Rate
    /// Poll votes, of the votes possible (polls opened × members).
    public var polls: Rate

    /// The funnel of `trends`' period.
    public init(_ trends: CommunityTrends) {
        let k = trends.k
        var sums = WeekCounts()
        for week in trends.aggregates {
            let counts = week.counts
            sums.wentQuiet += counts.wentQuiet
            sums.returnedWithin14Days += counts.returnedWithin14Days
            sums.pairingIntros += counts.pairingIntros
            sums.meetingsConfirmed += counts.meetingsConfirmed
            sums.surveyResponses += counts.surveyResponses
            sums.surveysInvited += counts.surveysInvited
            sums.pollVotes += counts.pollVotes
            sums.pollsOpened += counts.pollsOpened
            sums.tierMoves.merge(counts.tierMoves, uniquingKeysWith: +)
        }
        let tiers = EngagementTier.allCases.sorted()
        var moves: [Move] = []
        for inwards in [true, false] {
            for from in tiers {
                for to in tiers where from != to && (from < to) == inwards {
                    guard let count = sums.tierMoves[WeekCounts.moveKey(from: from, to: to)] else { continue }
                    moves.append(
                        Move(from: from.rawValue, to: to.rawValue, count: ShownCount(count, k: k), inwards: inwards))
                }
            }
        }
        self.moves = moves
        reengagement = Rate(
            "Back within 14 days of going quiet", part: sums.returnedWithin14Days, whole: sums.wentQuiet, k: k)
        pairing = Rate(
            "Pairing intros that led to a meeting", part: sums.meetingsConfirmed, whole: sums.pairingIntros, k: k)
        surveys = Rate("Survey invitations answered", part: sums.surveyResponses, whole: sums.surveysInvited, k: k)
        let members = trends.aggregates.last?.members ?? 0
        polls = Rate("Poll votes of members × polls", part: sums.pollVotes, whole: sums.pollsOpened * members, k: k)
    }

    /// The four rates, in the order the funnel shows them.
    public var rates: [Rate] { [reengagement, pairing, surveys, polls] }
}
