import Foundation

/// The direct messages of a round: an intro to each member of each group, a note to those left unplaced, and
/// later the "did you meet?" question.
struct PairingIntro {
    /// A first question when the prompt library has no `pairing-starters` theme.
    static let fallbackQuestion = "What are you working on at the moment that you would love a second opinion on?"
    /// The prompt theme first questions come from.
    static let starterTheme = "pairing-starters"

    let round: PairingRound
    let program: PairingProgram
    let scorer: PairingScorer?
    let state: CommunityState
    let reducer: CommunityReducer
    let now: Date

    /// The intros and unplaced notes, as outbox facts.
    func messages() -> [Fact] {
        var facts: [Fact] = []
        for (groupIndex, group) in round.groups.enumerated() {
            let question = firstQuestion(groupIndex)
            let why = reasons(group)
            for (position, member) in group.members.enumerated() {
                let others = group.members.filter { $0 != member }.map(name)
                var text = "\(heading) you are meeting \(Self.list(others))"
                if program.kind == .mentorship {
                    text += position == 0 ? " as their mentor." : ", who will be your mentor."
                } else {
                    text += "."
                }
                if !why.isEmpty { text += "\nWhy you were paired: \(why)." }
                text += "\nA first question to get you started: \(question)"
                var files: [OutboundAttachment] = []
                if let offer = invitation(groupIndex: groupIndex, member: member, group: group) {
                    text += "\n" + offer.line
                    files.append(offer.file)
                }
                text +=
                    "\nFind a time that suits you \(others.count > 1 ? "all" : "both") and say hi! "
                    + "`/cop pair pause 2w` skips rounds for a while, `/cop pair leave` stops them."
                facts.append(
                    queue(
                        id: "pairing.\(round.number).intro.\(groupIndex).\(position)", to: member, text,
                        attachments: files))
            }
        }
        for (index, member) in round.unplaced.enumerated() {
            let text =
                "\(heading) this time nobody could be matched with you: everyone else was a recent partner, on "
                + "a `not` list, outside your working hours, or (for mentoring) without room. "
                + "You stay in for the next round, nothing to do."
            facts.append(queue(id: "pairing.\(round.number).unplaced.\(index)", to: member, text))
        }
        return facts
    }

    /// "Did you meet?" to each member of each group, with Yes/No buttons.
    func followUps() -> [Fact] {
        var facts: [Fact] = []
        for (groupIndex, group) in round.groups.enumerated() {
            for (position, member) in group.members.enumerated() {
                let others = group.members.filter { $0 != member }.map(name)
                guard !others.isEmpty else { continue }
                let text =
                    "Did you get to meet \(Self.list(others)) (\(program.title.lowercased()) round \(round.number))? "
                    + "Your answer only counts towards the community's totals."
                let actions = [
                    MessageAction(id: "pair.met.\(round.number).yes", label: "Yes, we met"),
                    MessageAction(id: "pair.met.\(round.number).no", label: "Not this time"),
                ]
                let id = "pairing.\(round.number).followup.\(groupIndex).\(position)"
                facts.append(queue(id: id, to: member, text, actions: actions))
            }
        }
        return facts
    }

    /// "📅 A time inside both your working hours: …, add it to your calendar: LINK", on the member's own clock, and
    /// the same invitation as a file for the platforms that take files.
    ///
    /// The file carries no ORGANIZER or ATTENDEE: it is kept by the chat platform, where `/cop me forget` cannot
    /// reach, so no member's e-mail address goes into it (the link, served fresh, adds them; see PairingInvitation).
    private func invitation(groupIndex: Int, member: MemberID, group: PairingGroup)
        -> (line: String, file: OutboundAttachment)?
    {
        guard let signing = reducer.profile.invitationSigning,
            let slot = PairingInvitation.slot(
                round: round, group: groupIndex, workingHours: program.workingHours, profile: reducer.profile)
        else { return nil }
        let zoneName = round.pool.first { $0.member == member }?.timeZone ?? reducer.profile.timeZoneName
        let zone = TimeZone(identifier: zoneName) ?? reducer.profile.timeZone
        let when = CommunityClockText(timeZone: zone, zoneName: zoneName).dateTime(slot.start)
        let link = PairingInvitationLink(community: reducer.profile.id, round: round.number, group: groupIndex)
        let line =
            "📅 A time inside \(group.members.count > 2 ? "all" : "both") your working hours: \(when). Add it to your "
            + "calendar: \(signing.baseURL)\(link.path(key: signing.key))"
        let names = group.members.map { state.members[$0]?.displayName ?? $0.user }
        let document = PairingInvitation(
            profile: reducer.profile, round: round, group: groupIndex, slot: slot, names: names
        ).document()
        return (line, OutboundAttachment(name: "invitation.ics", mimeType: "text/calendar", text: document))
    }

    private var heading: String {
        program.kind == .mentorship
            ? "🌱 Mentoring round \(round.number) of \(reducer.profile.name):"
            : "☕ \(program.title) round \(round.number) of \(reducer.profile.name):"
    }

    /// Shared interests, overlapping working hours and roles, joined in one line.
    private func reasons(_ group: PairingGroup) -> String {
        guard let scorer else { return "" }
        let indices = group.members.compactMap { member in round.pool.firstIndex { $0.member == member } }
        guard indices.count == group.members.count, indices.count >= 2 else { return "" }
        var parts: [String] = []
        var shared = Set(round.pool[indices[0]].interests)
        for index in indices.dropFirst() { shared.formIntersection(round.pool[index].interests) }
        let ordered = round.pool[indices[0]].interests.filter { shared.contains($0) }
        if !ordered.isEmpty {
            parts.append("you share an interest in \(Self.list(ordered))")
        }
        var overlap = Int.max
        for a in indices {
            for b in indices where a < b { overlap = min(overlap, scorer.overlapMinutes(a, b)) }
        }
        if overlap < program.workingHours.lengthMinutes {
            parts.append("your working hours overlap by about \(max(1, overlap / 60)) hour(s)")
        } else {
            parts.append("you keep the same working hours")
        }
        if program.kind == .mentorship {
            parts.append("\(name(group.members[0])) offered to mentor and \(name(group.members[1])) asked for a mentor")
        } else {
            let tiers = Set(indices.map { round.pool[$0].tier })
            if tiers.count > 1 { parts.append("one of you is newer here and one knows the community well") }
        }
        return parts.joined(separator: "; ")
    }

    private func firstQuestion(_ groupIndex: Int) -> String {
        guard let theme = reducer.prompts.theme(Self.starterTheme), !theme.prompts.isEmpty else {
            return Self.fallbackQuestion
        }
        let prompt = theme.prompts[(round.number * 7 + groupIndex) % theme.prompts.count]
        return prompt.text
    }

    private func name(_ member: MemberID) -> String {
        state.mention(member)
    }

    private func queue(
        id: String, to member: MemberID, _ text: String, actions: [MessageAction] = [],
        attachments: [OutboundAttachment] = []
    ) -> Fact {
        let message = OutboundMessage(
            id: id, audience: .direct(member), text: text, actions: actions, attachments: attachments)
        return .messageQueued(OutboxEntry(message: message, queuedAt: now, respecting: reducer.profile))
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
