import Foundation

/// Reads and writes the ISO-8601 times the cron tests use: `2024-03-31T03:00:00+02:00`, with optional
/// fractional seconds when writing.
enum CronISO {
    /// Parses `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `Z`).
    static func date(from text: String) -> Date? {
        let characters = Array(text.utf8)
        guard characters.count >= 20 else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            var value = 0
            for index in from..<(from + length) {
                let digit = Int(characters[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var index = 19
        if characters[index] == UInt8(ascii: ".") {
            index += 1
            while index < characters.count, (48...57).contains(characters[index]) { index += 1 }
        }
        var offset = 0
        if characters[index] != UInt8(ascii: "Z") {
            guard characters.count >= index + 6, let offsetHours = number(index + 1, 2),
                let offsetMinutes = number(index + 4, 2)
            else { return nil }
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (characters[index] == UInt8(ascii: "-") ? -1 : 1)
        }
        let local = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(local - offset))
    }

    /// Formats an instant as ISO-8601 in `zone`, e.g. `2024-03-31T03:00:00+02:00`.
    static func string(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
    }

    /// Formats an instant in UTC with microseconds, e.g. `2024-03-31T01:30:00.250000+00:00`.
    static func utcString(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded())
        let base = string(Date(timeIntervalSince1970: seconds), in: TimeZone(identifier: "UTC") ?? .gmt)
        return String(base.dropLast(6)) + String(format: ".%06d", micros) + "+00:00"
    }

    private static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }
}
