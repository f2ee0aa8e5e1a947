/// CEL's arithmetic, comparison and membership operators on runtime values.
enum CELOperators {
    /// The error for an operator or function applied to unsupported types.
    static func noOverload(_ op: String, _ values: [CELValue], at position: CELSourcePosition) -> CELError {
        let types = values.map(\.celTypeName).joined(separator: ", ")
        return CELError(.evaluation, "no such overload: '\(op)' cannot be applied to (\(types))", at: position)
    }

    /// The error for integer overflow.
    static func overflow(_ op: String, at position: CELSourcePosition) -> CELError {
        CELError(.evaluation, "integer overflow in '\(op)'", at: position)
    }

    /// `+` on numbers, strings, bytes, lists, timestamps and durations.
    static func add(_ lhs: CELValue, _ rhs: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)):
            let (result, overflow) = a.addingReportingOverflow(b)
            if overflow { throw self.overflow("+", at: position) }
            return .int(result)
        case let (.uint(a), .uint(b)):
            let (result, overflow) = a.addingReportingOverflow(b)
            if overflow { throw self.overflow("+", at: position) }
            return .uint(result)
        case let (.double(a), .double(b)): return .double(a + b)
        case let (.string(a), .string(b)): return .string(a + b)
        case let (.bytes(a), .bytes(b)): return .bytes(a + b)
        case let (.list(a), .list(b)): return .list(a + b)
        case let (.timestamp(a), .duration(b)), let (.duration(b), .timestamp(a)):
            return try timestamp(a.nanosecondsSinceEpoch + b.totalNanoseconds, at: position)
        case let (.duration(a), .duration(b)):
            return try duration(a.totalNanoseconds + b.totalNanoseconds, at: position)
        default: throw noOverload("+", [lhs, rhs], at: position)
        }
    }

    /// `-` on numbers, timestamps and durations.
    static func subtract(_ lhs: CELValue, _ rhs: CELValue, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)):
            let (result, overflow) = a.subtractingReportingOverflow(b)
            if overflow { throw self.overflow("-", at: position) }
            return .int(result)
        case let (.uint(a), .uint(b)):
            let (result, overflow) = a.subtractingReportingOverflow(b)
            if overflow { throw self.overflow("-", at: position) }
            return .uint(result)
        case let (.double(a), .double(b)): return .double(a - b)
        case let (.timestamp(a), .duration(b)):
            return try timestamp(a.nanosecondsSinceEpoch - b.totalNanoseconds, at: position)
        case let (.timestamp(a), .timestamp(b)):
            return try duration(a.nanosecondsSinceEpoch - b.nanosecondsSinceEpoch, at: position)
        case let (.duration(a), .duration(b)):
            return try duration(a.totalNanoseconds - b.totalNanoseconds, at: position)
        default: throw noOverload("-", [lhs, rhs], at: position)
        }
    }

    /// `*` on numbers.
    static func multiply(_ lhs: CELValue, _ rhs: CELValue, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)):
            let (result, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { throw self.overflow("*", at: position) }
            return .int(result)
        case let (.uint(a), .uint(b)):
            let (result, overflow) = a.multipliedReportingOverflow(by: b)
            if overflow { throw self.overflow("*", at: position) }
            return .uint(result)
        case let (.double(a), .double(b)): return .double(a * b)
        default: throw noOverload("*", [lhs, rhs], at: position)
        }
    }

    /// `/` on numbers; integer division by zero is an error.
    static func divide(_ lhs: CELValue, _ rhs: CELValue, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)):
            if b == 0 { throw CELError(.evaluation, "division by zero", at: position) }
            let (result, overflow) = a.dividedReportingOverflow(by: b)
            if overflow { throw self.overflow("/", at: position) }
            return .int(result)
        case let (.uint(a), .uint(b)):
            if b == 0 { throw CELError(.evaluation, "division by zero", at: position) }
            return .uint(a / b)
        case let (.double(a), .double(b)): return .double(a / b)
        default: throw noOverload("/", [lhs, rhs], at: position)
        }
    }

    /// `%` on integers.
    static func remainder(_ lhs: CELValue, _ rhs: CELValue, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)):
            if b == 0 { throw CELError(.evaluation, "modulus by zero", at: position) }
            let (result, overflow) = a.remainderReportingOverflow(dividingBy: b)
            if overflow { throw self.overflow("%", at: position) }
            return .int(result)
        case let (.uint(a), .uint(b)):
            if b == 0 { throw CELError(.evaluation, "modulus by zero", at: position) }
            return .uint(a % b)
        default: throw noOverload("%", [lhs, rhs], at: position)
        }
    }

    /// Unary `-`.
    static func negate(_ operand: CELValue, at position: CELSourcePosition) throws(CELError) -> CELValue {
        switch operand {
        case .int(let value):
            guard value != Int64.min else { throw overflow("-", at: position) }
            return .int(-value)
        case .double(let value): return .double(-value)
        case .duration(let value): return try duration(-value.totalNanoseconds, at: position)
        default: throw noOverload("-", [operand], at: position)
        }
    }

    /// The ordering of two values for `<`, `<=`, `>`, `>=`; throws when the types have no ordering.
    static func compare(_ op: String, _ lhs: CELValue, _ rhs: CELValue, at position: CELSourcePosition)
        throws(CELError) -> Bool
    {
        let order: Int
        switch (lhs, rhs) {
        case let (.string(a), .string(b)):
            order =
                a.utf8.elementsEqual(b.utf8)
                ? 0 : (a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1)
        case let (.bytes(a), .bytes(b)): order = a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1)
        case let (.bool(a), .bool(b)): order = a == b ? 0 : (!a ? -1 : 1)
        case let (.timestamp(a), .timestamp(b)): order = a == b ? 0 : (a < b ? -1 : 1)
        case let (.duration(a), .duration(b)): order = a == b ? 0 : (a < b ? -1 : 1)
        default:
            switch (lhs, rhs) {
            case (.int, .int), (.int, .uint), (.int, .double), (.uint, .int), (.uint, .uint), (.uint, .double),
                (.double, .int), (.double, .uint), (.double, .double):
                guard let numeric = CELNumeric.compare(lhs, rhs) else { return false }
                order = numeric
            default: throw noOverload(op, [lhs, rhs], at: position)
            }
        }
        switch op {
        case "<": return order < 0
        case "<=": return order <= 0
        case ">": return order > 0
        default: return order >= 0
        }
    }

    /// `element in container` for lists (CEL equality) and maps (key presence).
    static func contains(_ element: CELValue, in container: CELValue, at position: CELSourcePosition)
        throws(CELError) -> Bool
    {
        switch container {
        case .list(let items): return items.contains { $0.celEquals(element) }
        case .map(let map): return map[element] != nil
        default: throw noOverload("in", [element, container], at: position)
        }
    }

    /// `container[key]` for lists (integral index) and maps.
    static func index(_ container: CELValue, _ key: CELValue, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        switch container {
        case .list(let items):
            let index: Int64
            switch key {
            case .int(let value): index = value
            case .uint(let value) where value <= UInt64(Int64.max): index = Int64(value)
            case .double(let value) where value.rounded(.towardZero) == value && abs(value) < 9e18:
                index = Int64(value)
            default: throw noOverload("[]", [container, key], at: position)
            }
            guard index >= 0 && index < Int64(items.count) else {
                throw CELError(
                    .evaluation, "index out of range: \(index) (list has \(items.count) elements)",
                    at: position)
            }
            return items[Int(index)]
        case .map(let map):
            switch key {
            case .bool, .int, .uint, .string, .double: break
            default: throw noOverload("[]", [container, key], at: position)
            }
            guard let value = map[key] else { throw noSuchKey(key, at: position) }
            return value
        default: throw noOverload("[]", [container, key], at: position)
        }
    }

    /// The error for a missing map key.
    static func noSuchKey(_ key: CELValue, at position: CELSourcePosition) -> CELError {
        CELError(.evaluation, "no such key: \(CELJSON.render(key))", at: position)
    }

    /// A timestamp, or a range error.
    static func timestamp(_ nanoseconds: Int128, at position: CELSourcePosition) throws(CELError) -> CELValue {
        guard let value = CELTimestamp(nanosecondsSinceEpoch: nanoseconds) else {
            throw CELError(.evaluation, "timestamp out of range (years 0001 to 9999)", at: position)
        }
        return .timestamp(value)
    }

    /// A duration, or a range error.
    static func duration(_ nanoseconds: Int128, at position: CELSourcePosition) throws(CELError) -> CELValue {
        guard let value = CELDuration(totalNanoseconds: nanoseconds) else {
            throw CELError(.evaluation, "duration out of range (about ±292 years)", at: position)
        }
        return .duration(value)
    }
}
