/// Reading `FREQ=…;…` text, with a message that names the part and says what to write instead.
extension RecurrenceRule {
    /// What is wrong with a rule's text.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// One sentence: the part, what is wrong, what to write.
        public var description: String

        /// An error saying `description`.
        public init(description: String) {
            self.description = description
        }
    }

    /// Parses an RFC 5545 RRULE value (an `RRULE:` prefix is allowed).
    public init(parsing text: String) throws(ParseError) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        var values: [String: String] = [:]
        for part in body.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw ParseError(description: "'\(part)' is not NAME=VALUE; write parts like FREQ=WEEKLY;BYDAY=TU")
            }
            let name = pair[0].uppercased()
            guard values[name] == nil else { throw ParseError(description: "\(name) is given twice; keep one") }
            values[name] = pair[1].uppercased()
        }
        guard let frequencyText = values.removeValue(forKey: "FREQ") else {
            throw ParseError(description: "FREQ is missing; start with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
        }
        guard let frequency = Frequency(rawValue: frequencyText) else {
            throw ParseError(
                description: "FREQ=\(frequencyText) is not supported for community events; use DAILY, WEEKLY, "
                    + "MONTHLY or YEARLY")
        }
        self.init(frequency: frequency)
        if let text = values.removeValue(forKey: "INTERVAL") {
            interval = try Self.number(text, "INTERVAL", 1...1000)
        }
        let count = try values.removeValue(forKey: "COUNT").map { text throws(ParseError) in
            try Self.number(text, "COUNT", 1...10000)
        }
        let until = try values.removeValue(forKey: "UNTIL").map { text throws(ParseError) in
            guard let value = CivilDateTime(icsValue: text.hasSuffix("Z") ? String(text.dropLast()) : text) else {
                throw ParseError(description: "UNTIL=\(text) is not a date; write 20271231 or 20271231T180000")
            }
            return value
        }
        switch (count, until) {
        case (.some, .some): throw ParseError(description: "COUNT and UNTIL cannot both be given; keep one")
        case (.some(let count), nil): end = .count(count)
        case (nil, .some(let until)): end = .until(until)
        case (nil, nil): end = .never
        }
        if let text = values.removeValue(forKey: "BYDAY") { weekdays = try Self.weekdays(text, frequency) }
        if let text = values.removeValue(forKey: "BYMONTHDAY") {
            monthDays = try Self.numbers(text, "BYMONTHDAY", -31...31)
            guard frequency != .weekly else {
                throw ParseError(description: "BYMONTHDAY does not go with FREQ=WEEKLY; use BYDAY, or FREQ=MONTHLY")
            }
        }
        if let text = values.removeValue(forKey: "BYMONTH") { months = try Self.numbers(text, "BYMONTH", 1...12) }
        if let text = values.removeValue(forKey: "BYSETPOS") {
            setPositions = try Self.numbers(text, "BYSETPOS", -366...366)
        }
        if let text = values.removeValue(forKey: "WKST") {
            guard let day = Self.dayNames.firstIndex(of: text) else {
                throw ParseError(description: "WKST=\(text) is not a day; use SU, MO, TU, WE, TH, FR or SA")
            }
            weekStart = day
        }
        if frequency == .yearly, !weekdays.isEmpty, months.isEmpty {
            throw ParseError(
                description: "BYDAY in a yearly rule needs BYMONTH (e.g. FREQ=YEARLY;BYMONTH=11;BYDAY=4TH)")
        }
        if let name = values.keys.sorted().first {
            let why =
                ["BYHOUR", "BYMINUTE", "BYSECOND"].contains(name)
                ? "events repeat at their start's time of day" : "it is not supported for community events"
            throw ParseError(
                description: "\(name) cannot be used: \(why); use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, "
                    + "BYMONTH, BYSETPOS and WKST")
        }
    }

    private static func number(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws(ParseError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ParseError(
                description: "\(name)=\(text) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private static func numbers(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws(ParseError) -> [Int] {
        var values: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Int(item), range.contains(value), value != 0 else {
                throw ParseError(
                    description: "\(name) has '\(item)'; use numbers from \(range.lowerBound) to \(range.upperBound), "
                        + "not 0, separated by commas")
            }
            values.append(value)
        }
        return values
    }

    private static func weekdays(_ text: String, _ frequency: Frequency) throws(ParseError) -> [WeekdayNumber] {
        var days: [WeekdayNumber] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(item.suffix(2))
            let prefix = item.dropLast(2)
            guard let weekday = dayNames.firstIndex(of: name) else {
                throw ParseError(
                    description: "BYDAY has '\(item)'; use SU, MO, TU, WE, TH, FR or SA, as in 1MO or -1FR")
            }
            var ordinal: Int?
            if !prefix.isEmpty {
                guard let value = Int(prefix), value != 0, (-53...53).contains(value) else {
                    throw ParseError(description: "BYDAY has '\(item)'; the number before the day is 1-5 or -1 to -5")
                }
                guard frequency == .monthly || frequency == .yearly else {
                    throw ParseError(
                        description: "BYDAY=\(item) numbers the day, which only monthly and yearly rules can do; "
                            + "write \(name)")
                }
                ordinal = value
            }
            days.append(WeekdayNumber(weekday: weekday, ordinal: ordinal))
        }
        return days
    }
}
