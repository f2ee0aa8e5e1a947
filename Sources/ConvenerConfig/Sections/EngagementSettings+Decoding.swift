import ConvenerCore
import Foundation

/// The `engagement` section: activity weights and decay, tier thresholds, kudos, celebrations, the facilitator
/// roster and what happens to a leaving member's data.
extension EngagementSettings {
    /// The keys allowed in `engagement`.
    static let keys = [
        "weights", "half_life_days", "tiers", "kudos", "spotlight", "celebrations", "roster", "on_leave",
    ]
    private static let weightKeys = [
        "message", "command", "vote", "kudos_given", "kudos_received", "survey", "meeting", "reaction",
    ]
    private static let tierKeys = [
        "core_promote", "core_keep", "active_promote", "active_keep", "occasional_promote", "occasional_keep",
        "min_days_between_changes",
    ]
    private static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> EngagementSettings? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        let before = context.diagnostics.count
        var settings = EngagementSettings.defaults
        if let weights = table.optional("weights", &context) {
            decodeWeights(weights, into: &settings.scoring.weights, &context)
        }
        if let days = table.optional("half_life_days", &context)?.number(&context, in: 1...3650) {
            settings.scoring.halfLifeDays = days
        }
        if let tiers = table.optional("tiers", &context) {
            decodeTiers(tiers, into: &settings.scoring, &context)
        }
        if let kudos = table.optional("kudos", &context),
            let kudosTable = kudos.table(&context, keys: ["daily_allowance", "max_reason_length"])
        {
            if let allowance = kudosTable.optional("daily_allowance", &context)?.whole(&context, in: 1...100) {
                settings.kudos.dailyAllowance = allowance
            }
            if let length = kudosTable.optional("max_reason_length", &context)?.whole(&context, in: 10...2000) {
                settings.kudos.maxReasonLength = length
            }
        }
        if let spotlight = table.optional("spotlight", &context)?.boolean(&context) {
            settings.spotlight = spotlight
        }
        if let celebrations = table.optional("celebrations", &context),
            let celebrationTable = celebrations.table(&context, keys: ["morning", "anniversaries", "birthdays"])
        {
            if let morning = celebrationTable.optional("morning", &context)?.clockTime(&context) {
                settings.celebrations.hour = morning.hour
                settings.celebrations.minute = morning.minute
            }
            if let on = celebrationTable.optional("anniversaries", &context)?.boolean(&context) {
                settings.celebrations.anniversaries = on
            }
            if let on = celebrationTable.optional("birthdays", &context)?.boolean(&context) {
                settings.celebrations.birthdays = on
            }
        }
        if let roster = table.optional("roster", &context) {
            decodeRoster(roster, into: &settings.roster, &context)
        }
        if let onLeave = table.optional("on_leave", &context) {
            let options = EngagementLeavePolicy.allCases.map { (word: $0.rawValue, value: $0) }
            settings.onLeave =
                onLeave.choice(&context, what: "an on_leave choice", options: options) ?? settings.onLeave
        }
        return context.diagnostics.count == before ? settings : nil
    }

    private static func decodeWeights(
        _ field: ConfigField, into weights: inout EngagementWeights, _ context: inout ConfigContext
    ) {
        guard let table = field.table(&context, keys: weightKeys) else { return }
        let paths: [(String, WritableKeyPath<EngagementWeights, Double>)] = [
            ("message", \.message), ("command", \.command), ("vote", \.vote), ("kudos_given", \.kudosGiven),
            ("kudos_received", \.kudosReceived), ("survey", \.surveyParticipation), ("meeting", \.pairingMeeting),
            ("reaction", \.reaction),
        ]
        for (key, path) in paths {
            if let value = table.optional(key, &context)?.number(&context, in: 0...100) {
                weights[keyPath: path] = value
            }
        }
    }

    private static func decodeTiers(
        _ field: ConfigField, into policy: inout EngagementPolicy, _ context: inout ConfigContext
    ) {
        guard let table = field.table(&context, keys: tierKeys) else { return }
        let paths: [(String, WritableKeyPath<EngagementPolicy, Double>)] = [
            ("core_promote", \.corePromote), ("core_keep", \.coreKeep), ("active_promote", \.activePromote),
            ("active_keep", \.activeKeep), ("occasional_promote", \.occasionalPromote),
            ("occasional_keep", \.occasionalKeep), ("min_days_between_changes", \.minDaysBetweenTierChanges),
        ]
        var fields: [String: ConfigField] = [:]
        for (key, path) in paths {
            guard let value = table.optional(key, &context) else { continue }
            fields[key] = value
            if let number = value.number(&context, in: 0...100_000) { policy[keyPath: path] = number }
        }
        let pairs: [(String, Double, String, Double)] = [
            ("core", policy.coreKeep, "core", policy.corePromote),
            ("active", policy.activeKeep, "active", policy.activePromote),
            ("occasional", policy.occasionalKeep, "occasional", policy.occasionalPromote),
        ]
        for (tier, keep, _, promote) in pairs where keep > promote {
            let at = fields["\(tier)_keep"] ?? fields["\(tier)_promote"] ?? field
            context.report(
                at,
                "\(tier)_keep (\(format(keep))) must not exceed \(tier)_promote (\(format(promote))): a member "
                    + "keeps a tier down to the keep score")
        }
        if !(policy.occasionalPromote <= policy.activePromote && policy.activePromote <= policy.corePromote) {
            context.report(
                fields["core_promote"] ?? fields["active_promote"] ?? fields["occasional_promote"] ?? field,
                "promotion scores must grow from occasional to core; they are occasional "
                    + "\(format(policy.occasionalPromote)), active \(format(policy.activePromote)), core "
                    + "\(format(policy.corePromote))")
        }
        if !(policy.occasionalKeep <= policy.activeKeep && policy.activeKeep <= policy.coreKeep) {
            context.report(
                fields["core_keep"] ?? fields["active_keep"] ?? fields["occasional_keep"] ?? field,
                "keep scores must grow from occasional to core; they are occasional \(format(policy.occasionalKeep)), "
                    + "active \(format(policy.activeKeep)), core \(format(policy.coreKeep))")
        }
    }

    private static func decodeRoster(
        _ field: ConfigField, into cadence: inout EngagementRosterCadence, _ context: inout ConfigContext
    ) {
        guard let table = field.table(&context, keys: ["weekday", "time", "every_weeks", "announce_days_ahead"])
        else { return }
        if let weekday = table.optional("weekday", &context) {
            let options = weekdays.enumerated().map { (word: $0.element, value: $0.offset + 1) }
            cadence.weekday = weekday.choice(&context, what: "a weekday", options: options) ?? cadence.weekday
        }
        if let time = table.optional("time", &context)?.clockTime(&context) {
            cadence.hour = time.hour
            cadence.minute = time.minute
        }
        if let weeks = table.optional("every_weeks", &context)?.whole(&context, in: 1...12) {
            cadence.everyWeeks = weeks
        }
        if let days = table.optional("announce_days_ahead", &context)?.whole(&context, in: 0...14) {
            cadence.announceDaysAhead = days
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension ConfigField {
    /// A number (whole or decimal) within `range`.
    fileprivate func number(_ context: inout ConfigContext, in range: ClosedRange<Double>) -> Double? {
        guard let text = string(&context) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            context.report(
                self,
                "\(Self.quoted(text)) is not a number from \(Self.show(range.lowerBound)) to "
                    + "\(Self.show(range.upperBound))")
            return nil
        }
        return value
    }

    /// A whole number within `range`.
    fileprivate func whole(_ context: inout ConfigContext, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(&context) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            context.report(
                self, "\(Self.quoted(text)) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// true or false (also yes/no, on/off).
    func boolean(_ context: inout ConfigContext) -> Bool? {
        let options: [(word: String, value: Bool)] = [
            ("true", true), ("false", false), ("yes", true), ("no", false), ("on", true), ("off", false),
        ]
        return choice(&context, what: "true or false", options: options, shown: ["true", "false"])
    }

    /// A local time of day, `HH:MM` (24-hour).
    fileprivate func clockTime(_ context: inout ConfigContext) -> (hour: Int, minute: Int)? {
        guard let text = string(&context) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else {
            context.report(self, "\(Self.quoted(text)) is not a time of day; write HH:MM, e.g. 09:00")
            return nil
        }
        return (hour, minute)
    }

    private static func show(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
