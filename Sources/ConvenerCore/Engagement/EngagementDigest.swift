import Foundation

/// The round-up: one plain-text message, readable on every platform, of what happened in the last days and what
/// comes next. Built from state only; every feature contributes its own lines through `digestLines`.
struct EngagementDigest {
    /// The most kudos receivers listed by name; the rest are counted.
    static let kudosLines = 8

    let context: FeatureContext
    /// How many days it covers, ending now.
    let days: Int

    /// The message.
    var text: String {
        let now = context.now
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        let state = context.state
        let zone = context.profile.timeZone
        let directory = EngagementDirectory(state: state)
        var blocks: [String] = []
        let newcomers = state.members.values.filter { $0.joinedAt >= since && $0.joinedAt < now }
            .sorted { $0.joinedAt != $1.joinedAt ? $0.joinedAt < $1.joinedAt : $0.id < $1.id }
        if !newcomers.isEmpty {
            blocks.append("👋 Welcome to our new members: " + newcomers.map { directory.name($0.id) }.list + ".")
        }
        let kudos = kudosBlock(since: since, until: now, directory: directory)
        if let kudos { blocks.append(kudos) }
        let sections: [(String, [String])] = [
            ("📊 Polls", state.polls.digestLines(since: since, until: now)),
            ("📝 Surveys", state.surveys.digestLines(since: since, until: now)),
            ("☕ Pairs who met", state.pairing.digestLines(since: since, until: now)),
            ("💬 Feedback", state.feedback.digestLines(since: since, until: now)),
        ]
        for (title, lines) in sections where !lines.isEmpty {
            blocks.append(([title] + lines.map { "• \($0)" }).joined(separator: "\n"))
        }
        var comingUp = EngagementCelebrations.due(after: now, through: now.addingTimeInterval(7 * 86_400), context)
            .map { "• " + EngagementCelebrations.describe($0, name: directory.name) }
        let roster = state.engagement.roster
        if let upcoming = roster.upcoming {
            comingUp.append(
                "• Facilitated session on \(CelebrationDate(upcoming.turnAt, in: zone)) with "
                    + "\(directory.name(upcoming.member))")
        } else if !roster.entries.isEmpty,
            let turn = context.settings.engagement.roster.nextTurn(after: now, in: zone)
        {
            comingUp.append("• Facilitated session on \(CelebrationDate(turn, in: zone)) (facilitator to be announced)")
        }
        if !comingUp.isEmpty { blocks.append((["🎉 Coming up"] + comingUp).joined(separator: "\n")) }
        if let upcoming = roster.upcoming {
            blocks.append("🧭 Next facilitator: \(directory.name(upcoming.member)). Thank you!")
        } else if roster.entries.isEmpty {
            blocks.append("🧭 Facilitators take turns: `/cop roster join` puts you on the roster.")
        }
        if let theme = context.reducer.prompts.theme(context.reducer.defaultPromptTheme)?.title {
            blocks.append("💡 Next prompt theme: \(theme).")
        }
        if newcomers.isEmpty && kudos == nil && sections.allSatisfy(\.1.isEmpty) {
            blocks.insert(
                "A quiet stretch: a good moment to say hello in #\(context.profile.channel) or to thank someone "
                    + "with `/cop kudos @member WHY`.", at: 0)
        }
        let header =
            "🗞️ Round-up of \(context.profile.name), \(CelebrationDate(since, in: zone)) to "
            + "\(CelebrationDate(now, in: zone))"
        return ([header] + blocks).joined(separator: "\n\n")
    }

    /// Kudos of the period, receivers ranked (spotlighting the unseen when configured), with their reasons.
    private func kudosBlock(since: Date, until: Date, directory: EngagementDirectory) -> String? {
        let book = context.state.engagement
        let settings = context.settings.engagement
        var tiers: [MemberID: EngagementTier] = [:]
        for (member, record) in book.members.records { tiers[member] = record.tier }
        let policy =
            settings.spotlight
            ? settings.kudos
            : KudosPolicy(peripheralBoost: 1, occasionalBoost: 1, activeBoost: 1, coreBoost: 1)
        let ranked = book.kudos.spotlight(from: since, to: until, tiers: tiers, policy: policy)
        guard !ranked.isEmpty else { return nil }
        let total = ranked.map(\.count).reduce(0, +)
        var lines = ["🙌 Kudos given: \(total)"]
        for line in ranked.prefix(Self.kudosLines) {
            let reasons = line.reasons.map { "“\($0)”" }.joined(separator: "; ")
            lines.append("• \(directory.name(line.member)): \(reasons)")
        }
        if ranked.count > Self.kudosLines {
            lines.append("• and \(ranked.count - Self.kudosLines) more members thanked")
        }
        return lines.joined(separator: "\n")
    }
}

extension Array where Element == String {
    /// "a", "a and b", "a, b and c".
    fileprivate var list: String {
        guard count > 1, let last else { return first ?? "" }
        return dropLast().joined(separator: ", ") + " and " + last
    }
}
