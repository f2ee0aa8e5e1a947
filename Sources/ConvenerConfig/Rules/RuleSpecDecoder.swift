import ConvenerCore
import Foundation

/// Reads rule mappings from YAML nodes into `RuleSpec`s, remembering where each part was written.
struct RuleSpecDecoder {
    /// The keys allowed in one rule.
    static let keys = [
        "id", "description", "enabled", "trigger", "conditions", "foreach", "actions", "mode", "max", "rateLimit",
        "calendar",
    ]

    /// A decoded rule with the fields its parts came from, keyed by the paths `RuleProblem` uses.
    struct Decoded {
        /// The spec.
        let spec: RuleSpec
        /// The rule's own field (`rules[2]`).
        let field: ConfigField
        /// Fields by path relative to the rule: `id`, `trigger.schedule.cron`, `conditions[1]`, ….
        let parts: [String: ConfigField]
    }

    private var parts: [String: ConfigField] = [:]

    /// Reads one rule; nil (with diagnostics in `context`) when its shape is wrong.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> Decoded? {
        var decoder = RuleSpecDecoder()
        // Decode in a context of its own so that every problem of the rule can name the rule.
        var inner = ConfigContext(file: context.file, baseDirectory: context.baseDirectory)
        let decoded = decoder.decodeRule(field, &inner)
        let prefix = peekID(field).map { "rule '\($0)': " } ?? ""
        for diagnostic in inner.diagnostics {
            let message = diagnostic.message.hasPrefix("rule '") ? diagnostic.message : prefix + diagnostic.message
            let position = ConfigPosition(
                line: diagnostic.line ?? field.node.position.line,
                column: diagnostic.column ?? field.node.position.column)
            context.report(at: position, path: diagnostic.path, message)
        }
        return decoded
    }

    /// The rule's id as written, before validation, for naming the rule in messages.
    private static func peekID(_ field: ConfigField) -> String? {
        guard case .mapping(let entries) = field.node.value,
            let entry = entries.first(where: { $0.key.scalar?.text == "id" }),
            let id = entry.value.scalar?.text, !id.isEmpty
        else { return nil }
        return id
    }

    private mutating func remember(_ path: String, _ field: ConfigField) {
        parts[path] = field
    }

    private mutating func decodeRule(_ field: ConfigField, _ context: inout ConfigContext) -> Decoded? {
        guard let table = field.table(&context, keys: Self.keys) else { return nil }
        let before = context.diagnostics.count
        var id = ""
        if let idField = table.required("id", &context, hint: "a unique id such as welcome-newcomer") {
            remember("id", idField)
            id = idField.string(&context) ?? ""
        }
        let prefix = id.isEmpty ? "" : "rule '\(id)': "
        var description = ""
        if let descriptionField = table.optional("description", &context) {
            description = descriptionField.string(&context) ?? ""
        }
        var enabled = true
        if let enabledField = table.optional("enabled", &context) {
            enabled = Self.bool(enabledField, &context, prefix: prefix) ?? true
        }
        var trigger: RuleTrigger?
        var scheduleOptions = RuleScheduleOptions.standard
        if let triggerField = table.required(
            "trigger", &context, hint: "an event type such as member.joined, or schedule: {cron, timezone}")
        {
            trigger = decodeTrigger(triggerField, &context, prefix: prefix, options: &scheduleOptions)
        }
        var conditions: [String] = []
        if let conditionsField = table.optional("conditions", &context) {
            conditions = decodeConditions(conditionsField, &context, prefix: prefix)
        }
        var foreach: String?
        if let foreachField = table.optional("foreach", &context) {
            remember("foreach", foreachField)
            foreach = Self.expression(foreachField, &context, prefix: prefix)
        }
        var actions: [RuleAction] = []
        if let actionsField = table.required("actions", &context, hint: RuleAction.keys.joined(separator: ", ")) {
            remember("actions", actionsField)
            actions = decodeActions(actionsField, &context, prefix: prefix)
        }
        let mode = decodeMode(table, &context, prefix: prefix)
        var rateLimit: RuleRateLimit?
        if let rateField = table.optional("rateLimit", &context) {
            rateLimit = decodeRateLimit(rateField, &context, prefix: prefix)
        }
        var calendar: RuleCalendarEntry?
        if let calendarField = table.optional("calendar", &context) {
            calendar = decodeCalendar(calendarField, &context)
        }
        guard context.diagnostics.count == before, let trigger else { return nil }
        let spec = RuleSpec(
            id: id, description: description, enabled: enabled, trigger: trigger, conditions: conditions,
            foreach: foreach, actions: actions, mode: mode, rateLimit: rateLimit, scheduleOptions: scheduleOptions,
            calendar: calendar)
        return Decoded(spec: spec, field: field, parts: parts)
    }

    private mutating func decodeTrigger(
        _ field: ConfigField, _ context: inout ConfigContext, prefix: String, options: inout RuleScheduleOptions
    ) -> RuleTrigger? {
        remember("trigger", field)
        if field.node.scalar != nil {
            guard let type = field.string(&context) else { return nil }
            if type == "schedule" {
                context.report(
                    field, prefix + "a schedule trigger needs a cron: trigger: {schedule: {cron: '0 9 * * MON'}}")
                return nil
            }
            return .event(type)
        }
        guard let table = field.table(&context, keys: ["event", "schedule", "reminder"]) else { return nil }
        let given = ["event", "schedule", "reminder"].filter { table.optional($0, &context) != nil }
        if given.count > 1 {
            context.report(
                field, prefix + "give one of event, schedule or reminder, not \(given.joined(separator: " and "))")
            return nil
        }
        if let event = table.optional("event", &context) {
            remember("trigger", event)
            return event.string(&context).map(RuleTrigger.event)
        }
        if let reminder = table.optional("reminder", &context) {
            return decodeReminder(reminder, &context, prefix: prefix, options: &options)
        }
        guard let schedule = table.optional("schedule", &context) else {
            context.report(
                field, prefix + "expected an event type, schedule: {cron, timezone} or reminder: {event, minutesBefore}"
            )
            return nil
        }
        remember("trigger.schedule", schedule)
        if schedule.node.scalar != nil {
            remember("trigger.schedule.cron", schedule)
            return schedule.string(&context).map { RuleTrigger.schedule(cron: $0, timeZone: nil) }
        }
        let scheduleKeys = ["cron", "timezone", "catchUp", "maxLateness", "holidays"]
        guard let scheduleTable = schedule.table(&context, keys: scheduleKeys) else { return nil }
        let cronField = scheduleTable.required("cron", &context, hint: "five cron fields such as '0 9 * * MON'")
        let cron = cronField.flatMap { $0.string(&context) }
        if let cronField { remember("trigger.schedule.cron", cronField) }
        var timeZone: String?
        if let zoneField = scheduleTable.optional("timezone", &context) {
            remember("trigger.schedule.timezone", zoneField)
            timeZone = zoneField.string(&context)
        }
        decodeCatchUp(scheduleTable, under: "trigger.schedule", &context, prefix: prefix, options: &options)
        if let holidaysField = scheduleTable.optional("holidays", &context) {
            remember("trigger.schedule.holidays", holidaysField)
            let handlings = HolidayHandling.allCases.map { (word: $0.rawValue, value: $0) }
            if let handling = holidaysField.choice(&context, what: "a holiday handling", options: handlings) {
                options.holidays = handling
            }
        }
        return cron.map { RuleTrigger.schedule(cron: $0, timeZone: timeZone) }
    }

    /// `calendar: {title, duration_minutes, location, link, details}`: the keys and limits of `events:` entries.
    private mutating func decodeCalendar(_ field: ConfigField, _ context: inout ConfigContext) -> RuleCalendarEntry? {
        remember("calendar", field)
        let keys = ["title", "duration_minutes", "location", "link", "details"]
        guard let table = field.table(&context, keys: keys) else { return nil }
        guard
            let title = table.required("title", &context, hint: "the title calendars show, 1-120 characters")?
                .text(&context, length: 1...120)
        else { return nil }
        var entry = RuleCalendarEntry(title: title)
        if let minutes = table.optional("duration_minutes", &context)?.boundedWholeNumber(
            &context, in: 5...1440, what: "a duration in minutes")
        {
            entry.durationMinutes = minutes
        }
        entry.location = table.optional("location", &context)?.text(&context, length: 1...200)
        entry.link = table.optional("link", &context)?.url(&context)?.absoluteString
        entry.details = table.optional("details", &context)?.text(&context, length: 1...2000)
        return entry
    }

    /// `reminder: {event: meetup, minutesBefore: 30}`, with the catch-up keys of schedules.
    private mutating func decodeReminder(
        _ field: ConfigField, _ context: inout ConfigContext, prefix: String, options: inout RuleScheduleOptions
    ) -> RuleTrigger? {
        remember("trigger.reminder", field)
        let keys = ["event", "minutesBefore", "catchUp", "maxLateness"]
        guard let table = field.table(&context, keys: keys) else { return nil }
        let eventField = table.required("event", &context, hint: "the id of one of the community's events: entries")
        if let eventField { remember("trigger.reminder.event", eventField) }
        let event = eventField.flatMap { $0.string(&context) }
        let minutesField = table.required("minutesBefore", &context, hint: "how many minutes before, e.g. 30")
        if let minutesField { remember("trigger.reminder.minutesBefore", minutesField) }
        let minutes = minutesField.flatMap { Self.integer($0, &context, prefix: prefix) }
        decodeCatchUp(table, under: "trigger.reminder", &context, prefix: prefix, options: &options)
        guard let event, let minutes else { return nil }
        return .reminder(event: event, minutesBefore: minutes)
    }

    /// `catchUp` and `maxLateness`, shared by schedule and reminder triggers.
    private mutating func decodeCatchUp(
        _ table: ConfigTable, under base: String, _ context: inout ConfigContext, prefix: String,
        options: inout RuleScheduleOptions
    ) {
        if let catchUpField = table.optional("catchUp", &context) {
            remember("\(base).catchUp", catchUpField)
            let policies = CatchUpPolicy.allCases.map { (word: $0.rawValue, value: $0) }
            if let policy = catchUpField.choice(&context, what: "a catch-up policy", options: policies) {
                options.catchUp.policy = policy
            }
        }
        if let latenessField = table.optional("maxLateness", &context) {
            remember("\(base).maxLateness", latenessField)
            if let text = latenessField.string(&context) {
                if let duration = CommandDuration.parse(text) {
                    options.catchUp.maxLateness = TimeInterval(duration.seconds)
                } else {
                    context.report(
                        latenessField,
                        prefix + "\(ConfigField.quoted(text)) is not a duration; use a number and a unit, "
                            + "like 30m, 2h, 3d or 1d12h")
                }
            }
        }
    }

    private mutating func decodeConditions(_ field: ConfigField, _ context: inout ConfigContext, prefix: String)
        -> [String]
    {
        remember("conditions", field)
        if field.node.scalar != nil {
            remember("conditions[0]", field)
            return Self.expression(field, &context, prefix: prefix).map { [$0] } ?? []
        }
        guard let items = field.list(&context) else { return [] }
        var conditions: [String] = []
        for (offset, item) in items.enumerated() {
            remember("conditions[\(offset)]", item)
            if let source = Self.expression(item, &context, prefix: prefix) { conditions.append(source) }
        }
        return conditions
    }

    private mutating func decodeActions(_ field: ConfigField, _ context: inout ConfigContext, prefix: String)
        -> [RuleAction]
    {
        guard let items = field.list(&context) else { return [] }
        if items.isEmpty {
            context.report(
                field, prefix + "a rule needs at least one action: \(RuleAction.keys.joined(separator: ", "))")
        }
        var actions: [RuleAction] = []
        for (offset, item) in items.enumerated() {
            guard case .mapping(let entries) = item.node.value else {
                context.report(
                    item,
                    prefix + "an action is a mapping with one key, e.g. - post: \"Hello\"; "
                        + "got \(item.node.kindDescription)")
                continue
            }
            guard entries.count == 1, let entry = entries.first, let key = entry.key.scalar?.text else {
                context.report(
                    item,
                    prefix + "an action has exactly one key (\(RuleAction.keys.joined(separator: ", "))); "
                        + "start a new list item for the next action")
                continue
            }
            let actionField = item.child(key, entry.value)
            let base = "actions[\(offset)].\(key)"
            remember(base, actionField)
            guard RuleAction.keys.contains(key) else {
                var message = prefix + "'\(key)' is not an action;"
                if let suggestion = ConfigSuggestion.closest(to: key, in: RuleAction.keys) {
                    message += " did you mean \(suggestion)?"
                }
                context.report(
                    at: entry.key.position, path: actionField.path,
                    message + " allowed: \(RuleAction.keys.joined(separator: ", "))")
                continue
            }
            if let action = decodeAction(key, actionField, base: base, &context, prefix: prefix) {
                actions.append(action)
            }
        }
        return actions
    }

    private mutating func decodeAction(
        _ key: String, _ field: ConfigField, base: String, _ context: inout ConfigContext, prefix: String
    ) -> RuleAction? {
        switch key {
        case "post":
            guard let (text, table) = textParameters(field, base: base, extra: ["channel"], &context, prefix: prefix)
            else { return nil }
            var channel: String?
            if let channelField = table?.optional("channel", &context) {
                remember("\(base).channel", channelField)
                channel = channelField.string(&context)
            }
            return .post(text: text, channel: channel)
        case "dm", "notify.convenors":
            guard let (text, _) = textParameters(field, base: base, extra: [], &context, prefix: prefix) else {
                return nil
            }
            return key == "dm" ? .directMessage(text: text) : .notifyConvenors(text: text)
        case "member.tag", "member.untag":
            let tagField: ConfigField?
            if field.node.scalar != nil {
                tagField = field
            } else {
                tagField = field.table(&context, keys: ["tag"])?.required("tag", &context, hint: "the tag's name")
            }
            guard let tagField, let tag = Self.text(tagField, &context, prefix: prefix) else { return nil }
            remember("\(base).tag", tagField)
            return key == "member.tag" ? .tagMember(tag: RuleTemplate(tag)) : .untagMember(tag: RuleTemplate(tag))
        case "prompt.post":
            guard let table = optionalTable(field, keys: ["theme"], &context) else { return nil }
            let theme = table.flatMap { $0.optional("theme", &context) }.flatMap {
                Self.text($0, &context, prefix: prefix)
            }
            return .postPrompt(theme: theme)
        case "poll.start":
            return decodePoll(field, base: base, &context, prefix: prefix)
        case "survey.start":
            let surveyField: ConfigField?
            if field.node.scalar != nil {
                surveyField = field
            } else {
                surveyField = field.table(&context, keys: ["survey"])?.required(
                    "survey", &context, hint: "the id of a survey in the survey library")
            }
            guard let surveyField, let survey = Self.text(surveyField, &context, prefix: prefix) else { return nil }
            return .startSurvey(survey: survey)
        case "pairing.round":
            guard let table = optionalTable(field, keys: ["kind"], &context) else { return nil }
            guard let kindField = table.flatMap({ $0.optional("kind", &context) }) else {
                return .pairingRound(kind: .coffee)
            }
            let kinds = RulePairingKind.allCases.map { (word: $0.rawValue, value: $0) }
            return kindField.choice(&context, what: "a pairing kind", options: kinds).map { .pairingRound(kind: $0) }
        case "digest.post":
            guard let table = optionalTable(field, keys: ["days"], &context) else { return nil }
            guard let daysField = table.flatMap({ $0.optional("days", &context) }) else { return .postDigest(days: 7) }
            remember("\(base).days", daysField)
            return Self.integer(daysField, &context, prefix: prefix).map { .postDigest(days: $0) }
        case "nudge":
            guard let table = optionalTable(field, keys: ["style"], &context) else { return nil }
            guard let styleField = table.flatMap({ $0.optional("style", &context) }) else {
                return .nudge(style: .gentle)
            }
            let styles = RuleNudgeStyle.allCases.map { (word: $0.rawValue, value: $0) }
            return styleField.choice(&context, what: "a nudge style", options: styles).map { .nudge(style: $0) }
        default:
            return nil
        }
    }

    /// `key: "text"` or `key: {text: "…", …extra}`.
    private mutating func textParameters(
        _ field: ConfigField, base: String, extra: [String], _ context: inout ConfigContext, prefix: String
    ) -> (RuleTemplate, ConfigTable?)? {
        if field.node.scalar != nil {
            remember("\(base).text", field)
            return Self.text(field, &context, prefix: prefix).map { (RuleTemplate($0), nil) }
        }
        guard let table = field.table(&context, keys: ["text"] + extra),
            let textField = table.required("text", &context, hint: "the message, with {{ }} placeholders")
        else { return nil }
        remember("\(base).text", textField)
        return Self.text(textField, &context, prefix: prefix).map { (RuleTemplate($0), table) }
    }

    /// A mapping with `keys`, or an empty value (`prompt.post:` / `prompt.post: {}`); `.some(nil)` when empty.
    private func optionalTable(_ field: ConfigField, keys: [String], _ context: inout ConfigContext) -> ConfigTable?? {
        if let scalar = field.node.scalar, scalar.kind == .null { return .some(nil) }
        guard let table = field.table(&context, keys: keys) else { return nil }
        return .some(table)
    }

    private mutating func decodePoll(_ field: ConfigField, base: String, _ context: inout ConfigContext, prefix: String)
        -> RuleAction?
    {
        let keys = ["question", "options", "maxChoices", "anonymous", "closesAfter"]
        guard let table = field.table(&context, keys: keys) else { return nil }
        let questionField = table.required("question", &context, hint: "the question, with {{ }} placeholders")
        if let questionField { remember("\(base).question", questionField) }
        let question = questionField.flatMap { Self.text($0, &context, prefix: prefix) }
        var options: [RuleTemplate] = []
        if let optionsField = table.required("options", &context, hint: "a list of 2 to 10 choices") {
            remember("\(base).options", optionsField)
            let items: [ConfigField] = optionsField.list(&context) ?? []
            for (offset, item) in items.enumerated() {
                remember("\(base).options[\(offset)]", item)
                if let text = Self.text(item, &context, prefix: prefix) { options.append(RuleTemplate(text)) }
            }
        }
        var poll = RulePollAction(question: RuleTemplate(question ?? ""), options: options)
        if let maxField = table.optional("maxChoices", &context) {
            remember("\(base).maxChoices", maxField)
            poll.maxChoices = Self.integer(maxField, &context, prefix: prefix) ?? 1
        }
        if let anonymousField = table.optional("anonymous", &context) {
            poll.anonymous = Self.bool(anonymousField, &context, prefix: prefix) ?? false
        }
        if let closesField = table.optional("closesAfter", &context) {
            remember("\(base).closesAfter", closesField)
            poll.closesAfter = Self.duration(closesField, &context, prefix: prefix)
        }
        return question == nil ? nil : .startPoll(poll)
    }

    private mutating func decodeMode(_ table: ConfigTable, _ context: inout ConfigContext, prefix: String) -> RuleMode {
        var max: Int?
        if let maxField = table.optional("max", &context) {
            remember("max", maxField)
            max = Self.integer(maxField, &context, prefix: prefix)
        }
        guard let modeField = table.optional("mode", &context) else {
            if let maxField = table.optional("max", &context) {
                context.report(maxField, prefix + "max applies to mode queued or parallel; add mode: parallel")
            }
            return .single
        }
        remember("mode", modeField)
        let modes: [(word: String, value: String)] = [
            ("single", "single"), ("queued", "queued"), ("parallel", "parallel"),
        ]
        switch modeField.choice(&context, what: "a mode", options: modes) {
        case "queued": return .queued(max: max ?? 10)
        case "parallel": return .parallel(max: max ?? 10)
        default:
            if max != nil, let maxField = table.optional("max", &context) {
                context.report(maxField, prefix + "max applies to mode queued or parallel, not single")
            }
            return .single
        }
    }

    private mutating func decodeRateLimit(_ field: ConfigField, _ context: inout ConfigContext, prefix: String)
        -> RuleRateLimit?
    {
        remember("rateLimit", field)
        guard let table = field.table(&context, keys: ["global", "perMember"]) else { return nil }
        var limit = RuleRateLimit()
        if let globalField = table.optional("global", &context) {
            remember("rateLimit.global", globalField)
            limit.global = Self.rate(globalField, &context, prefix: prefix)
        }
        if let memberField = table.optional("perMember", &context) {
            remember("rateLimit.perMember", memberField)
            limit.perMember = Self.rate(memberField, &context, prefix: prefix)
        }
        if limit.global == nil && limit.perMember == nil, table.optional("global", &context) == nil,
            table.optional("perMember", &context) == nil
        {
            context.report(field, prefix + "give global and/or perMember, e.g. {perMember: 1/day, global: 20/hour}")
        }
        return limit
    }

    // MARK: - Scalars

    private static func expression(_ field: ConfigField, _ context: inout ConfigContext, prefix: String) -> String? {
        guard let scalar = field.node.scalar,
            scalar.kind == .string || scalar.kind == .boolean || scalar.kind == .number
        else {
            context.report(field, prefix + "expected a CEL expression in a string, got \(field.node.kindDescription)")
            return nil
        }
        return scalar.text
    }

    private static func text(_ field: ConfigField, _ context: inout ConfigContext, prefix: String) -> String? {
        guard let scalar = field.node.scalar, scalar.kind != .null else {
            context.report(field, prefix + "expected text, got \(field.node.kindDescription)")
            return nil
        }
        if scalar.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            context.report(field, prefix + "expected text, got an empty string")
            return nil
        }
        return scalar.text
    }

    private static func bool(_ field: ConfigField, _ context: inout ConfigContext, prefix: String) -> Bool? {
        guard let scalar = field.node.scalar, scalar.kind == .boolean else {
            context.report(field, prefix + "expected true or false, got \(field.node.kindDescription)")
            return nil
        }
        return ["true", "yes", "on"].contains(scalar.text.lowercased())
    }

    private static func integer(_ field: ConfigField, _ context: inout ConfigContext, prefix: String) -> Int? {
        guard let scalar = field.node.scalar, scalar.kind == .number, let value = Int(scalar.text) else {
            context.report(field, prefix + "expected a whole number, got \(field.node.kindDescription)")
            return nil
        }
        return value
    }

    private static func rate(_ field: ConfigField, _ context: inout ConfigContext, prefix: String) -> RuleRate? {
        guard let scalar = field.node.scalar, let rate = RuleRate(parsing: scalar.text) else {
            let shown =
                field.node.scalar.map { ConfigField.quoted($0.text) + " is" } ?? "\(field.node.kindDescription) is"
            context.report(field, prefix + "\(shown) not a rate; write COUNT/PERIOD such as 3/day, 10/hour or 1/7d")
            return nil
        }
        return rate
    }

    private static func duration(_ field: ConfigField, _ context: inout ConfigContext, prefix: String) -> Double? {
        guard let scalar = field.node.scalar, let duration = CELDuration(parsing: Self.hoursForDays(scalar.text)),
            duration.timeInterval > 0
        else {
            context.report(field, prefix + "expected a duration such as 30m, 24h or 3d")
            return nil
        }
        return duration.timeInterval
    }

    /// `3d` as `72h`, since CEL durations have no day unit.
    private static func hoursForDays(_ text: String) -> String {
        guard text.hasSuffix("d"), let days = Int(text.dropLast()) else { return text }
        return "\(days * 24)h"
    }
}
