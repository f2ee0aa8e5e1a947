import Foundation

/// One rule as written by a convenor, before its expressions are compiled: the input of `RuleCompiler`.
///
/// Paths used in problems follow the YAML keys: `trigger`, `conditions[1]`, `foreach`, `actions[0].post.text`.
public struct RuleSpec: Sendable {
    /// The rule's unique id (`welcome-newcomer`).
    public var id: String
    /// What the rule is for, in plain words.
    public var description: String
    /// Whether the rule runs at all.
    public var enabled: Bool
    /// What starts a run.
    public var trigger: RuleTrigger
    /// CEL expressions that must all be true for the rule to act.
    public var conditions: [String]
    /// An optional CEL expression giving the members to act for, one run of the actions each.
    public var foreach: String?
    /// What the rule does, in order.
    public var actions: [RuleAction]
    /// What happens when the rule triggers while earlier runs are still open.
    public var mode: RuleMode
    /// Per-rule limits on how often it may act.
    public var rateLimit: RuleRateLimit?
    /// Catch-up and holiday handling, for schedule triggers.
    public var scheduleOptions: RuleScheduleOptions
    /// For schedule triggers: the calendar event the rule's fire times make, if any.
    public var calendar: RuleCalendarEntry?

    /// A rule spec.
    public init(
        id: String,
        description: String = "",
        enabled: Bool = true,
        trigger: RuleTrigger,
        conditions: [String] = [],
        foreach: String? = nil,
        actions: [RuleAction],
        mode: RuleMode = .single,
        rateLimit: RuleRateLimit? = nil,
        scheduleOptions: RuleScheduleOptions = .standard,
        calendar: RuleCalendarEntry? = nil
    ) {
        self.id = id
        self.description = description
        self.enabled = enabled
        self.trigger = trigger
        self.conditions = conditions
        self.foreach = foreach
        self.actions = actions
        self.mode = mode
        self.rateLimit = rateLimit
        self.scheduleOptions = scheduleOptions
        self.calendar = calendar
    }
}

/// What starts a rule: an event the community emits, a schedule, or the approach of a calendar event.
public enum RuleTrigger: Sendable, Equatable, CustomStringConvertible {
    /// An event type such as `member.joined` (see `RuleEventCatalog`).
    case event(String)
    /// A five-field cron expression (or `@weekly`, …) read in an IANA time zone; nil: the community's zone.
    case schedule(cron: String, timeZone: String?)
    /// `minutesBefore` minutes before each instance of the community's calendar event `event` that takes place.
    case reminder(event: String, minutesBefore: Int)

    /// `member.joined`, `schedule 0 9 * * MON (Europe/Berlin)`, or `30 minutes before each 'meetup'`.
    public var description: String {
        switch self {
        case .event(let type): type
        case .schedule(let cron, let timeZone): "schedule \(cron) (\(timeZone ?? "community time zone"))"
        case .reminder(let event, let minutes): "\(minutes) minutes before each '\(event)'"
        }
    }

    /// The event type a run of this trigger receives (`schedule` for schedules, `calendar.reminder` for reminders).
    public var eventType: String {
        switch self {
        case .event(let type): type
        case .schedule: RuleEvent.scheduleType
        case .reminder: RuleEvent.reminderType
        }
    }
}

/// How a rule treats a trigger that arrives while earlier runs are still open (Home Assistant's modes).
public enum RuleMode: Sendable, Equatable, Codable, CustomStringConvertible {
    /// At most one open run; later triggers are dropped (with a trace) until it finishes.
    case single
    /// At most `max` open runs; later triggers wait, up to `max` of them, and start as runs finish.
    case queued(max: Int)
    /// At most `max` open runs at once; triggers beyond that are dropped.
    case parallel(max: Int)

    /// The mode's YAML word.
    public var name: String {
        switch self {
        case .single: "single"
        case .queued: "queued"
        case .parallel: "parallel"
        }
    }

    /// How many runs may be open at once.
    public var maximumOpenRuns: Int {
        switch self {
        case .single: 1
        case .queued: 1
        case .parallel(let max): max
        }
    }

    /// `single`, `queued (max 10)`, `parallel (max 5)`.
    public var description: String {
        switch self {
        case .single: "single"
        case .queued(let max): "queued (max \(max))"
        case .parallel(let max): "parallel (max \(max))"
        }
    }
}

/// A rate such as `3/day`: at most `count` actions per `seconds`, refilled evenly (a token bucket).
public struct RuleRate: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The bucket's size: how many may happen in a burst.
    public var count: Int
    /// The period over which `count` tokens refill.
    public var seconds: Double

    /// A rate of `count` per `seconds`.
    public init(count: Int, seconds: Double) {
        self.count = count
        self.seconds = seconds
    }

    /// Parses `N/unit` or `N/DURATION`: `3/day`, `10/hour`, `1/week`, `5/15m`, `2/36h`, `1/7d`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0].trimmingCharacters(in: .whitespaces)), count > 0 else {
            return nil
        }
        let unit = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
        let seconds: Double
        switch unit {
        case "second", "sec", "s": seconds = 1
        case "minute", "min", "m": seconds = 60
        case "hour", "h": seconds = 3600
        case "day", "d": seconds = 86_400
        case "week", "w": seconds = 604_800
        default:
            guard let period = Self.period(unit) else { return nil }
            seconds = period
        }
        self.init(count: count, seconds: seconds)
    }

    /// `3/day`-style text.
    public var description: String {
        let named: [(Double, String)] = [
            (604_800, "week"), (86_400, "day"), (3600, "hour"), (60, "minute"), (1, "second"),
        ]
        if let match = named.first(where: { $0.0 == seconds }) { return "\(count)/\(match.1)" }
        return "\(count)/\(Int(seconds))s"
    }

    private static func period(_ text: String) -> Double? {
        guard let unit = text.last, let amount = Double(text.dropLast()), amount > 0, amount.isFinite else {
            return nil
        }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86_400
        case "w": return amount * 604_800
        default: return nil
        }
    }
}

/// A rule's own limits: for the whole rule and for each member it acts for.
public struct RuleRateLimit: Sendable, Equatable, Codable {
    /// At most this many runs of the rule (all members together).
    public var global: RuleRate?
    /// At most this many runs for any one member.
    public var perMember: RuleRate?

    /// Rate limits; nil means "only the engine's defaults".
    public init(global: RuleRate? = nil, perMember: RuleRate? = nil) {
        self.global = global
        self.perMember = perMember
    }
}
