import ConvenerCore
import Foundation

/// The `pairing` section.
extension PairingSettings {
    /// The keys allowed in `pairing`.
    static let keys = ["programs", "follow_up_days", "prune_above", "prune_k"]
    /// The keys allowed in one program.
    static let programKeys = ["id", "kind", "group_size", "cadence", "repeat_window", "weights", "working_hours"]
    /// The keys allowed in a program's `weights`.
    static let weightKeys = ["interests", "timezone_overlap", "tier_mix", "since_last_met"]

    /// Reads the section over the defaults; every problem lands in `context`. A `programs` list replaces the
    /// default programs.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PairingSettings? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var settings = PairingSettings.defaults
        if let days = table.optional("follow_up_days", &context) {
            settings.followUpDays =
                days.boundedWholeNumber(&context, in: 1...30, what: "a number of days") ?? settings.followUpDays
        }
        if let above = table.optional("prune_above", &context) {
            settings.pruneAbove =
                above.boundedWholeNumber(&context, in: 10...100_000, what: "a pool size") ?? settings.pruneAbove
        }
        if let k = table.optional("prune_k", &context) {
            settings.pruneK =
                k.boundedWholeNumber(&context, in: 1...200, what: "a number of candidates") ?? settings.pruneK
        }
        if let list = table.optional("programs", &context), let items = list.list(&context) {
            var programs: [PairingProgram] = []
            var ids: Set<String> = []
            for item in items {
                let (id, program) = decodeProgram(item, &context)
                if let id, !ids.insert(id).inserted {
                    context.report(item, "a second program with id '\(id)'; every program needs its own id")
                    continue
                }
                if let program { programs.append(program) }
            }
            settings.programs = programs
        }
        return settings
    }

    /// The program's id when it has a valid one, and the program when every key is valid.
    private static func decodeProgram(_ field: ConfigField, _ context: inout ConfigContext)
        -> (id: String?, program: PairingProgram?)
    {
        guard let table = field.table(&context, keys: programKeys) else { return (nil, nil) }
        let idField = table.required("id", &context, hint: "name the program, e.g. id: coffee")
        let id = idField.flatMap { $0.programID(&context) }
        let kindField = table.required("kind", &context, hint: "kind: coffee or kind: mentorship")
        let kind = kindField.flatMap {
            $0.choice(&context, what: "a pairing kind", options: PairingProgram.Kind.allCases.map { ($0.rawValue, $0) })
        }
        var program = PairingProgram(id: id ?? "", kind: kind ?? .coffee)
        var valid = id != nil && kind != nil
        if let size = table.optional("group_size", &context) {
            if kind == .mentorship {
                context.report(size, "group_size is for coffee programs; mentoring is always one mentor and one mentee")
                valid = false
            } else if let value = size.boundedWholeNumber(&context, in: 2...3, what: "a group size") {
                program.groupSize = value
            } else {
                valid = false
            }
        }
        if let cadence = table.optional("cadence", &context) {
            if let text = cadence.string(&context) {
                do {
                    _ = try CronExpression(parsing: text)
                    program.cadence = text
                } catch {
                    context.report(
                        cadence,
                        "\(ConfigField.quoted(text)) is not a cron schedule (\(error)); "
                            + "write five fields such as '0 9 * * MON'")
                    valid = false
                }
            } else {
                valid = false
            }
        }
        if let window = table.optional("repeat_window", &context) {
            if let value = window.boundedWholeNumber(&context, in: 0...52, what: "a number of rounds") {
                program.repeatWindow = value
            } else {
                valid = false
            }
        }
        if let hours = table.optional("working_hours", &context) {
            if let text = hours.string(&context), let parsed = PairingWorkingHours(parsing: text) {
                program.workingHours = parsed
            } else {
                if let text = hours.node.scalar?.text {
                    context.report(
                        hours,
                        "\(ConfigField.quoted(text)) is not a working-hours window; write HH:MM-HH:MM, e.g. 09:00-17:00"
                    )
                }
                valid = false
            }
        }
        if let weights = table.optional("weights", &context) {
            if let decoded = decodeWeights(weights, &context) {
                program.weights = decoded
            } else {
                valid = false
            }
        }
        return (id, valid ? program : nil)
    }

    private static func decodeWeights(_ field: ConfigField, _ context: inout ConfigContext) -> PairingWeights? {
        guard let table = field.table(&context, keys: weightKeys) else { return nil }
        var weights = PairingWeights()
        var valid = true
        let paths: [(String, WritableKeyPath<PairingWeights, Double>)] = [
            ("interests", \.interests), ("timezone_overlap", \.timezoneOverlap), ("tier_mix", \.tierMix),
            ("since_last_met", \.sinceLastMet),
        ]
        for (key, path) in paths {
            guard let value = table.optional(key, &context) else { continue }
            if let number = value.weight(&context) {
                weights[keyPath: path] = number
            } else {
                valid = false
            }
        }
        return valid ? weights : nil
    }
}

extension ConfigField {
    /// A weight: a number from 0 to 100.
    fileprivate func weight(_ context: inout ConfigContext) -> Double? {
        guard let text = string(&context) else { return nil }
        guard let value = Double(text), value.isFinite, (0...100).contains(value) else {
            context.report(self, "\(Self.quoted(text)) is not a weight; use a number from 0 to 100, e.g. 2 or 0.5")
            return nil
        }
        return value
    }

    /// A program id: 1-40 lowercase letters, digits and dashes.
    fileprivate func programID(_ context: inout ConfigContext) -> String? {
        guard let text = string(&context) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        guard (1...40).contains(text.count), allowed else {
            context.report(
                self, "\(Self.quoted(text)) is not a program id; use 1-40 lowercase letters, digits and dashes")
            return nil
        }
        return text
    }
}
