import Foundation

/// Checks rule specs and compiles their expressions and templates once, at load time.
///
/// Every problem is collected (not only the first), each with its rule, its path and, inside expressions and
/// templates, the line and column in the text, so a loader can point at the exact character in the file.
public enum RuleCompiler {
    /// The longest id allowed.
    public static let maximumIDLength = 64
    /// The largest `max` of `queued` and `parallel` modes.
    public static let maximumModeMax = 100
    /// The longest a reminder may come before its event: a week.
    public static let maximumReminderMinutes = 10_080

    /// Compiles `specs`; ids must be unique across them.
    public static func compile(_ specs: [RuleSpec]) -> Result<RuleSet, RuleProblems> {
        var compiled: [CompiledRule] = []
        var problems: [RuleProblem] = []
        var firstIndex: [String: Int] = [:]
        for (index, spec) in specs.enumerated() {
            if let earlier = firstIndex[spec.id], !spec.id.isEmpty {
                problems.append(
                    RuleProblem(
                        ruleIndex: index, ruleID: spec.id, path: "id",
                        message: "duplicate rule id; rule #\(earlier + 1) already uses '\(spec.id)'; ids must be unique"
                    ))
            } else {
                firstIndex[spec.id] = index
            }
            switch compile(spec, index: index) {
            case .success(let rule): compiled.append(rule)
            case .failure(let found): problems += found.problems
            }
        }
        return problems.isEmpty ? .success(RuleSet(rules: compiled)) : .failure(RuleProblems(problems))
    }

    /// Compiles one spec; `index` is its position, for problems.
    public static func compile(_ spec: RuleSpec, index: Int = 0) -> Result<CompiledRule, RuleProblems> {
        var checker = Checker(spec: spec, index: index)
        return checker.run()
    }

    /// The CEL declarations of a rule's conditions and `foreach` (`withMember`: whether `member` is bound).
    public static func declarations(withMember: Bool) -> CELDeclarations {
        var variables: [String: CELType] = [
            "event": RuleEvent.celType, "community": RuleCommunityView.celType,
            "members": .list(RuleMemberView.celType), "now": .timestamp,
        ]
        if withMember { variables["member"] = RuleMemberView.celType }
        return CELDeclarations(variables)
    }

    /// Whether the trigger's events carry a member.
    static func triggerHasMember(_ trigger: RuleTrigger) -> Bool {
        switch trigger {
        case .schedule, .reminder: false
        case .event(let type): RuleEventCatalog.entry(type)?.hasMember ?? RuleEventCatalog.isCustom(type)
        }
    }
}

/// One pass over one spec, collecting problems.
private struct Checker {
    let spec: RuleSpec
    let index: Int
    var problems: [RuleProblem] = []

    init(spec: RuleSpec, index: Int) {
        self.spec = spec
        self.index = index
    }

    mutating func report(_ path: String, _ message: String, line: Int? = nil, column: Int? = nil) {
        problems.append(
            RuleProblem(ruleIndex: index, ruleID: spec.id, path: path, message: message, line: line, column: column))
    }

    mutating func run() -> Result<CompiledRule, RuleProblems> {
        checkID()
        let schedule = checkTrigger()
        let hasMember = RuleCompiler.triggerHasMember(spec.trigger)
        let declarations = RuleCompiler.declarations(withMember: hasMember)
        var conditions: [CELProgram] = []
        for (offset, source) in spec.conditions.enumerated() {
            if let program = compileExpression(source, path: "conditions[\(offset)]", declarations) {
                if !Self.canBe(program.resultType, .bool) {
                    report(
                        "conditions[\(offset)]",
                        "a condition must be true or false, but this one gives a \(program.resultType); "
                            + "compare it, e.g. size(x) > 0")
                }
                conditions.append(program)
            }
        }
        var foreach: CELProgram?
        if let source = spec.foreach {
            foreach = compileExpression(source, path: "foreach", declarations)
            if let program = foreach, !Self.isMemberList(program.resultType) {
                report(
                    "foreach",
                    "foreach must give a list of members, but gives a \(program.resultType); "
                        + "e.g. members.filter(m, m.tier == 'peripheral')")
            }
        }
        let actions = compileActions(memberAvailable: hasMember || spec.foreach != nil)
        checkMode()
        checkRateLimit()
        checkCalendar()
        guard problems.isEmpty else { return .failure(RuleProblems(problems)) }
        var compiledSpec = spec
        compiledSpec.actions = actions
        let programs = conditions + (foreach.map { [$0] } ?? [])
        let variablesRead = actions.flatMap(\.templatePaths).reduce(into: Set(programs.flatMap(\.variablesRead))) {
            $0.formUnion($1.template.variablesRead)
        }
        return .success(
            CompiledRule(
                spec: compiledSpec, conditions: conditions, foreach: foreach, variablesRead: variablesRead,
                schedule: schedule))
    }

    mutating func checkCalendar() {
        guard let calendar = spec.calendar else { return }
        guard case .schedule = spec.trigger else {
            report(
                "calendar", "calendar: puts a schedule's fire times on the calendar; this rule has no schedule trigger")
            return
        }
        if !(5...1440).contains(calendar.durationMinutes) {
            report("calendar.duration_minutes", "a duration is 5 to 1440 minutes; got \(calendar.durationMinutes)")
        }
    }

    mutating func checkID() {
        let id = spec.id
        if id.isEmpty {
            report("id", "a rule needs an id: 1-\(RuleCompiler.maximumIDLength) of a-z, 0-9, '-', '_' and '.'")
            return
        }
        let allowed = id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
        let startsWell = id.unicodeScalars.first.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ?? false
        if !allowed || !startsWell || id.count > RuleCompiler.maximumIDLength {
            report(
                "id",
                "'\(id)' is not a valid rule id; use 1-\(RuleCompiler.maximumIDLength) of a-z, 0-9, '-', '_' and '.', "
                    + "starting with a letter or digit")
        }
    }

    mutating func checkTrigger() -> CronSchedule? {
        switch spec.trigger {
        case .event(let type):
            if !RuleEventCatalog.isKnown(type) {
                let known = RuleEventCatalog.entries.map(\.type)
                var message = "'\(type)' is not an event type"
                if let suggestion = RuleSuggestion.closest(to: type, in: known) {
                    message += "; did you mean \(suggestion)?"
                }
                report("trigger", message + " known: \(known.joined(separator: ", ")), custom.NAME, or schedule")
            }
            return nil
        case .schedule(let cron, let timeZoneName):
            var expression: CronExpression?
            do throws(CronParseError) {
                expression = try CronExpression(parsing: cron)
            } catch {
                report("trigger.schedule.cron", "invalid cron: \(error.reason)", line: 1, column: error.column)
            }
            // Without a zone the rule follows the community's; UTC stands in until the host names it.
            let timeZone = TimeZone(identifier: timeZoneName ?? "UTC")
            if timeZone == nil, let timeZoneName {
                report(
                    "trigger.schedule.timezone",
                    "'\(timeZoneName)' is not a time zone; use an IANA name such as UTC or Europe/Berlin")
            }
            guard let expression, let timeZone else { return nil }
            return CronSchedule(expression: expression, timeZone: timeZone)
        case .reminder(let event, let minutes):
            if event.isEmpty || event.count > 40
                || !event.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            {
                report(
                    "trigger.reminder.event", "'\(event)' is not an event id; use the id of one of the events: entries")
            }
            if !(0...RuleCompiler.maximumReminderMinutes).contains(minutes) {
                report(
                    "trigger.reminder.minutesBefore",
                    "a reminder comes 0 to \(RuleCompiler.maximumReminderMinutes) minutes (a week) before the event; "
                        + "got \(minutes)")
            }
            return nil
        }
    }

    mutating func compileExpression(_ source: String, path: String, _ declarations: CELDeclarations) -> CELProgram? {
        if source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report(path, "empty expression; write a CEL expression such as member.tier == 'peripheral'")
            return nil
        }
        do throws(CELError) {
            return try CELProgram.compile(source, declarations: declarations)
        } catch {
            report(path, Self.explain(error, declarations: declarations), line: error.line, column: error.column)
            return nil
        }
    }

    mutating func compileActions(memberAvailable: Bool) -> [RuleAction] {
        if spec.actions.isEmpty {
            report("actions", "a rule needs at least one action: \(RuleAction.keys.joined(separator: ", "))")
        }
        let declarations = RuleCompiler.declarations(withMember: memberAvailable)
        var compiled: [RuleAction] = []
        for (offset, action) in spec.actions.enumerated() {
            let base = "actions[\(offset)].\(action.key)"
            if action.needsMember && !memberAvailable {
                report(
                    base,
                    "\(action.key) acts for one member, but trigger '\(spec.trigger.eventType)' has none; "
                        + "add foreach: members.filter(m, …) to choose the members")
            }
            var templates: [RuleTemplate] = []
            for (path, template) in action.templatePaths {
                var template = template
                if let problem = template.syntaxProblem {
                    report("\(base).\(path)", problem.message, line: problem.line, column: problem.column)
                } else {
                    do throws(CELError) {
                        try template.compilePlaceholders { source throws(CELError) in
                            try CELProgram.compile(source, declarations: declarations)
                        }
                    } catch {
                        report(
                            "\(base).\(path)", Self.explain(error, declarations: declarations), line: error.line,
                            column: error.column)
                    }
                }
                templates.append(template)
            }
            compiled.append(action.replacingTemplates(templates))
            checkParameters(action, base: base)
        }
        return compiled
    }

    mutating func checkParameters(_ action: RuleAction, base: String) {
        switch action {
        case .startPoll(let poll):
            if !(2...10).contains(poll.options.count) {
                report("\(base).options", "a poll needs 2 to 10 options, got \(poll.options.count)")
            }
            if poll.maxChoices < 1 || poll.maxChoices > max(poll.options.count, 1) {
                report("\(base).maxChoices", "maxChoices must be between 1 and the number of options")
            }
            if let seconds = poll.closesAfter, seconds < 60 || seconds > 90 * 86_400 {
                report("\(base).closesAfter", "a poll stays open between 1 minute and 90 days")
            }
        case .postDigest(let days) where !(1...31).contains(days):
            report("\(base).days", "a digest covers 1 to 31 days, got \(days)")
        case .post(_, let channel?) where channel.isEmpty || channel.hasPrefix("#") || channel.contains(" "):
            report("\(base).channel", "'\(channel)' is not a channel name; write it without '#' and spaces")
        default:
            break
        }
    }

    mutating func checkMode() {
        switch spec.mode {
        case .single: break
        case .queued(let max), .parallel(let max):
            if !(1...RuleCompiler.maximumModeMax).contains(max) {
                report("max", "max must be between 1 and \(RuleCompiler.maximumModeMax), got \(max)")
            }
        }
    }

    mutating func checkRateLimit() {
        guard let limit = spec.rateLimit else { return }
        if limit.perMember != nil, !RuleCompiler.triggerHasMember(spec.trigger), spec.foreach == nil {
            report(
                "rateLimit.perMember",
                "perMember needs a member, but trigger '\(spec.trigger.eventType)' has none and there is no foreach")
        }
    }

    static func canBe(_ type: CELType, _ expected: CELType) -> Bool {
        type == .dyn || type == expected
    }

    static func isMemberList(_ type: CELType) -> Bool {
        switch type {
        case .dyn: true
        case .list(let element): element == .dyn || element == RuleMemberView.celType
        default: false
        }
    }

    /// The CEL message, with a hint when `member` is used where the trigger has none.
    static func explain(_ error: CELError, declarations: CELDeclarations) -> String {
        if error.message.hasPrefix("undeclared reference to 'member'"), declarations.variables["member"] == nil {
            return "'member' is not available here: this trigger is not about one member; "
                + "use foreach to choose members, or event, community, members, now"
        }
        return error.message
    }
}
