import Foundation

/// A calendar date and time typed in a command, like `2026-12-01T17:00`, with an optional UTC offset.
///
/// Without an offset the time is local to the community: the reducer applies the community's zone.
public struct CommandDateTime: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The year, 1970…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, valid for the month and year.
    public let day: Int
    /// The hour, 0…23.
    public let hour: Int
    /// The minute, 0…59.
    public let minute: Int
    /// The second, 0…59 (0 when not typed).
    public let second: Int
    /// The offset from UTC in seconds when one was typed (`Z` is 0); `nil` for a local time.
    public let utcOffsetSeconds: Int?

    /// Creates a date-time after checking every field; `nil` if any is out of range.
    public init?(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0, utcOffsetSeconds: Int? = nil
    ) {
        guard (1970...9999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else {
            return nil
        }
        if let offset = utcOffsetSeconds, abs(offset) > 14 * 3_600 {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Parses `YYYY-MM-DDTHH:MM`, optionally with `:SS` and `Z` or `±HH:MM`; `nil` if it is not one.
    public static func parse(_ text: String) -> CommandDateTime? {
        try? parseExplaining(text).get()
    }

    /// Whether the time carries its own offset instead of being local to the community.
    public var hasExplicitOffset: Bool {
        utcOffsetSeconds != nil
    }

    /// The instant this names, reading a local time in `localTimeZone`; `nil` if the calendar cannot say.
    public func date(localTimeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        if let offset = utcOffsetSeconds {
            guard let zone = TimeZone(secondsFromGMT: offset) else {
                return nil
            }
            calendar.timeZone = zone
        } else {
            calendar.timeZone = localTimeZone
        }
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)
    }

    /// The ISO 8601 form, such as `2026-12-01T17:00:00` or `2026-12-01T17:00:00+02:00`.
    public var description: String {
        var text = "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))"
        if let offset = utcOffsetSeconds {
            if offset == 0 {
                text += "Z"
            } else {
                let sign = offset < 0 ? "-" : "+"
                text += "\(sign)\(pad(abs(offset) / 3_600)):\(pad(abs(offset) % 3_600 / 60))"
            }
        }
        return text
    }

    /// Parses a date-time, or says in one sentence what is wrong with it.
    static func parseExplaining(_ text: String) -> Result<CommandDateTime, CommandProblem> {
        let shape = "write a date and time like 2026-12-01T17:00 (optionally with :SS and Z or +02:00)"
        var scanner = DigitScanner(characters: Array(text.uppercased()))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2)
        else {
            return .failure(CommandProblem(message: "\"\(text)\" is not a date and time; \(shape)."))
        }
        guard scanner.skip("T") else {
            let message =
                scanner.isAtEnd
                ? "\"\(text)\" has no time of day; add one, like \(text)T17:00."
                : "\"\(text)\" is not a date and time; \(shape)."
            return .failure(CommandProblem(message: message))
        }
        guard let hour = scanner.number(digits: 2), scanner.skip(":"), let minute = scanner.number(digits: 2) else {
            return .failure(CommandProblem(message: "\"\(text)\" is not a date and time; \(shape)."))
        }
        var second = 0
        if scanner.skip(":") {
            guard let value = scanner.number(digits: 2) else {
                return .failure(CommandProblem(message: "\"\(text)\" is not a date and time; \(shape)."))
            }
            second = value
        }
        var offset: Int?
        if scanner.skip("Z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2), scanner.skip(":"), let minutes = scanner.number(digits: 2),
                hours <= 14, minutes <= 59
            else {
                return .failure(
                    CommandProblem(
                        message: "\"\(text)\" has an offset that is not ±HH:MM; write it like +02:00 or -05:00."))
            }
            offset = sign * (hours * 3_600 + minutes * 60)
        }
        guard scanner.isAtEnd else {
            return .failure(CommandProblem(message: "\"\(text)\" is not a date and time; \(shape)."))
        }
        guard (1...12).contains(month), (1970...9999).contains(year) else {
            return .failure(CommandProblem(message: "\"\(text)\" is not a real date; check the year and month."))
        }
        guard (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day) else {
            return .failure(
                CommandProblem(
                    message: "\"\(text)\" is not a real date; \(monthNames[month - 1]) \(year) has "
                        + "\(CivilCalendar.daysInMonth(year: year, month: month)) days."))
        }
        guard
            let value = CommandDateTime(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, utcOffsetSeconds: offset
            )
        else {
            return .failure(
                CommandProblem(
                    message: "\"\(text)\" is not a real time of day; use 00:00 to 23:59."))
        }
        return .success(value)
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Reads fixed-width numbers and separators from the front of a string.
    private struct DigitScanner {
        let characters: [Character]
        var index = 0

        var isAtEnd: Bool {
            index == characters.count
        }

        mutating func number(digits: Int) -> Int? {
            guard index + digits <= characters.count else {
                return nil
            }
            let slice = characters[index..<(index + digits)]
            guard slice.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(String(slice)) else {
                return nil
            }
            index += digits
            return value
        }

        mutating func skip(_ character: Character) -> Bool {
            guard index < characters.count, characters[index] == character else {
                return false
            }
            index += 1
            return true
        }

        mutating func sign() -> Int? {
            if skip("+") {
                return 1
            }
            if skip("-") || skip("\u{2212}") {
                return -1
            }
            return nil
        }
    }
}
