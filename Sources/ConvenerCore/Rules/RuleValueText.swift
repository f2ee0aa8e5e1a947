/// How CEL values read inside rendered text and explanations.
public enum RuleValueText {
    /// Strings as they are, numbers plainly, lists joined with ", ", members by name, timestamps in RFC 3339.
    public static func text(of value: CELValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .uint(let number): return String(number)
        case .double(let number):
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .string(let text): return text
        case .bytes(let bytes): return "\(bytes.count) bytes"
        case .list(let items): return items.map(text(of:)).joined(separator: ", ")
        case .map(let map):
            if case .string(let name)? = map["name"] { return name }
            return CELJSON.render(value)
        case .timestamp(let timestamp): return timestamp.description
        case .duration(let duration): return duration.description
        case .type(let name): return name
        }
    }

    /// The value as a convenor reads it in `explain`: strings quoted, lists in brackets.
    public static func literal(of value: CELValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .null: return "null"
        case .list(let items):
            let shown = items.prefix(10).map(literal(of:)).joined(separator: ", ")
            return "[" + shown + (items.count > 10 ? ", … (\(items.count) in all)" : "") + "]"
        case .map(let map):
            if case .string(let name)? = map["name"], case .string(let id)? = map["id"] { return "\(name) (\(id))" }
            return CELJSON.render(value)
        default: return text(of: value)
        }
    }
}
