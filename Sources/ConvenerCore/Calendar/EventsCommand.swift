import Foundation

/// `/cop events`: the next instances of the community's events, the ones called off, and the feed to subscribe to.
enum EventsCommand {
    /// How many upcoming instances the reply lists.
    static let shown = 5
    /// How far ahead it looks.
    static let horizonDays = 92

    /// Answers privately; changes nothing.
    static func handle(_ context: CommandContext, _ replies: inout ReplyBuilder) -> FeatureEffects {
        replies.ephemeral(
            text(
                profile: context.profile, events: context.reducer.calendarEvents(context.state), now: context.now,
                revisions: context.state.calendarRevisions,
                reminders: context.rules.rules.reminders().map { (event: $0.event, minutesBefore: $0.minutesBefore) }))
        return FeatureEffects()
    }

    /// The reply for `profile` at `now`: an event changed since it was first seen says when, and one with reminder
    /// rules says how long before it the reminders come.
    static func text(
        profile: CommunityProfile, events: [CommunityEvent]? = nil, now: Date,
        revisions: [String: CalendarEventRevision] = [:],
        reminders: [(event: String, minutesBefore: Int)] = []
    ) -> String {
        let events = events ?? profile.events
        guard !events.isEmpty else {
            return "\(profile.name) has no events on its calendar yet; the convenors add them in the config "
                + "(`events:`)."
        }
        let clock = profile.clockText
        let through = CommunityEvent.civil(
            of: now.addingTimeInterval(TimeInterval(horizonDays * 86_400)), in: profile.timeZone)
        let upcoming = events.flatMap { event in
            event.instances(through: through, calendar: profile.calendar).filter { $0.start > now }.map {
                (event: event, instance: $0)
            }
        }
        .sorted { ($0.instance.start, $0.event.id) < ($1.instance.start, $1.event.id) }
        var lines = ["📅 Next on the \(profile.name) calendar:"]
        for (event, instance) in upcoming.prefix(shown) {
            var line = "• \(clock.dateTime(instance.start)): \(event.title)"
            if let revision = revisions[event.id], revision.sequence > 0 {
                line += " (changed \(clock.day(revision.modifiedAt)))"
            }
            if let cancellation = instance.cancellation {
                line += " — called off (\(cancellation))"
            } else {
                let place = [event.location, event.link].compactMap(\.self)
                if !place.isEmpty { line += " — " + place.joined(separator: ", ") }
                let leads = Set(reminders.filter { $0.event == event.id }.map(\.minutesBefore)).sorted()
                if !leads.isEmpty {
                    line += " — ⏰ reminder " + leads.map { "\($0) min" }.joined(separator: " and ") + " before"
                }
            }
            lines.append(line)
        }
        if upcoming.isEmpty { lines.append("Nothing in the next \(horizonDays / 30) months.") }
        if let feed = profile.calendarFeedURL {
            lines.append("Add them to your calendar: \(feed) (subscribe to it; please keep the link in the community).")
        }
        return lines.joined(separator: "\n")
    }
}
