/// A positive length of time typed in a command: `30m`, `2h`, `3d`, `2w`, or combined like `1d12h`.
public struct CommandDuration: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// The length in seconds; always positive.
    public let seconds: Int

    /// The longest duration a command accepts: 104 weeks (two years).
    public static let maximum = CommandDuration(uncheckedSeconds: 104 * 7 * 86_400)

    /// Creates a duration from a positive number of seconds no longer than `maximum`; `nil` otherwise.
    public init?(seconds: Int) {
        guard seconds > 0, seconds <= Self.maximum.seconds else {
            return nil
        }
        self.seconds = seconds
    }

    private init(uncheckedSeconds: Int) {
        self.seconds = uncheckedSeconds
    }

    /// Parses `30m`, `2h`, `3d`, `2w` or a combination in falling order such as `1w2d` or `2h30m`.
    public static func parse(_ text: String) -> CommandDuration? {
        try? parseExplaining(text).get()
    }

    /// Parses a duration, or says in one sentence what is wrong with it.
    static func parseExplaining(_ text: String) -> Result<CommandDuration, CommandProblem> {
        let example = "use a number and a unit, like 30m, 2h, 3d, 2w or 1d12h"
        guard !text.isEmpty else {
            return .failure(CommandProblem(message: "The duration is empty; \(example)."))
        }
        var total = 0
        var digits = ""
        var lastUnitRank = Int.max
        for character in text.lowercased() {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(Character(String(digit)))
                continue
            }
            guard let unit = units.first(where: { $0.symbol == character }) else {
                return .failure(CommandProblem(message: "\"\(text)\" is not a duration; \(example)."))
            }
            guard !digits.isEmpty else {
                return .failure(CommandProblem(message: "\"\(text)\" is not a duration; \(example)."))
            }
            guard unit.rank < lastUnitRank else {
                return .failure(
                    CommandProblem(
                        message: "\"\(text)\" is not a duration; give each unit once, largest first, like 1d12h."))
            }
            lastUnitRank = unit.rank
            guard digits.count <= 7, let amount = Int(digits) else {
                return .failure(CommandProblem(message: "\"\(text)\" is too long; the longest is \(maximum)."))
            }
            total += amount * unit.seconds
            digits = ""
        }
        guard digits.isEmpty else {
            return .failure(
                CommandProblem(
                    message: "\"\(text)\" has no unit; add m, h, d or w, like \(digits)m or \(digits)h."))
        }
        guard total > 0 else {
            return .failure(CommandProblem(message: "\"\(text)\" is zero; give a duration longer than that."))
        }
        guard let duration = CommandDuration(seconds: total) else {
            return .failure(CommandProblem(message: "\"\(text)\" is too long; the longest is \(maximum)."))
        }
        return .success(duration)
    }

    /// The compact form a command would use, such as `1d12h` or `2w`.
    public var compact: String {
        var rest = seconds
        var text = ""
        for unit in Self.units where rest >= unit.seconds {
            text += "\(rest / unit.seconds)\(unit.symbol)"
            rest %= unit.seconds
        }
        if rest > 0 {
            text += "\(rest)s"
        }
        return text
    }

    /// The duration in words, such as "2 weeks" or "1 day and 12 hours".
    public var description: String {
        var rest = seconds
        var parts: [String] = []
        for unit in Self.units where rest >= unit.seconds {
            let amount = rest / unit.seconds
            parts.append("\(amount) \(amount == 1 ? unit.singular : unit.singular + "s")")
            rest %= unit.seconds
        }
        if rest > 0 {
            parts.append("\(rest) \(rest == 1 ? "second" : "seconds")")
        }
        guard let last = parts.popLast() else {
            return "0 seconds"
        }
        return parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
    }

    /// Orders durations by length.
    public static func < (lhs: CommandDuration, rhs: CommandDuration) -> Bool {
        lhs.seconds < rhs.seconds
    }

    private struct Unit: Sendable {
        let symbol: Character
        let singular: String
        let seconds: Int
        let rank: Int
    }

    private static let units: [Unit] = [
        Unit(symbol: "w", singular: "week", seconds: 7 * 86_400, rank: 3),
        Unit(symbol: "d", singular: "day", seconds: 86_400, rank: 2),
        Unit(symbol: "h", singular: "hour", seconds: 3_600, rank: 1),
        Unit(symbol: "m", singular: "minute", seconds: 60, rank: 0),
    ]
}
