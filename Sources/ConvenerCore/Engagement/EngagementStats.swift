import Foundation

/// `/cop stats`: community health for convenors, in aggregates only (counts, never who).
struct EngagementStats {
    let context: FeatureContext

    /// Members per tier now and a month ago.
    var tierCounts: (now: [EngagementTier: Int], monthAgo: [EngagementTier: Int]) {
        let state = context.state
        let monthAgo = context.now.addingTimeInterval(-30 * 86_400)
        var now = Dictionary(uniqueKeysWithValues: EngagementTier.allCases.map { ($0, 0) })
        for member in state.members.keys { now[state.engagement.tier(of: member), default: 0] += 1 }
        var before = now
        for move in state.engagement.tierMoves where move.at > monthAgo {
            before[move.to, default: 0] -= 1
            before[move.from, default: 0] += 1
        }
        before[.peripheral, default: 0] -= state.members.values.filter { $0.joinedAt > monthAgo }.count
        for tier in EngagementTier.allCases { before[tier] = max(0, before[tier] ?? 0) }
        return (now, before)
    }

    /// Activity of `kind` (nil: every kind) on the `days` UTC days ending `offset` days before today.
    func activity(_ kind: EngagementActivity? = nil, days: Int, offset: Int = 0) -> Int {
        var total = 0
        for back in offset..<(offset + days) {
            let day = KudosLedger.dayKey(of: context.now.addingTimeInterval(-Double(back) * 86_400), in: .gmt)
            guard let counts = context.state.engagement.activityByDay[day] else { continue }
            total += kind.map { counts[$0.rawValue] ?? 0 } ?? counts.values.reduce(0, +)
        }
        return total
    }

    /// The message.
    var text: String {
        let state = context.state
        let (now, before) = tierCounts
        let order = EngagementTier.allCases.reversed()
        let tiers = order.map { "\($0.rawValue) \(now[$0] ?? 0)" }.joined(separator: ", ")
        let monthAgo = context.now.addingTimeInterval(-30 * 86_400)
        let moves = state.engagement.tierMoves.filter { $0.at > monthAgo }
        let up = moves.filter { $0.to > $0.from }.count
        let down = moves.count - up
        let joined = state.members.values.filter { $0.joinedAt > monthAgo }.count
        let lastWeek = activity(days: 7)
        let weekBefore = activity(days: 7, offset: 7)
        var lines = [
            "📈 \(context.profile.name) at a glance (aggregates only)",
            "Members: \(state.members.count) (\(tiers))",
            "Since last month: \(joined) joined, \(up) moved up a tier, \(down) moved down; a month ago: "
                + order.map { "\($0.rawValue) \(before[$0] ?? 0)" }.joined(separator: ", "),
            "Activity: \(lastWeek) in the last 7 days, \(weekBefore) the week before (\(trend(lastWeek, weekBefore))); "
                + "\(activity(days: 30)) in the last 30 days",
            "Kudos given in the last 30 days: \(activity(.kudosGiven, days: 30))",
            "Poll votes in the last 30 days: \(activity(.vote, days: 30))",
            "Survey answers in the last 30 days: \(activity(.surveyParticipation, days: 30))",
            "Pairing meetings confirmed in the last 30 days: \(activity(.pairingMeeting, days: 30))",
        ]
        let sections: [(String, [String])] = [
            ("Polls", state.polls.digestLines(since: monthAgo, until: context.now)),
            ("Surveys", state.surveys.digestLines(since: monthAgo, until: context.now)),
            ("Pairing", state.pairing.digestLines(since: monthAgo, until: context.now)),
        ]
        for (title, extra) in sections where !extra.isEmpty {
            lines.append("\(title), last 30 days:")
            lines += extra.map { "• \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private func trend(_ recent: Int, _ earlier: Int) -> String {
        guard earlier > 0 else { return recent > 0 ? "up from none" : "steady" }
        let change = Int((Double(recent - earlier) / Double(earlier) * 100).rounded())
        if change == 0 { return "steady" }
        return change > 0 ? "up \(change)%" : "down \(-change)%"
    }
}
