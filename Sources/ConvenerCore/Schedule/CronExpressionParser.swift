/// Parses cron text into one value bitset per field, reporting problems with field and column.
struct CronExpressionParser {
    /// The parsed fields: value bitsets (bit n = value n) and whether each field's text starts with `*`.
    struct Fields {
        /// One bitset per field, in field order.
        var values: [UInt64]
        /// Whether each field's text starts with `*`.
        var startsWithStar: [Bool]
    }

    /// The text being parsed.
    let text: String

    private static let shortcuts: [String: String] = [
        "@YEARLY": "0 0 1 1 *", "@ANNUALLY": "0 0 1 1 *", "@MONTHLY": "0 0 1 * *",
        "@WEEKLY": "0 0 * * 0", "@DAILY": "0 0 * * *", "@MIDNIGHT": "0 0 * * *", "@HOURLY": "0 * * * *",
    ]

    /// Splits the text into fields and parses each one.
    func parse() throws(CronParseError) -> Fields {
        let characters = Array(text)
        let tokens = Self.tokens(of: characters)
        guard let first = tokens.first else {
            throw CronParseError(
                field: nil, column: 1,
                reason: "the expression is empty; write five fields (minute hour day-of-month month "
                    + "day-of-week), e.g. '0 9 * * MON', or a shortcut such as '@daily'")
        }
        if first.text.hasPrefix("@") {
            return try parseShortcut(first, extra: tokens.dropFirst().first)
        }
        guard tokens.count == 5 else {
            let column = tokens.count > 5 ? tokens[5].column : characters.count + 1
            throw CronParseError(
                field: nil, column: column,
                reason: "found \(tokens.count) field\(tokens.count == 1 ? "" : "s") but a cron expression has "
                    + "exactly 5: minute hour day-of-month month day-of-week (seconds are not supported)")
        }
        var fields = Fields(values: [], startsWithStar: [])
        for (field, token) in zip(CronField.allCases, tokens) {
            fields.values.append(try Self.parseField(field, token.text, column: token.column))
            fields.startsWithStar.append(token.text.hasPrefix("*"))
        }
        return fields
    }

    private func parseShortcut(_ token: Token, extra: Token?) throws(CronParseError) -> Fields {
        let name = token.text.uppercased()
        if name == "@REBOOT" {
            throw CronParseError(
                field: nil, column: token.column,
                reason: "'@reboot' is not supported: Convener schedules fire at times of day, not when a "
                    + "machine starts; use e.g. '@daily' or '0 9 * * *'")
        }
        guard let expansion = Self.shortcuts[name] else {
            throw CronParseError(
                field: nil, column: token.column,
                reason: "'\(token.text)' is not a known shortcut; use @yearly, @annually, @monthly, @weekly, "
                    + "@daily, @midnight or @hourly")
        }
        if let extra {
            throw CronParseError(
                field: nil, column: extra.column,
                reason: "'\(token.text)' stands for a whole expression; remove '\(extra.text)' after it")
        }
        return try CronExpressionParser(text: expansion).parse()
    }

    /// A whitespace-separated piece of the text and its 1-based column.
    struct Token {
        /// The piece's text as written.
        var text: String
        /// The 1-based column of its first character.
        var column: Int
    }

    private static func tokens(of characters: [Character]) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        for (index, character) in characters.enumerated() {
            if character.isWhitespace {
                if !current.isEmpty { tokens.append(Token(text: current, column: start + 1)) }
                current = ""
            } else {
                if current.isEmpty { start = index }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(Token(text: current, column: start + 1)) }
        return tokens
    }

    // Follows Vixie/Debian cron's entry.c: a range `a-b/step` takes every step-th value from a to b, so a
    // one-value range with a step (`19-19/1`, `fri-fri/1`) is that one value. `a/step` (which Debian rejects)
    // reads as "from a to the field's maximum", as cronie and cronsim read it.
    private static func parseField(_ field: CronField, _ text: String, column: Int) throws(CronParseError) -> UInt64 {
        var result: UInt64 = 0
        var itemColumn = column
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            if item.isEmpty {
                throw CronParseError(
                    field: field, column: itemColumn,
                    reason: "a list item is missing in '\(text)'; separate values with single commas")
            }
            result |= try parseItem(field, Substring(item), column: itemColumn)
            itemColumn += item.count + 1
        }
        return result
    }

    private static func parseItem(_ field: CronField, _ item: Substring, column: Int) throws(CronParseError) -> UInt64 {
        try rejectUnsupported(field, item, column: column)
        let bounds = field.bounds
        if item == "*" { return mask(bounds) }
        guard let slash = item.firstIndex(of: "/") else { return try parseRange(field, item, column: column) }
        let base = item[..<slash]
        let stepText = item[item.index(after: slash)...]
        let stepColumn = column + base.count + 1
        // A step too large for Int still selects only the first value, as in cronsim.
        let step = !stepText.isEmpty && stepText.allSatisfy(\.isCronDigit) ? Int(stepText) ?? Int.max : 0
        guard step >= 1 else {
            throw CronParseError(
                field: field, column: stepColumn,
                reason: "'/\(stepText)' is not a valid step; write a whole number of 1 or more after '/'")
        }
        let values: [Int]
        if base == "*" {
            values = Array(bounds)
        } else {
            let rangeValues = maskValues(try parseRange(field, base, column: column))
            if !base.contains("-"), let start = rangeValues.first {
                values = Array(start...bounds.upperBound)
            } else {
                values = rangeValues
            }
        }
        var result: UInt64 = 0
        for value in stride(from: 0, to: values.count, by: step) { result |= 1 << UInt64(values[value]) }
        return result
    }

    private static func parseRange(_ field: CronField, _ text: Substring, column: Int) throws(CronParseError) -> UInt64
    {
        guard let dash = text.firstIndex(of: "-") else {
            return 1 << UInt64(try value(field, text, column: column))
        }
        let lowText = text[..<dash]
        let highText = text[text.index(after: dash)...]
        let low = try value(field, lowText, column: column)
        let high = try value(field, highText, column: column + lowText.count + 1)
        guard low <= high else {
            throw CronParseError(
                field: field, column: column,
                reason: "the range '\(text)' goes backwards; write the smaller value first, or use a list "
                    + "such as '\(highText)-\(field.bounds.upperBound),\(field.bounds.lowerBound)-\(lowText)'")
        }
        return mask(low...high)
    }

    private static func value(_ field: CronField, _ text: Substring, column: Int) throws(CronParseError) -> Int {
        if text.isEmpty {
            throw CronParseError(field: field, column: column, reason: "a value is missing; \(field.allowedValues)")
        }
        if let index = field.names.firstIndex(of: text.uppercased()) { return index + field.firstNameValue }
        guard text.allSatisfy(\.isCronDigit) else {
            let what =
                switch field {
                case .month: "is not a month name"
                case .dayOfWeek: "is not a day name"
                default: "is not a number"
                }
            throw CronParseError(field: field, column: column, reason: "'\(text)' \(what); \(field.allowedValues)")
        }
        guard let number = Int(text), field.bounds.contains(number) else {
            let extra = field == .dayOfWeek ? " (0 and 7 are Sunday)" : ""
            throw CronParseError(
                field: field, column: column,
                reason: "'\(text)' is out of range; \(field.allowedValues)\(extra)")
        }
        return number
    }

    private static func rejectUnsupported(_ field: CronField, _ item: Substring, column: Int) throws(CronParseError) {
        if let mark = item.firstIndex(of: "?") {
            throw CronParseError(
                field: field, column: column + item.distance(from: item.startIndex, to: mark),
                reason: "'?' is not supported; use '*'")
        }
        if let mark = item.firstIndex(of: "#") {
            throw CronParseError(
                field: field, column: column + item.distance(from: item.startIndex, to: mark),
                reason: "'#' (nth weekday of the month) is not supported; list the dates in the day-of-month "
                    + "field instead")
        }
        guard field == .dayOfMonth || field == .dayOfWeek else { return }
        let upper = item.uppercased()
        let isLast = upper.hasSuffix("L") && upper.dropLast().allSatisfy(\.isCronDigit)
        let isWeekday = upper.hasSuffix("W") && upper.dropLast().allSatisfy { $0.isCronDigit || $0 == "L" }
        if isLast || isWeekday {
            throw CronParseError(
                field: field, column: column,
                reason: "'\(item)' uses 'L' or 'W' (last/nearest weekday), which is not supported; "
                    + field.allowedValues)
        }
    }

    private static func mask(_ range: ClosedRange<Int>) -> UInt64 {
        var result: UInt64 = 0
        for value in range { result |= 1 << UInt64(value) }
        return result
    }

    private static func maskValues(_ mask: UInt64) -> [Int] {
        (0..<64).filter { mask & (1 << UInt64($0)) != 0 }
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9 (cron numbers are ASCII only).
    fileprivate var isCronDigit: Bool { ("0"..."9").contains(self) }
}
