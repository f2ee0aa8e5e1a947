import Foundation

/// Where tiers, kudos, celebrations, the roster and the round-up meet the reducer: commands, button clicks, the
/// passing of time and rule actions.
enum EngagementDesk: FeatureDesk {
    /// Handles a `/cop` command of this feature.
    static func handle(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects
    {
        switch command {
        case .kudos(let mention, let reason):
            return kudos(to: mention, reason: reason, context, replies: &replies)
        case .rosterJoin, .rosterLeave, .rosterSkip, .rosterSwap, .rosterWho:
            return roster(command, context, replies: &replies)
        case .digestPreview:
            replies.ephemeral(EngagementDigest(context: context.feature, days: 7).text)
            return FeatureEffects()
        case .digestNow:
            replies.ephemeral("Posted the round-up of the last 7 days in #\(context.profile.channel).")
            return postDigest(days: 7, context.feature, id: "\(context.inputID).digest")
        case .stats:
            replies.ephemeral(EngagementStats(context: context.feature).text)
            return FeatureEffects()
        case .meBirthday(let month, let day, let timeZone):
            return birthday(month: month, day: day, timeZone: timeZone, context, replies: &replies)
        case .meBirthdayClear:
            return clearBirthday(context, replies: &replies)
        default:
            replies.ephemeral("`/cop \(command.topic)` is not an engagement command.\nUsage: \(command.usage)")
            return FeatureEffects()
        }
    }

    /// Whether `action` is `digest.post`, the one rule action engagement carries out.
    static func performs(_ action: RuleEffectAction) -> Bool {
        if case .postDigest = action { return true }
        return false
    }

    /// Carries out `digest.post`: the round-up of the last `days` days, posted in the channel.
    static func perform(_ effect: RuleEffect, _ context: FeatureContext) -> FeatureEffects {
        guard case .postDigest(let days) = effect.action else {
            return FeatureEffects(notes: [
                "rule \(effect.ruleID) asked for \(effect.action), which engagement cannot do"
            ])
        }
        return postDigest(days: days, context, id: "\(context.idPrefix).digest")
    }

    /// What happens when a member leaves the community: a thank-you by DM, their roster place given up, and their
    /// data kept or deleted per `engagement.on_leave`.
    static func memberLeft(_ context: CommandContext) -> FeatureEffects {
        let member = context.member
        var effects = FeatureEffects()
        var roster = context.state.engagement.roster
        if roster.entries.contains(where: { $0.member == member.id }) {
            roster.remove(member.id)
            effects.facts.append(.engagement(.rosterChanged(roster)))
        }
        var text =
            "Thank you for being part of \(context.profile.name), \(member.displayName). What you shared here "
            + "made a difference, and the door stays open: you are welcome back any time."
        switch context.reducer.settings.engagement.onLeave {
        case .keep:
            text += " We keep your history for when you return; `/cop me forget` deletes it."
        case .delete:
            text += " As this community promises, everything it stored about you has been deleted."
            effects.facts.append(.memberForgotten(member: member.id))
            effects.compactsJournal = true
        }
        effects.facts.append(
            EngagementOutbox.queue(.direct(member.id), text, id: "\(context.inputID).farewell", context.feature))
        return effects
    }

    /// What the passing of time does: once per community-local day the tier check and the celebration plan;
    /// on every tick, due celebrations and the facilitator roster (both O(1) when nothing is due).
    static func tick(_ context: FeatureContext) -> FeatureEffects {
        var effects = FeatureEffects()
        let today = EngagementOutbox.day(context.now, context)
        var planned: [Celebration] = []
        if context.state.engagement.lastEvaluatedDay != today {
            effects.append(daily(context, day: today, planned: &planned))
        }
        effects.append(announceCelebrations(context, extra: planned))
        effects.append(rosterTick(context))
        return effects
    }

    // MARK: - Round-up

    private static func postDigest(days: Int, _ context: FeatureContext, id: String) -> FeatureEffects {
        let text = EngagementDigest(context: context, days: days).text
        return FeatureEffects(
            facts: [
                EngagementOutbox.queue(.channel, text, id: id, context), .engagement(.digestPosted(at: context.now)),
            ] + MailDesk.roundUp(text: text, id: id, context))
    }

    // MARK: - Tiers and celebrations, once a day

    private static func daily(_ context: FeatureContext, day: String, planned: inout [Celebration]) -> FeatureEffects {
        var effects = FeatureEffects()
        let book = context.state.engagement
        let policy = context.settings.engagement.scoring
        if book.scoring != policy {
            effects.facts.append(.engagement(.scoringChanged(policy)))
        }
        var members = book.members
        var changes: [EngagementTierChange] = []
        for event in members.evaluate(now: context.now, policy: policy) {
            // `member.inactive` is the reducer's (profile.inactiveAfterDays); only tier changes are taken here.
            guard case .tierChanged(let member, let from, let to) = event else { continue }
            changes.append(EngagementTierChange(member: member, from: from, to: to))
            guard context.state.members[member] != nil else { continue }
            effects.events.append(
                FeatureEvent(
                    event: RuleEvent(
                        type: "member.tierChanged",
                        payload: ["from": .string(from.rawValue), "to": .string(to.rawValue)]),
                    member: member))
        }
        effects.facts.append(.engagement(.tiersEvaluated(day: day, at: context.now, changes: changes)))
        if !changes.isEmpty { effects.notes.append("engagement: \(changes.count) tier change(s) on \(day)") }
        let celebrations = context.settings.engagement.celebrations
        let lateness = max(0, celebrations.maxLatenessHours) * 3_600
        let after = max(book.celebrationsPlannedThrough ?? context.now, context.now.addingTimeInterval(-lateness))
        let through = context.now.addingTimeInterval(2 * 86_400)
        planned = EngagementCelebrations.due(after: after, through: through, context)
        effects.facts.append(.engagement(.celebrationsPlanned(planned, through: through)))
        return effects
    }

    private static func announceCelebrations(_ context: FeatureContext, extra: [Celebration]) -> FeatureEffects {
        let book = context.state.engagement
        // The plan is kept sorted by time, so an idle tick looks at one entry.
        let due = book.plannedCelebrations.prefix { $0.at <= context.now } + extra.filter { $0.at <= context.now }
        guard !due.isEmpty else { return FeatureEffects() }
        var effects = FeatureEffects()
        let lateness = max(0, context.settings.engagement.celebrations.maxLatenessHours) * 3_600
        let directory = EngagementDirectory(state: context.state)
        var seen: Set<String> = []
        for (index, celebration) in due.enumerated() where seen.insert(celebration.key).inserted {
            effects.facts.append(.engagement(.celebrated(key: celebration.key)))
            guard context.now.timeIntervalSince(celebration.at) <= lateness,
                context.state.members[celebration.member] != nil
            else {
                effects.notes.append("engagement: a celebration of \(celebration.date) was too late to announce")
                continue
            }
            let id = "tick.\(Int(context.now.timeIntervalSince1970)).celebration.\(index + 1)"
            effects.facts.append(
                EngagementOutbox.queue(.channel, celebration.message(name: directory.name), id: id, context))
        }
        return effects
    }

    // MARK: - Birthdays

    private static func birthday(
        month: Int, day: Int, timeZone: String?, _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects {
        guard let birthday = try? CelebrationBirthday(month: month, day: day) else {
            replies.ephemeral(
                "There is no day \(day) in month \(month). Usage: \(CommandTable.usage(forName: "me.birthday"))")
            return FeatureEffects()
        }
        let member = context.member.id
        let zone = timeZone ?? context.state.engagement.timeZones[member]
        var facts: [Fact] = [.engagement(.birthdaySet(member: member, birthday: birthday, timeZone: zone))]
        var state = context.state
        state.apply(facts[0])
        let feature = FeatureContext(
            reducer: context.reducer, state: state, now: context.now, idPrefix: context.inputID)
        if let through = state.engagement.celebrationsPlannedThrough, through > context.now {
            let mine = EngagementCelebrations.due(after: context.now, through: through, feature, only: member)
                .filter { $0.kind == .birthday }
            if !mine.isEmpty { facts.append(.engagement(.celebrationsPlanned(mine, through: through))) }
        }
        let morning = String(
            format: "%02d:%02d", context.reducer.settings.engagement.celebrations.hour,
            context.reducer.settings.engagement.celebrations.minute)
        let monthName = EngagementCelebrations.monthNames[month - 1]
        replies.ephemeral(
            "Noted: we'll celebrate you on \(monthName) \(day) at \(morning) (\(zone ?? context.profile.timeZoneName)"
                + " time). Only the month and day are kept, never the year; `/cop me birthday clear` removes it.")
        return FeatureEffects(facts: facts)
    }

    private static func clearBirthday(_ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects {
        let member = context.member.id
        guard context.state.engagement.birthdays[member] != nil else {
            replies.ephemeral(
                "You had no birthday stored, so nothing changed. `/cop me birthday 12-24` opts you in.")
            return FeatureEffects()
        }
        replies.ephemeral("Your birthday is removed; there will be no birthday greeting.")
        return FeatureEffects(facts: [
            .engagement(
                .birthdaySet(member: member, birthday: nil, timeZone: context.state.engagement.timeZones[member]))
        ])
    }
}
