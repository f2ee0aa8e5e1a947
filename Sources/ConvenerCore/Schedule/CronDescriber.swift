/// Renders a cron expression as a plain-English sentence, e.g. "at 09:00 on Monday".
struct CronDescriber {
    /// The expression to describe.
    let expression: CronExpression

    private static let monthNames = [
        "", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// The sentence: time of day, then days, then months.
    var sentence: String {
        [timePhrase, dayPhrase, monthPhrase].compactMap { $0 }.joined(separator: " ")
    }

    private var timePhrase: String {
        let minutes = Self.values(expression.minutes, in: 0...59)
        let hours = Self.values(UInt64(expression.hours), in: 0...23)
        if minutes.count * hours.count <= 4 || (minutes.count == 1 && hours.count <= 8) {
            return "at " + Self.list(hours.flatMap { hour in minutes.map { Self.clock(hour, $0) } })
        }
        let minutePart = Self.minutePhrase(minutes)
        let repeats = minutePart.hasPrefix("every")
        if hours.count == 24 {
            if repeats { return minutePart }
            return minutes == [0] ? "every hour, on the hour" : minutePart + " past every hour"
        }
        if let first = hours.first, let last = hours.last, last - first + 1 == hours.count {
            return "\(minutePart) from \(Self.clock(first, 0)) through \(Self.clock(last, 59))"
        }
        if let first = hours.first, let step = Self.step(of: hours, in: 0...23) {
            if first == 0, minutes == [0] { return "every \(step) hours, on the hour" }
            return "\(minutePart) in every \(Self.ordinal(step)) hour from \(Self.clock(first, 0))"
        }
        return "\(minutePart) during hours " + Self.list(hours.map { "\($0)" })
    }

    private static func minutePhrase(_ minutes: [Int]) -> String {
        if minutes.count == 60 { return "every minute" }
        if let first = minutes.first, let step = step(of: minutes, in: 0...59, minimumCount: 3) {
            return "every \(step) minutes" + (first == 0 ? "" : " from minute \(first)")
        }
        if minutes == [0] { return "on the hour" }
        return "at minute" + (minutes.count == 1 ? " " : "s ") + ranges(minutes)
    }

    private var dayPhrase: String? {
        let days = Self.values(UInt64(expression.daysOfMonth), in: 1...31)
        let weekdays = Self.values(UInt64(expression.daysOfWeek), in: 0...6)
        let dayPart: String?
        if days.count == 31 {
            dayPart = nil
        } else if let first = days.first, let step = Self.step(of: days, in: 1...31) {
            dayPart = "on every \(Self.ordinal(step)) day of the month from day \(first)"
        } else {
            dayPart = "on day" + (days.count == 1 ? " " : "s ") + Self.ranges(days) + " of the month"
        }
        let weekdayNames = Self.ranges(weekdays, names: Self.dayNames)
        let weekdayPart = weekdays.count == 7 ? nil : "on " + weekdayNames
        switch (dayPart, weekdayPart) {
        case (nil, nil): return nil
        case (let day?, nil): return day
        case (nil, let weekday?): return weekday
        case (let day?, let weekday?):
            if expression.daysMatchBoth {
                return day + " if it is a " + Self.ranges(weekdays, names: Self.dayNames, joiner: "or")
            }
            return day + " or " + weekday
        }
    }

    private var monthPhrase: String? {
        let months = Self.values(UInt64(expression.months), in: 1...12)
        return months.count == 12 ? nil : "in " + Self.ranges(months, names: Self.monthNames)
    }

    private static func values(_ mask: UInt64, in range: ClosedRange<Int>) -> [Int] {
        range.filter { mask & (1 << UInt64($0)) != 0 }
    }

    private static func clock(_ hour: Int, _ minute: Int) -> String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    // The step of an evenly spaced run of at least `minimumCount` values that continues to the end of the
    // range, the shape `*/n` and `a/n` produce.
    private static func step(of values: [Int], in range: ClosedRange<Int>, minimumCount: Int = 5) -> Int? {
        guard values.count >= minimumCount, let first = values.first, let last = values.last else { return nil }
        let step = values[1] - first
        guard step > 1, values == Array(stride(from: first, through: last, by: step)),
            last + step > range.upperBound
        else { return nil }
        return step
    }

    // Values as a list in which runs of three or more read "a through b".
    private static func ranges(_ values: [Int], names: [String]? = nil, joiner: String = "and") -> String {
        let name = { (value: Int) in names.map { $0[value] } ?? "\(value)" }
        var parts: [String] = []
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
            if end - index >= 2 {
                parts.append("\(name(values[index])) through \(name(values[end]))")
            } else {
                parts.append(contentsOf: values[index...end].map(name))
            }
            index = end + 1
        }
        return list(parts, joiner: joiner)
    }

    private static func ordinal(_ value: Int) -> String {
        let suffix =
            switch (value % 10, value % 100) {
            case (1, let tens) where tens != 11: "st"
            case (2, let tens) where tens != 12: "nd"
            case (3, let tens) where tens != 13: "rd"
            default: "th"
            }
        return "\(value)\(suffix)"
    }

    private static func list(_ items: [String], joiner: String = "and") -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " \(joiner) " + last
    }
}
