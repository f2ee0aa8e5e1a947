import ConvenerCore

/// `communities[].events`: meetups and other recurring events, for the community's calendar feed.
extension ConfigField {
    /// The keys allowed in one event.
    static let eventKeys = [
        "id", "title", "start", "duration_minutes", "rrule", "cron", "location", "link", "details", "cancelled",
        "holidays",
    ]

    /// Reads the list; ids must be unique within the community.
    func communityEvents(_ context: inout ConfigContext) -> [CommunityEvent]? {
        guard let items = list(&context) else { return nil }
        var events: [CommunityEvent] = []
        var seen: Set<String> = []
        for item in items {
            guard let event = item.communityEvent(&context) else { continue }
            guard seen.insert(event.id).inserted else {
                context.report(item, "duplicate event id '\(event.id)'; give each event its own id")
                continue
            }
            events.append(event)
        }
        return events.count == items.count ? events : nil
    }

    private func communityEvent(_ context: inout ConfigContext) -> CommunityEvent? {
        guard let table = table(&context, keys: Self.eventKeys) else { return nil }
        let before = context.diagnostics.count
        let title = table.required("title", &context, hint: "add the event's title, 1-120 characters")?
            .text(&context, length: 1...120)
        var start: CivilDateTime?
        if let field = table.required("start", &context, hint: "add the first start, local time: 2026-01-06T18:00"),
            let text = field.string(&context)
        {
            start = CivilDateTime(iso: text)
            if start == nil {
                context.report(field, "\(Self.quoted(text)) is not a local date and time; write 2026-01-06T18:00")
            }
        }
        guard let title, let start else { return nil }
        var event = CommunityEvent(id: Self.slug(title), title: title, start: start)
        if let field = table.optional("id", &context), let id = field.string(&context) {
            if !id.isEmpty, id.count <= 40,
                id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            {
                event.id = id
            } else {
                context.report(field, "\(Self.quoted(id)) is not a valid event id; use 1-40 of a-z, 0-9 and -")
            }
        }
        if let minutes = table.optional("duration_minutes", &context)?.boundedWholeNumber(
            &context, in: 5...1440, what: "a duration in minutes")
        {
            event.durationMinutes = minutes
        }
        let rule = table.optional("rrule", &context)
        let cron = table.optional("cron", &context)
        if let rule, cron != nil {
            context.report(rule, "an event repeats by rrule or by cron, not both; keep one")
        } else if let rule, let text = rule.string(&context) {
            do {
                event.recurrence = .rule(try RecurrenceRule(parsing: text))
            } catch {
                context.report(rule, "\(Self.quoted(text)) is not a usable recurrence rule: \(error.description)")
            }
        } else if let cron, let text = cron.string(&context) {
            do {
                event.recurrence = .cron(try CronExpression(parsing: text))
            } catch {
                context.report(cron, "\(Self.quoted(text)) is not a cron schedule: \(error)")
            }
        }
        event.location = table.optional("location", &context)?.text(&context, length: 1...200)
        event.link = table.optional("link", &context)?.url(&context)?.absoluteString
        event.details = table.optional("details", &context)?.text(&context, length: 1...2000)
        if let field = table.optional("cancelled", &context), let items = field.list(&context) {
            for item in items {
                guard let text = item.string(&context) else { continue }
                if let day = RhythmDay(parsing: text) {
                    event.cancelled.insert(day)
                } else {
                    context.report(item, "\(Self.quoted(text)) is not a date; write 2026-12-24")
                }
            }
        }
        if let field = table.optional("holidays", &context) {
            event.skipsHolidays =
                field.choice(
                    &context, what: "a holiday handling", options: [("skip", true), ("keep", false)]) ?? true
        }
        return context.diagnostics.count == before ? event : nil
    }

    private static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String(slug.prefix(40)).isEmpty ? "event" : String(slug.prefix(40))
    }
}
