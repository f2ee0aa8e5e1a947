import Foundation

/// RFC 5545 content lines: escaped text, lines folded at 75 octets, CRLF endings.
struct ICSWriter {
    private(set) var lines: [String] = []

    /// Appends `NAME:value` with `value` written as is (dates, rules, numbers).
    mutating func raw(_ name: String, _ value: String) {
        lines.append(Self.fold("\(name):\(value)"))
    }

    /// Appends `NAME:value` with `value` escaped as TEXT.
    mutating func text(_ name: String, _ value: String) {
        raw(name, Self.escape(value))
    }

    /// The calendar object: every line ending in CRLF.
    var document: String { lines.map { $0 + "\r\n" }.joined() }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r\n": escaped += "\\n"
            case "\r": continue
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Folds a line into pieces of at most 75 octets, never inside a UTF-8 character (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = pieces.isEmpty ? 75 : 74  // continuation lines start with a space
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
