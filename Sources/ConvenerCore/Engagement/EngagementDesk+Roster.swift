import Foundation

extension EngagementDesk {
    /// `/cop roster join|leave|skip|swap @member|who`.
    static func roster(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder)
        -> FeatureEffects
    {
        let feature = context.feature
        let directory = EngagementDirectory(state: context.state, acting: context.member)
        let member = context.member.id
        var roster = context.state.engagement.roster
        let away = awaySet(roster, feature, adding: member)
        let zone = context.profile.timeZone
        var announcement: RosterAnnouncement?
        do {
            switch command {
            case .rosterJoin:
                replies.ephemeral(try roster.join(member, at: context.now, away: away))
                announcement = scheduleIfDue(&roster, feature, away: awaySet(roster, feature, adding: member))
            case .rosterLeave:
                let change = try roster.leave(member, away: away, name: directory.name)
                replies.ephemeral(change.reply)
                announcement = change.announcement
            case .rosterSkip:
                let change = try roster.skip(member, at: context.now, away: away, name: directory.name)
                replies.ephemeral(change.reply)
                announcement = change.announcement
            case .rosterSwap(let mention):
                guard let other = directory.resolve(mention, from: member) else {
                    replies.ephemeral(
                        "I don't know @\(mention.id) here. `/cop roster who` lists the roster.\n"
                            + "Usage: \(CommandTable.usage(forName: "roster.swap"))")
                    return FeatureEffects()
                }
                let change = try roster.swap(member, with: other, at: context.now, away: away, name: directory.name)
                replies.ephemeral(change.reply)
                announcement = change.announcement
            default:
                replies.ephemeral(roster.who(away: away, timeZone: zone, name: directory.name))
                return FeatureEffects()
            }
        } catch {
            replies.ephemeral(error.message(name: directory.name))
            return FeatureEffects()
        }
        var facts: [Fact] = [.engagement(.rosterChanged(roster))]
        if let announcement {
            facts += announce(
                announcement, roster: roster, feature, id: "\(context.inputID).roster", acting: context.member)
        }
        return FeatureEffects(facts: facts)
    }

    /// The roster on every tick: completes a turn whose time has come, moves an upcoming turn away from a member
    /// who went away, and announces the next turn once it is `announceDaysAhead` days off. Cheap when idle.
    static func rosterTick(_ context: FeatureContext) -> FeatureEffects {
        var roster = context.state.engagement.roster
        guard !roster.entries.isEmpty else { return FeatureEffects() }
        let before = roster
        let away = awaySet(roster, context)
        var announcement: RosterAnnouncement?
        if let upcoming = roster.upcoming {
            if upcoming.turnAt <= context.now {
                _ = roster.completeTurn(at: upcoming.turnAt, away: away)
                announcement = scheduleIfDue(&roster, context, away: away)
            } else if away.contains(upcoming.member) {
                announcement = roster.schedule(turnAt: upcoming.turnAt, now: context.now, away: away)
            }
        } else {
            announcement = scheduleIfDue(&roster, context, away: away)
        }
        guard roster != before else { return FeatureEffects() }
        var facts: [Fact] = [.engagement(.rosterChanged(roster))]
        if let announcement {
            let id = "tick.\(Int(context.now.timeIntervalSince1970)).roster"
            facts += announce(announcement, roster: roster, context, id: id)
        }
        return FeatureEffects(facts: facts)
    }

    /// Picks the facilitator of the next turn when nobody is up yet and the turn is close enough to announce.
    private static func scheduleIfDue(_ roster: inout RosterState, _ context: FeatureContext, away: Set<MemberID>)
        -> RosterAnnouncement?
    {
        guard roster.upcoming == nil else { return nil }
        let cadence = context.settings.engagement.roster
        guard let turn = cadence.nextTurn(after: context.now, in: context.profile.timeZone),
            turn.timeIntervalSince(context.now) <= Double(max(0, cadence.announceDaysAhead)) * 86_400
        else { return nil }
        return roster.schedule(turnAt: turn, now: context.now, away: away)
    }

    /// The channel announcement with its handoff line, and the handoff note to the facilitator by DM.
    private static func announce(
        _ announcement: RosterAnnouncement, roster: RosterState, _ context: FeatureContext, id: String,
        acting: Member? = nil
    ) -> [Fact] {
        let directory = EngagementDirectory(state: context.state, acting: acting)
        let zone = context.profile.timeZone
        var channel = announcement.message(timeZone: zone, name: directory.name)
        let previous = roster.entries.filter { $0.member != announcement.member && $0.lastTurnAt != nil }
            .max { ($0.lastTurnAt ?? .distantPast) < ($1.lastTurnAt ?? .distantPast) }
        var handoff = "You're the roster's first facilitator, so there is no handoff yet: start as you like."
        if let previous, let last = previous.lastTurnAt {
            let when = CelebrationDate(last, in: zone)
            channel += "\nHandoff: \(directory.name(previous.member)) facilitated last, on \(when)."
            handoff = "\(directory.name(previous.member)) facilitated last, on \(when): ask them how it went."
        }
        let theme = context.reducer.prompts.theme(context.reducer.defaultPromptTheme)?.title
        let name = directory.state.displayName(of: announcement.member, acting: acting)
        var note =
            "Hi \(name), you're facilitating \(context.profile.name) in #\(context.profile.channel) on "
            + "\(CelebrationDate(announcement.turnAt, in: zone)). Handoff note: \(handoff)"
        if let theme { note += " The next prompt theme is \(theme)." }
        note += " Can't make it? `/cop roster skip` passes the turn on, `/cop roster swap @member` trades it."
        return [
            EngagementOutbox.queue(.channel, channel, id: id, context),
            EngagementOutbox.queue(.direct(announcement.member), note, id: "\(id).handoff", context),
        ]
    }

    /// Roster members away at `now` (and `adding`, when that member is away too).
    private static func awaySet(_ roster: RosterState, _ context: FeatureContext, adding extra: MemberID? = nil)
        -> Set<MemberID>
    {
        var members = roster.entries.map(\.member)
        if let extra { members.append(extra) }
        return Set(members.filter { context.state.vacations.isAway($0, at: context.now) })
    }
}
