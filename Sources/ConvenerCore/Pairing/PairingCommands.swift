import Foundation

/// The `/cop pair …` commands and the pairing buttons of one member: the facts they record and the replies.
struct PairingCommands {
    let context: CommandContext
    /// The replies so far, each shown only to the member.
    private(set) var replies: [String] = []

    init(context: CommandContext) {
        self.context = context
    }

    private var member: MemberID { context.member.id }
    private var book: PairingBook { context.state.pairing }
    private var settings: PairingSettings { context.reducer.settings.pairing }

    /// Adds a reply.
    mutating func reply(_ text: String) {
        replies.append(text)
    }

    /// `/cop pair join`: opt in, or change the profile; flags left out keep their current values.
    mutating func join(_ request: CommandPairJoinRequest) -> [Fact] {
        let existing = book.profiles[member]
        var profile = existing ?? PairingProfile(member: member)
        if let role = request.role { profile.role = PairingProfile.Role(rawValue: role.rawValue) ?? .peer }
        if let interests = request.interests { profile.interests = interests }
        if let zone = request.timeZone { profile.timeZone = zone }
        if let capacity = request.capacity { profile.capacity = capacity }
        let rejoined = existing?.optedIn == false
        profile.optedIn = true
        var text =
            existing == nil || rejoined
            ? "You're in! " : (profile == existing ? "You are already in. " : "Your pairing profile is updated. ")
        text += describe(profile)
        let programs = settings.programs.filter { $0.kind == .coffee || profile.role != .peer }
        if programs.isEmpty {
            text += "\nNo pairing program takes your role yet; the convenors can add one."
        } else {
            text +=
                "\nYou take part in: "
                + programs.map { program in
                    program.title + (next(program).map { " (next round \($0))" } ?? "")
                }.joined(separator: ", ") + "."
        }
        if profile.role != .mentor, request.capacity != nil {
            text += "\nNote: --capacity only counts for mentors; everyone else gets one partner per round."
        }
        if profile.role == .mentor, !settings.programs.contains(where: { $0.kind == .mentorship }) {
            text += "\nThere is no mentoring program yet, so for now you are paired for coffee."
        }
        text += "\n`/cop pair status` shows your profile, `/cop pair pause 2w` takes a break."
        reply(text)
        guard profile != existing else { return [] }
        return [.pairing(.profileSaved(profile))]
    }

    /// `/cop pair leave`.
    mutating func leave() -> [Fact] {
        guard var profile = book.profiles[member], profile.optedIn else {
            reply("You were not taking part in pairing, so nothing changed. `/cop pair join` opts you in.")
            return []
        }
        profile.optedIn = false
        reply(
            "Done: you will not be paired any more. Your interests and time zone are kept for when you come back "
                + "with `/cop pair join`; `/cop me forget` deletes them.")
        return [.pairing(.profileSaved(profile))]
    }

    /// `/cop pair pause DURATION`.
    mutating func pause(_ duration: CommandDuration) -> [Fact] {
        guard let profile = book.profiles[member], profile.optedIn else {
            reply("You are not taking part in pairing, so there is nothing to pause. `/cop pair join` opts you in.")
            return []
        }
        let until = context.now.addingTimeInterval(TimeInterval(duration.seconds))
        reply(
            "Paused: no pairing rounds for you until \(day(until)). `/cop pair resume` ends the pause early.")
        return [.pairing(.pauseChanged(member: member, until: until))]
    }

    /// `/cop pair resume`.
    mutating func resume() -> [Fact] {
        guard let profile = book.profiles[member], profile.isPaused(at: context.now) else {
            reply("Your pairing was not paused, so nothing changed. `/cop pair pause 2w` pauses it.")
            return []
        }
        reply("Welcome back: you are in the next pairing round again.")
        return [.pairing(.pauseChanged(member: member, until: nil))]
    }

    /// `/cop pair status`.
    mutating func status() -> [Fact] {
        guard let profile = book.profiles[member] else {
            reply(
                "You have not joined pairing yet. Try `/cop pair join --interests testing,design` to meet someone "
                    + "new each round.")
            return []
        }
        var lines = [(profile.optedIn ? "You take part in pairing. " : "You left pairing. ") + describe(profile)]
        if profile.isPaused(at: context.now), let until = profile.pausedUntil {
            lines.append("Paused until \(day(until)) (`/cop pair resume` ends it).")
        }
        if context.state.vacations.isAway(member, at: context.now) {
            lines.append("You are away (`/cop away`), so rounds skip you until you are back.")
        }
        if !profile.avoid.isEmpty {
            lines.append("You asked never to be paired with \(profile.avoid.count) member(s).")
        }
        if let latest = book.latestGroup(of: member) {
            let others = latest.group.members.filter { $0 != member }.map(name)
            lines.append(
                "Latest: round \(latest.round.number) (\(latest.round.program)) with "
                    + "\(PairingIntro.list(others)) on \(day(latest.round.at)).")
        }
        if profile.optedIn {
            for program in settings.programs where program.kind == .coffee || profile.role != .peer {
                if let next = next(program) { lines.append("Next \(program.title.lowercased()) round: \(next).") }
            }
        }
        reply(lines.joined(separator: "\n"))
        return []
    }

    /// `/cop pair not @member`.
    mutating func avoid(_ mention: MemberMention) -> [Fact] {
        guard let other = EngagementDirectory(state: context.state).resolve(mention, from: member) else {
            reply(
                "I don't know anyone called @\(mention.id) here yet, so nothing changed. Check the name, "
                    + "or use the platform's own mention.\nUsage: /cop pair not @member")
            return []
        }
        guard other != member else {
            reply("You cannot be paired with yourself anyway, so nothing changed.")
            return []
        }
        var facts: [Fact] = []
        var profile = book.profiles[member]
        if profile == nil {
            // Keeping the wish needs a profile; it stays opted out until `/cop pair join`.
            let fresh = PairingProfile(member: member, optedIn: false)
            facts.append(.pairing(.profileSaved(fresh)))
            profile = fresh
        }
        if profile?.avoid.contains(other) == true {
            reply("You already asked never to be paired with \(name(other)); nothing changed.")
            return []
        }
        facts.append(.pairing(.avoidAdded(member: member, other: other)))
        reply(
            "Noted: you will never be paired with \(name(other)). They are not told. "
                + "`/cop pair status` shows how many members you excluded.")
        return facts
    }

    /// A click on "Yes, we met" or "Not this time" for round `number`.
    mutating func answerMeeting(round number: Int, met: Bool) -> [Fact] {
        guard let round = book.round(number), round.group(of: member) != nil else {
            reply("That question is about a pairing round you were not part of, so nothing was recorded.")
            return []
        }
        let groups = round.groups.filter { $0.members.contains(member) }
        if groups.allSatisfy({ $0.answeredBy.contains(member) }) {
            reply("You already answered for round \(number); thanks again!")
            return []
        }
        var facts: [Fact] = [.pairing(.meetingAnswered(round: number, member: member, met: met))]
        if met {
            facts.append(.activityRecorded(member: member, kind: .meeting, at: context.now))
            reply("Lovely, thanks for telling us! It counts towards the community's round-up.")
        } else {
            reply("Thanks for letting us know. There is always the next round!")
        }
        return facts
    }

    private func describe(_ profile: PairingProfile) -> String {
        var parts = ["Role: \(profile.role.rawValue)"]
        parts.append(
            "interests: "
                + (profile.interests.isEmpty
                    ? "none yet (add some with --interests)"
                    : profile.interests.joined(separator: ", ")))
        parts.append("time zone: \(profile.timeZone ?? "\(context.profile.timeZoneName) (the community's)")")
        if profile.role == .mentor { parts.append("up to \(profile.capacity) mentee(s) per round") }
        return parts.joined(separator: "; ") + "."
    }

    private func next(_ program: PairingProgram) -> String? {
        guard let cadence = program.cadence, let expression = try? CronExpression(parsing: cadence) else {
            return nil
        }
        let schedule = CronSchedule(expression: expression, timeZone: context.profile.timeZone)
        return schedule.nextFire(after: context.now).map(day)
    }

    private func day(_ date: Date) -> String {
        context.profile.clockText.day(date)
    }

    private func name(_ id: MemberID) -> String {
        context.state.mention(id, acting: context.member)
    }
}
