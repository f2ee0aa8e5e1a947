import Foundation

/// Shows a member everything stored about them, as `/cop me` promises: their profile and activity, their
/// engagement (tier, kudos, birthday, roster place) and every feature's own lines.
struct MemberDataView {
    /// The action id of the button that confirms `/cop me forget`.
    static let confirmForgetAction = "me.forget.confirm"
    /// The action id of the button that cancels `/cop me forget`.
    static let keepDataAction = "me.forget.cancel"

    let context: CommandContext

    /// The plain-text summary of `/cop me`.
    var summary: String {
        let member = context.member
        let role = context.isConvenor ? "convenor" : "member"
        var lines = [
            "Here is everything \(context.profile.name) stores about you:",
            "• id: \(member.id.rawValue)",
            "• name: \(member.displayName)",
            "• role: \(role)",
            "• joined: \(format(member.joinedAt))",
            "• last active: \(format(member.lastActiveAt))",
            "• activity: " + activityParts.joined(separator: ", "),
        ]
        if !member.tags.isEmpty { lines.append("• tags: \(member.tags.joined(separator: ", "))") }
        if context.state.vacations.isAway(member.id, at: context.now) { lines.append("• away: yes") }
        lines += engagementLines.map { "• \($0)" }
        for (feature, featureLines) in featureData where !featureLines.isEmpty {
            lines += featureLines.map { "• \(feature): \($0)" }
        }
        lines.append("`/cop me export` gives you a JSON copy; `/cop me forget` deletes it all.")
        return lines.joined(separator: "\n")
    }

    /// The JSON copy of `/cop me export`: the member record, engagement data and every feature's lines.
    var export: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = MemberDataExport(
            member: context.member, engagement: engagementExport,
            features: Dictionary(featureData.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first }))
        let json = (try? encoder.encode(data)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return "Your data in \(context.profile.name), as JSON:\n```\n\(json)\n```"
    }

    /// The question `/cop me forget` asks before deleting anything.
    var forgetQuestion: String {
        "This deletes everything \(context.profile.name) stores about you: your profile, activity, tier, birthday, "
            + "roster place, e-mail address, the kudos you gave and your pairing and poll data; kudos others gave you stay, "
            + "thanking \"a member\". It cannot be undone. Are you sure?"
    }

    private var activityParts: [String] {
        let activity = context.member.activity
        return [
            plural(activity.messages, "message"), plural(activity.commands, "command"),
            plural(activity.votes, "vote"), "\(activity.kudos) kudos given", plural(activity.surveys, "survey"),
            plural(activity.meetings, "meeting"),
        ]
    }

    /// What engagement stores, one line each.
    private var engagementLines: [String] {
        let export = engagementRecord
        var lines = ["engagement: \(export.tier) tier, score \(export.score.oneDecimalText)"]
        lines += kudosLines
        lines.append("birthday: " + (export.birthday ?? "not given (`/cop me birthday MM-DD` opts in)"))
        if let zone = export.timeZone { lines.append("time zone: \(zone)") }
        if let roster = export.roster {
            lines.append("facilitator roster: on it, \(plural(roster.turns, "turn")) taken")
        }
        return lines
    }

    /// The kudos the member received and gave, each as a count and the newest few: an active member's 90 days can
    /// hold hundreds, more than a chat message shows, and `/cop me export` has them all.
    private var kudosLines: [String] {
        let id = context.member.id
        let ledger = context.state.engagement.kudos
        let directory = EngagementDirectory(state: context.state)
        let zone = context.profile.timeZone
        return KudosListing(ledger.entries(receivedBy: id)).lines(heading: "kudos received (last 90 days)") {
            "  “\($0.reason)” from \(directory.plainName($0.giver)) on \(day($0.at, zone))"
        }
            + KudosListing(ledger.entries(givenBy: id)).lines(heading: "kudos given (last 90 days)") {
                "  “\($0.reason)” to \(directory.plainName($0.receiver)) on \(day($0.at, zone))"
            }
    }

    /// What engagement stores about the member, every kudos they received and gave included.
    private var engagementExport: MemberDataExport.Engagement {
        let id = context.member.id
        let directory = EngagementDirectory(state: context.state)
        let zone = context.profile.timeZone
        let ledger = context.state.engagement.kudos
        var engagement = engagementRecord
        engagement.kudosReceived = ledger.entries(receivedBy: id).map {
            MemberDataExport.Kudos(
                from: directory.plainName($0.giver), to: nil, reason: $0.reason, on: day($0.at, zone))
        }
        engagement.kudosGiven = ledger.entries(givenBy: id).map {
            MemberDataExport.Kudos(
                from: nil, to: directory.plainName($0.receiver), reason: $0.reason, on: day($0.at, zone))
        }
        return engagement
    }

    /// What engagement stores about the member besides the kudos, which only the export lists in full.
    private var engagementRecord: MemberDataExport.Engagement {
        let book = context.state.engagement
        let id = context.member.id
        let zone = context.profile.timeZone
        let policy = context.reducer.settings.engagement.scoring
        let score = book.members.score(of: id, at: context.now, policy: policy) ?? 0
        let birthday = book.birthdays[id].map { String(format: "%02d-%02d", $0.month, $0.day) }
        let roster = book.roster.entries.first { $0.member == id }.map {
            MemberDataExport.Roster(turns: $0.turns, joined: day($0.joinedAt, zone))
        }
        return MemberDataExport.Engagement(
            tier: book.tier(of: id).rawValue, score: (score * 10).rounded() / 10, kudosReceived: [],
            kudosGiven: [], birthday: birthday, timeZone: book.timeZones[id], roster: roster)
    }

    /// Every other feature's lines about the member.
    private var featureData: [(String, [String])] {
        let state = context.state
        let id = context.member.id
        return [
            ("polls", state.polls.memberDataLines(id)), ("feedback", state.feedback.memberDataLines(id)),
            ("surveys", state.surveys.memberDataLines(id)), ("pairing", state.pairing.memberDataLines(id)),
            ("email", state.mail.memberDataLines(id)), ("prompts", state.prompts.memberDataLines(id)),
        ]
    }

    private func day(_ date: Date, _ zone: TimeZone) -> String {
        CelebrationDate(date, in: zone).description
    }

    private func format(_ date: Date) -> String {
        context.profile.clockText.dateTime(date)
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

/// A member's kudos as `/cop me` lists them: the count, and the newest `shown`.
private struct KudosListing {
    static let shown = 5
    let count: Int
    private let newest: [KudosEntry]

    /// The listing of `kudos`, oldest first.
    init(_ kudos: LazyMapCollection<[Int], KudosEntry>) {
        count = kudos.count
        newest = Array(kudos.suffix(Self.shown))
    }

    /// The heading with the count, the newest kudos oldest first, and how many earlier ones the export lists.
    func lines(heading: String, _ line: (KudosEntry) -> String) -> [String] {
        var lines = ["\(heading): \(count)"]
        lines += newest.map(line)
        if count > newest.count {
            lines.append("  … and \(count - newest.count) earlier (`/cop me export` lists them all)")
        }
        return lines
    }
}

/// The JSON shape of `/cop me export`.
struct MemberDataExport: Encodable {
    /// Kudos as the member sees them.
    struct Kudos: Encodable {
        let from: String?
        let to: String?
        let reason: String
        let on: String
    }

    /// The member's roster place.
    struct Roster: Encodable {
        let turns: Int
        let joined: String
    }

    /// What engagement stores.
    struct Engagement: Encodable {
        let tier: String
        let score: Double
        var kudosReceived: [Kudos]
        var kudosGiven: [Kudos]
        let birthday: String?
        let timeZone: String?
        let roster: Roster?
    }

    let member: Member
    let engagement: Engagement
    let features: [String: [String]]

    private enum CodingKeys: String, CodingKey {
        case engagement, features
    }

    /// The member record's fields at the top level (as before engagement existed), then `engagement` and
    /// `features`.
    func encode(to encoder: any Encoder) throws {
        try member.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(engagement, forKey: .engagement)
        try container.encode(features, forKey: .features)
    }
}
