import Foundation

/// What members respond to: per theme, the prompts posted and what they drew over a period, as it may be shown.
///
/// Replies, reactions and answerers are figures about members, held to the k-floor; prompts posted are
/// Convener's own posts and shown as they are. The response rate (answerers per prompt) is shown only when the
/// answerers reach k. Rows are ordered by response rate, highest first, so the first row is the theme that
/// draws most answers. `/cop prompt stats`, the trends page, the trends API and the report read it.
public struct PromptStatsTable: Sendable, Encodable {
    /// One theme's row.
    public struct Row: Sendable, Encodable, Equatable {
        /// The theme id.
        public var theme: String
        /// Prompts of the theme posted.
        public var posted: Int
        /// Replies in their threads.
        public var replies: ShownCount
        /// Reactions on them.
        public var reactions: ShownCount
        /// Members who replied, once per prompt.
        public var answerers: ShownCount
        /// Answerers per prompt, when the answerers reach k.
        public var responseRate: Double?

        /// The response rate as text: `2.4` answerers per prompt, or `–` while hidden.
        public var responseRateText: String {
            guard let responseRate else { return "–" }
            return responseRate.oneDecimalText
        }
    }

    /// The anonymity threshold.
    public var k: Int
    /// The themes that posted a prompt in the period, best response rate first.
    public var rows: [Row]

    /// The table of `totals` (by theme id) with threshold `k`.
    public init(totals: [String: PromptThemeCounts], k: Int) {
        self.k = k
        rows = totals.filter { $0.value.posted > 0 }.map { theme, counts in
            Row(
                theme: theme, posted: counts.posted, replies: ShownCount(counts.replies, k: k),
                reactions: ShownCount(counts.reactions, k: k), answerers: ShownCount(counts.answerers, k: k),
                responseRate: counts.answerers >= k ? Double(counts.answerers) / Double(counts.posted) : nil)
        }
        .sorted(by: Self.ranks)
    }

    /// The table of the weeks in `trends`.
    public init(_ trends: CommunityTrends) {
        self.init(totals: PromptThemeCounts.totals(of: trends.aggregates), k: trends.k)
    }

    /// The table as plain text for a chat reply.
    public var text: String {
        guard !rows.isEmpty else {
            return "No prompt has been posted yet, so there is nothing to compare. `/cop prompt now` posts one."
        }
        var lines = ["What members respond to (replies, reactions and answerers below \(k) show as \"< \(k)\"):"]
        for row in rows {
            lines.append(
                "• \(row.theme): \(row.posted) prompt\(row.posted == 1 ? "" : "s"), \(row.replies.text) replies, "
                    + "\(row.reactions.text) reactions, \(row.answerers.text) answerers, "
                    + "response rate \(row.responseRateText) answerers per prompt")
        }
        return lines.joined(separator: "\n")
    }

    // Shown rates first, highest first (ties: more prompts behind it, then by name); hidden rates after them by
    // name, so the order never tells a rate the k-floor hides.
    private static func ranks(_ lhs: Row, before rhs: Row) -> Bool {
        switch (lhs.responseRate, rhs.responseRate) {
        case (let left?, let right?):
            if left != right { return left > right }
            if lhs.posted != rhs.posted { return lhs.posted > rhs.posted }
            return lhs.theme < rhs.theme
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs.theme < rhs.theme
        }
    }
}
