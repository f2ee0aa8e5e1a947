import ConvenerCore
import Foundation

/// What the trends page and the funders' report show, ready for their templates: the charts, the funnel, the
/// highlights and the period picker. Built from `CommunityTrends`, so every figure is already held to k.
struct TrendsView {
    struct Period {
        let label: String
        let href: String
        let current: Bool
    }

    struct Rate {
        let title: String
        let part: String
        let whole: String
        let text: String
    }

    struct PromptRow {
        let theme: String
        let posted: Int
        let replies: String
        let reactions: String
        let answerers: String
        let responseRate: String
    }

    struct Move {
        let from: String
        let to: String
        let count: String
        let direction: String
    }

    let community: String
    let communityID: String
    let k: Int
    let from: String
    let to: String
    let weekCount: Int
    let requestedWeeks: Int
    let generatedAt: String
    let charts: [ChartView]
    let periods: [Period]
    let rates: [Rate]
    let moves: [Move]
    let hasMoves: Bool
    let membersAtStart: String
    let membersAtEnd: String
    let joined: String
    let left: String
    let activeFirstHalf: String
    let activeSecondHalf: String
    let engagementTrend: String
    let notes: [String]
    let roundUps: [String]
    let hasRoundUps: Bool
    let prompts: [PromptRow]
    let hasPrompts: Bool

    /// The week counts the period picker offers.
    static let periodChoices = [12, 26, 52, 156]

    /// Which charts a page shows: all of them on the dashboard, the three a funder reads on the one-page report.
    enum ChartSet {
        case dashboard
        case report
    }

    /// The view of `trends` for community `communityID` at `now`.
    /// `requested` is the number of weeks asked for (the history may hold fewer yet).
    init(_ trends: CommunityTrends, communityID: String, now: Date, charts set: ChartSet, requested: Int? = nil) {
        community = trends.community
        self.communityID = communityID
        k = trends.k
        from = trends.weeks.first?.week ?? "-"
        to = trends.weeks.last?.week ?? "-"
        weekCount = trends.weeks.count
        requestedWeeks = requested ?? trends.weeks.count
        generatedAt = now.formatted(.iso8601)
        let charts = [
            ChartView(
                id: "members", title: "Members by tier",
                howToRead: "How many members sit in each tier at the end of each week, from peripheral to core.",
                columns: [.peripheral, .occasional, .active, .core], trends: trends, area: true),
            ChartView(
                id: "engagement", title: "Engagement",
                howToRead: "Members in the community and how many of them did anything that week.",
                columns: [.members, .activeMembers], trends: trends),
            ChartView(
                id: "activity", title: "Activity",
                howToRead: "Messages, reactions and commands each week.",
                columns: [.messages, .reactions, .commands], trends: trends),
            ChartView(
                id: "movement", title: "Arrivals and returns",
                howToRead: "Who joined, left, went quiet and came back each week.",
                columns: [.joined, .left, .wentQuiet, .returned], trends: trends),
            ChartView(
                id: "participation", title: "Participation",
                howToRead: "Poll votes, survey answers, kudos and confirmed pairing meetings each week.",
                columns: [.pollVotes, .surveyResponses, .kudos, .meetingsConfirmed], trends: trends),
            ChartView(
                id: "prompts", title: "Prompt responses",
                howToRead: "Replies in the threads of Convener's prompts, reactions on them, and the members who "
                    + "answered.",
                columns: [.promptReplies, .promptReactions, .promptAnswerers], trends: trends),
        ]
        self.charts =
            set == .dashboard ? charts : charts.filter { ["members", "engagement", "participation"].contains($0.id) }
        periods = Self.periodChoices.map { weeks in
            Period(
                label: "\(weeks) weeks", href: "/dashboard/trends?community=\(communityID)&weeks=\(weeks)",
                current: weeks == requested ?? trends.weeks.count)
        }
        let funnel = TrendFunnel(trends)
        rates = funnel.rates.map { Rate(title: $0.title, part: $0.part.text, whole: $0.whole.text, text: $0.text) }
        moves = funnel.moves.map {
            Move(from: $0.from, to: $0.to, count: $0.count.text, direction: $0.inwards ? "inwards" : "outwards")
        }
        hasMoves = !moves.isEmpty
        let highlights = TrendHighlights(trends)
        membersAtStart = highlights.membersAtStart.text
        membersAtEnd = highlights.membersAtEnd.text
        joined = highlights.joined.text
        left = highlights.left.text
        activeFirstHalf = highlights.activeFirstHalf.text
        activeSecondHalf = highlights.activeSecondHalf.text
        engagementTrend = highlights.engagementTrend
        notes = highlights.notes
        roundUps = highlights.roundUps.lines
        hasRoundUps = !roundUps.isEmpty
        prompts = PromptStatsTable(trends).rows.map {
            PromptRow(
                theme: $0.theme, posted: $0.posted, replies: $0.replies.text, reactions: $0.reactions.text,
                answerers: $0.answerers.text, responseRate: $0.responseRateText)
        }
        hasPrompts = !prompts.isEmpty
    }
}
