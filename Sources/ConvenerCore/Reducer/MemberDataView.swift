import Foundation

/// Shows a member everything stored about them, as `/cop me` promises.
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
        return """
            Here is everything \(context.profile.name) stores about you:
            • id: \(member.id.rawValue)
            • name: \(member.displayName)
            • role: \(role)
            • joined: \(format(member.joinedAt))
            • last active: \(format(member.lastActiveAt))
            • activity: \(plural(member.activity.messages, "message")), \(plural(member.activity.commands, "command"))
            `/cop me export` gives you a JSON copy; `/cop me forget` deletes it all.
            """
    }

    /// The JSON copy of `/cop me export`.
    var export: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let json = (try? encoder.encode(context.member)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return "Your data in \(context.profile.name), as JSON:\n```\n\(json)\n```"
    }

    /// The question `/cop me forget` asks before deleting anything.
    var forgetQuestion: String {
        "This deletes everything \(context.profile.name) stores about you: your profile and activity. "
            + "It cannot be undone. Are you sure?"
    }

    private func format(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(timeZone: context.profile.timeZone)
        style = style.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false)
        return "\(date.formatted(style)) (\(context.profile.timeZone.identifier))"
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
