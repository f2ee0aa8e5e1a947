import Foundation

/// A CEL `google.protobuf.Timestamp`: an instant with nanosecond precision between years 0001 and 9999 (UTC).
public struct CELTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0001-01-01T00:00:00Z in seconds since the epoch.
    static let minimumSeconds: Int128 = -62_135_596_800
    /// 9999-12-31T23:59:59Z in seconds since the epoch.
    static let maximumSeconds: Int128 = 253_402_300_799
    /// Nanoseconds in one second.
    static let nanosPerSecond: Int128 = 1_000_000_000

    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public let nanosecondsSinceEpoch: Int128

    /// A timestamp `nanosecondsSinceEpoch` after the Unix epoch, or nil outside years 0001–9999.
    public init?(nanosecondsSinceEpoch: Int128) {
        let low = Self.minimumSeconds * Self.nanosPerSecond
        let high = Self.maximumSeconds * Self.nanosPerSecond + (Self.nanosPerSecond - 1)
        guard nanosecondsSinceEpoch >= low && nanosecondsSinceEpoch <= high else { return nil }
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// A timestamp `seconds` plus `nanos` after the Unix epoch, or nil outside years 0001–9999.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        self.init(nanosecondsSinceEpoch: Int128(seconds) * Self.nanosPerSecond + Int128(nanos))
    }

    /// The timestamp of a Foundation `Date` (rounded to the microsecond Foundation reliably keeps).
    public init?(date: Date) {
        let micros = (date.timeIntervalSince1970 * 1e6).rounded()
        guard micros.isFinite, abs(micros) < 1e18 else { return nil }
        self.init(nanosecondsSinceEpoch: Int128(micros) * 1_000)
    }

    /// Whole seconds since the epoch (rounded toward negative infinity).
    public var seconds: Int64 {
        let (quotient, remainder) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: Self.nanosPerSecond)
        return Int64(remainder < 0 ? quotient - 1 : quotient)
    }

    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanos: Int32 {
        Int32(nanosecondsSinceEpoch - Int128(seconds) * Self.nanosPerSecond)
    }

    /// The timestamp as a Foundation `Date`.
    public var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9)
    }

    /// Orders timestamps chronologically.
    public static func < (lhs: CELTimestamp, rhs: CELTimestamp) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// RFC 3339 in UTC with as many fractional digits as needed (`2009-02-13T23:31:30Z`, `...30.5Z`).
    public var description: String {
        let fields = CELCivilTime(secondsSinceEpoch: seconds)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text =
            pad(fields.year, 4) + "-" + pad(fields.month, 2) + "-" + pad(fields.day, 2) + "T"
            + pad(fields.hour, 2) + ":" + pad(fields.minute, 2) + ":" + pad(fields.second, 2)
        if nanos != 0 {
            var digits = pad(Int(nanos), 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// Parses RFC 3339 text (`2009-02-13T23:31:30Z`, `2009-02-13T23:31:30.123+01:00`); nil when malformed.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt"), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else {
            return nil
        }
        var fraction: Int128 = 0
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                if digits < 9 {
                    fraction = fraction * 10 + Int128(bytes[index] - 48)
                    digits += 1
                }
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { fraction *= 10 }
        }
        var offsetSeconds = 0
        if expect("Zz") {
            offsetSeconds = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(":"), let minutes = number(2) else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = CELCivilTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int128(days) * 86_400 + Int128(hour * 3600 + minute * 60 + second - offsetSeconds)
        self.init(nanosecondsSinceEpoch: seconds * Self.nanosPerSecond + fraction)
    }
}

/// Calendar fields of an instant in the proleptic Gregorian calendar, computed without Foundation.
struct CELCivilTime: Sendable {
    /// The year (1...9999).
    var year: Int
    /// The month, 1-based.
    var month: Int
    /// The day of the month, 1-based.
    var day: Int
    /// The hour, 0...23.
    var hour: Int
    /// The minute, 0...59.
    var minute: Int
    /// The second, 0...59.
    var second: Int
    /// 0 = Sunday.
    var dayOfWeek: Int
    /// 0-based day within the year.
    var dayOfYear: Int

    /// The calendar fields of `secondsSinceEpoch` (already shifted by any zone offset).
    init(secondsSinceEpoch: Int64) {
        var days = secondsSinceEpoch / 86_400
        var secondOfDay = secondsSinceEpoch % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay % 3600 / 60)
        second = Int(secondOfDay % 60)
        let civil = CivilCalendar.civil(fromDays: Int(days))
        (year, month, day) = (civil.year, civil.month, civil.day)
        let weekday = (days + 4) % 7
        dayOfWeek = Int(weekday < 0 ? weekday + 7 : weekday)
        dayOfYear = Int(days - Int64(Self.daysFromCivil(year: year, month: 1, day: 1)))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        CivilCalendar.days(year: year, month: month, day: day)
    }
}
