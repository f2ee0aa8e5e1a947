import Foundation

/// CEL's standard functions that Convener supports: conversions, string functions and time accessors.
enum CELFunctions {
    /// Every supported function name, with the receiver-style and global argument counts it accepts.
    static let signatures: [String: (global: Set<Int>, member: Set<Int>)] = [
        "size": ([1], [0]),
        "contains": ([], [1]),
        "startsWith": ([], [1]),
        "endsWith": ([], [1]),
        "matches": ([2], [1]),
        "int": ([1], []),
        "uint": ([1], []),
        "double": ([1], []),
        "string": ([1], []),
        "bytes": ([1], []),
        "bool": ([1], []),
        "type": ([1], []),
        "dyn": ([1], []),
        "timestamp": ([1], []),
        "duration": ([1], []),
        "getFullYear": ([], [0, 1]),
        "getMonth": ([], [0, 1]),
        "getDayOfMonth": ([], [0, 1]),
        "getDate": ([], [0, 1]),
        "getDayOfWeek": ([], [0, 1]),
        "getDayOfYear": ([], [0, 1]),
        "getHours": ([], [0, 1]),
        "getMinutes": ([], [0, 1]),
        "getSeconds": ([], [0, 1]),
        "getMilliseconds": ([], [0, 1]),
    ]

    /// The static result type of `name`, given its argument types (receiver first for member calls).
    static func resultType(_ name: String, _ arguments: [CELType]) -> CELType {
        switch name {
        case "size", "int", "getFullYear", "getMonth", "getDayOfMonth", "getDate", "getDayOfWeek",
            "getDayOfYear", "getHours", "getMinutes", "getSeconds", "getMilliseconds":
            .int
        case "contains", "startsWith", "endsWith", "matches", "bool": .bool
        case "uint": .uint
        case "double": .double
        case "string": .string
        case "bytes": .bytes
        case "type": .type
        case "timestamp": .timestamp
        case "duration": .duration
        default: .dyn
        }
    }

    /// The argument types a function accepts (receiver first), each a list of alternatives; nil = anything.
    static func acceptedTypes(_ name: String) -> [[CELType]]? {
        switch name {
        case "contains", "startsWith", "endsWith", "matches": [[.string], [.string]]
        case "size": [[.string, .bytes, .list(.dyn), .map(.dyn, .dyn)]]
        case "int": [[.int, .uint, .double, .string, .timestamp]]
        case "uint": [[.int, .uint, .double, .string]]
        case "double": [[.int, .uint, .double, .string]]
        case "string": [[.int, .uint, .double, .string, .bytes, .bool, .timestamp, .duration]]
        case "bytes": [[.string, .bytes]]
        case "bool": [[.bool, .string]]
        case "timestamp": [[.string, .int, .timestamp]]
        case "duration": [[.string, .duration]]
        case "getFullYear", "getMonth", "getDayOfMonth", "getDate", "getDayOfWeek", "getDayOfYear":
            [[.timestamp], [.string]]
        case "getHours", "getMinutes", "getSeconds", "getMilliseconds": [[.timestamp, .duration], [.string]]
        default: nil
        }
    }

    /// Applies `name` to evaluated `arguments` (receiver first for member calls).
    static func call(
        _ name: String, _ arguments: [CELValue], regex: NSRegularExpression?,
        at position: CELSourcePosition
    ) throws(CELError) -> CELValue {
        switch (name, arguments.count) {
        case ("size", 1): return try size(arguments[0], at: position)
        case ("contains", 2), ("startsWith", 2), ("endsWith", 2):
            guard case .string(let text) = arguments[0], case .string(let part) = arguments[1] else {
                throw CELOperators.noOverload(name, arguments, at: position)
            }
            return .bool(stringTest(name, text, part))
        case ("matches", 2):
            guard case .string(let text) = arguments[0], case .string(let pattern) = arguments[1] else {
                throw CELOperators.noOverload(name, arguments, at: position)
            }
            if pattern.isEmpty { return .bool(true) }
            let expression: NSRegularExpression
            if let regex { expression = regex } else { expression = try compileRegex(pattern, at: position) }
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return .bool(expression.firstMatch(in: text, options: [], range: range) != nil)
        case ("int", 1): return try toInt(arguments[0], at: position)
        case ("uint", 1): return try toUInt(arguments[0], at: position)
        case ("double", 1): return try toDouble(arguments[0], at: position)
        case ("string", 1): return try toString(arguments[0], at: position)
        case ("bytes", 1):
            switch arguments[0] {
            case .bytes: return arguments[0]
            case .string(let text): return .bytes(Array(text.utf8))
            default: throw CELOperators.noOverload(name, arguments, at: position)
            }
        case ("bool", 1): return try toBool(arguments[0], at: position)
        case ("type", 1): return .type(arguments[0].celTypeName)
        case ("dyn", 1): return arguments[0]
        case ("timestamp", 1): return try toTimestamp(arguments[0], at: position)
        case ("duration", 1): return try toDuration(arguments[0], at: position)
        default:
            if name.hasPrefix("get") { return try accessor(name, arguments, at: position) }
            throw CELOperators.noOverload(name, arguments, at: position)
        }
    }

    /// Compiles a `matches` pattern, reporting an invalid one as an evaluation error.
    static func compileRegex(_ pattern: String, at position: CELSourcePosition) throws(CELError)
        -> NSRegularExpression
    {
        do {
            return try NSRegularExpression(pattern: pattern, options: [])
        } catch {
            throw CELError(.evaluation, "invalid regular expression '\(pattern)'", at: position)
        }
    }

    private static func stringTest(_ name: String, _ text: String, _ part: String) -> Bool {
        // Compare by Unicode scalars: CEL strings are code-point sequences, not grapheme clusters.
        let scalars = Array(text.unicodeScalars)
        let partScalars = Array(part.unicodeScalars)
        switch name {
        case "startsWith": return scalars.starts(with: partScalars)
        case "endsWith": return scalars.reversed().starts(with: partScalars.reversed())
        default:
            if partScalars.isEmpty { return true }
            guard partScalars.count <= scalars.count else { return false }
            for start in 0...(scalars.count - partScalars.count)
            where scalars[start..<(start + partScalars.count)].elementsEqual(partScalars) {
                return true
            }
            return false
        }
    }

    private static func size(_ value: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch value {
        case .string(let text): .int(Int64(text.unicodeScalars.count))
        case .bytes(let bytes): .int(Int64(bytes.count))
        case .list(let items): .int(Int64(items.count))
        case .map(let map): .int(Int64(map.count))
        default: throw CELOperators.noOverload("size", [value], at: position)
        }
    }

    private static func rangeError(_ what: String, at position: CELSourcePosition) -> CELError {
        CELError(.evaluation, "range error: \(what)", at: position)
    }

    private static func toInt(_ value: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch value {
        case .int: return value
        case .uint(let number):
            guard number <= UInt64(Int64.max) else { throw rangeError("\(number)u does not fit in int", at: position) }
            return .int(Int64(number))
        case .double(let number):
            guard number.isFinite, number > -9_223_372_036_854_775_808.0, number < 9_223_372_036_854_775_807.0 else {
                throw rangeError("\(number) does not fit in int", at: position)
            }
            return .int(Int64(number.rounded(.towardZero)))
        case .string(let text):
            guard let number = Int64(text) else {
                throw CELError(.evaluation, "type conversion error: '\(text)' is not an int", at: position)
            }
            return .int(number)
        case .timestamp(let instant): return .int(instant.seconds)
        default: throw CELOperators.noOverload("int", [value], at: position)
        }
    }

    private static func toUInt(_ value: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch value {
        case .uint: return value
        case .int(let number):
            guard number >= 0 else { throw rangeError("\(number) does not fit in uint", at: position) }
            return .uint(UInt64(number))
        case .double(let number):
            guard number.isFinite, number > -1, number < 18_446_744_073_709_551_615.0 else {
                throw rangeError("\(number) does not fit in uint", at: position)
            }
            return .uint(UInt64(number.rounded(.towardZero)))
        case .string(let text):
            guard let number = UInt64(text) else {
                throw CELError(.evaluation, "type conversion error: '\(text)' is not a uint", at: position)
            }
            return .uint(number)
        default: throw CELOperators.noOverload("uint", [value], at: position)
        }
    }

    private static func toDouble(_ value: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch value {
        case .double: return value
        case .int(let number): return .double(Double(number))
        case .uint(let number): return .double(Double(number))
        case .string(let text):
            let parsed: Double? =
                switch text {
                case "NaN": .nan
                case "Infinity", "+Infinity", "inf", "+inf": .infinity
                case "-Infinity", "-inf": -.infinity
                default: Double(text)
                }
            guard let number = parsed else {
                throw CELError(.evaluation, "type conversion error: '\(text)' is not a double", at: position)
            }
            return .double(number)
        default: throw CELOperators.noOverload("double", [value], at: position)
        }
    }

    private static func toString(_ value: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch value {
        case .string: return value
        case .int(let number): return .string(String(number))
        case .uint(let number): return .string(String(number))
        case .double(let number): return .string(formatDouble(number))
        case .bool(let flag): return .string(flag ? "true" : "false")
        case .bytes(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CELError(.evaluation, "invalid UTF-8 in bytes converted to string", at: position)
            }
            return .string(text)
        case .timestamp(let instant): return .string(instant.description)
        case .duration(let span): return .string(span.description)
        default: throw CELOperators.noOverload("string", [value], at: position)
        }
    }

    /// A double as CEL prints it: Go's shortest `%g` form (`123.456`, `-0.0045`, `1e+06`).
    static func formatDouble(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "+Infinity" }
        let negative = number.sign == .minus
        if number == 0 { return negative ? "-0" : "0" }
        // Decompose Swift's shortest round-trip text into significant digits and a decimal exponent.
        let text = "\(abs(number))"
        let parts = text.split(separator: "e")
        var exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0]
        var digits = ""
        var pointPosition = mantissa.count
        for (offset, character) in mantissa.enumerated() {
            if character == "." { pointPosition = offset } else { digits.append(character) }
        }
        var decimalPoint = pointPosition + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        exponent = decimalPoint - 1
        let sign = negative ? "-" : ""
        if exponent < -4 || exponent >= 6 {
            let tail = digits.count > 1 ? "." + digits.dropFirst() : ""
            let magnitude = abs(exponent)
            return sign + String(digits.prefix(1)) + tail + "e" + (exponent < 0 ? "-" : "+")
                + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        return sign + positional(digits, decimalPoint)
    }

    private static func positional(_ digits: String, _ decimalPoint: Int) -> String {
        if decimalPoint <= 0 { return "0." + String(repeating: "0", count: -decimalPoint) + digits }
        if decimalPoint >= digits.count { return digits + String(repeating: "0", count: decimalPoint - digits.count) }
        return String(digits.prefix(decimalPoint)) + "." + String(digits.dropFirst(decimalPoint))
    }

    private static func toBool(_ value: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch value {
        case .bool: return value
        case .string(let text):
            switch text {
            case "1", "t", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "false", "FALSE", "False": return .bool(false)
            default: throw CELError(.evaluation, "type conversion error: '\(text)' is not a bool", at: position)
            }
        default: throw CELOperators.noOverload("bool", [value], at: position)
        }
    }

    private static func toTimestamp(_ value: CELValue, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        switch value {
        case .timestamp: return value
        case .int(let seconds): return try CELOperators.timestamp(Int128(seconds) * 1_000_000_000, at: position)
        case .string(let text):
            guard let instant = CELTimestamp(parsing: text) else {
                throw CELError(
                    .evaluation,
                    "invalid timestamp '\(text)': expected RFC 3339 such as "
                        + "2024-05-01T12:00:00Z, between years 0001 and 9999", at: position)
            }
            return .timestamp(instant)
        default: throw CELOperators.noOverload("timestamp", [value], at: position)
        }
    }

    private static func toDuration(_ value: CELValue, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        switch value {
        case .duration: return value
        case .string(let text):
            guard let span = CELDuration(parsing: text) else {
                throw CELError(
                    .evaluation,
                    "invalid duration '\(text)': expected e.g. 720h, 1h30m, 90s, 250ms "
                        + "(within ±292 years)", at: position)
            }
            return .duration(span)
        default: throw CELOperators.noOverload("duration", [value], at: position)
        }
    }

    private static func accessor(_ name: String, _ arguments: [CELValue], at position: CELSourcePosition)
        throws(CELError) -> CELValue
    {
        if case .duration(let span) = arguments[0], arguments.count == 1 {
            let total = span.totalNanoseconds
            switch name {
            case "getHours": return .int(Int64(total / 3_600_000_000_000))
            case "getMinutes": return .int(Int64(total / 60_000_000_000))
            case "getSeconds": return .int(Int64(total / 1_000_000_000))
            case "getMilliseconds": return .int(Int64(total % 1_000_000_000 / 1_000_000))
            default: throw CELOperators.noOverload(name, arguments, at: position)
            }
        }
        guard case .timestamp(let instant) = arguments[0] else {
            throw CELOperators.noOverload(name, arguments, at: position)
        }
        var offset: Int64 = 0
        if arguments.count == 2 {
            guard case .string(let zone) = arguments[1] else {
                throw CELOperators.noOverload(name, arguments, at: position)
            }
            offset = try zoneOffset(zone, at: instant, position: position)
        }
        if name == "getMilliseconds" { return .int(Int64(instant.nanos / 1_000_000)) }
        let fields = CELCivilTime(secondsSinceEpoch: instant.seconds + offset)
        let result: Int
        switch name {
        case "getFullYear": result = fields.year
        case "getMonth": result = fields.month - 1
        case "getDayOfMonth": result = fields.day - 1
        case "getDate": result = fields.day
        case "getDayOfWeek": result = fields.dayOfWeek
        case "getDayOfYear": result = fields.dayOfYear
        case "getHours": result = fields.hour
        case "getMinutes": result = fields.minute
        case "getSeconds": result = fields.second
        default: throw CELOperators.noOverload(name, arguments, at: position)
        }
        return .int(Int64(result))
    }

    /// The UTC offset in seconds of `zone` (an IANA name such as `Europe/Paris`, or `+05:30`/`-02:00`/`02:00`).
    static func zoneOffset(_ zone: String, at instant: CELTimestamp, position: CELSourcePosition) throws(CELError)
        -> Int64
    {
        let scalars = Array(zone.unicodeScalars)
        if let first = scalars.first, first == "+" || first == "-" || (first.value >= 48 && first.value <= 57) {
            let sign: Int64 = first == "-" ? -1 : 1
            let body = first == "+" || first == "-" ? String(zone.dropFirst()) : zone
            let parts = body.split(separator: ":")
            guard parts.count == 2, let hours = Int64(parts[0]), let minutes = Int64(parts[1]),
                parts[0].count == 2, parts[1].count == 2, hours < 24, minutes < 60
            else {
                throw CELError(.evaluation, "invalid time zone offset '\(zone)': expected ±HH:MM", at: position)
            }
            return sign * (hours * 3600 + minutes * 60)
        }
        guard let timeZone = TimeZone(identifier: zone) else {
            throw CELError(
                .evaluation, "unknown time zone '\(zone)': use an IANA name such as Europe/Paris",
                at: position)
        }
        return Int64(timeZone.secondsFromGMT(for: instant.date))
    }
}
