import Foundation

/// A message or MIME part read back: its header fields (RFC 5322 §2.2, unfolded, names compared without case) and
/// its body, with the parts of a multipart body (RFC 2046 §5.1).
///
/// Written here rather than taken from a library: the MIME parser among the project's packages (multipart-kit) reads
/// only `multipart/form-data` bodies, while reading a bounce needs header folding, nested multiparts and the
/// header-shaped field groups of a delivery status, which all come down to this one small reader.
public struct MailEntity: Sendable {
    /// The header fields in order, names as written.
    public let fields: [(name: String, value: String)]
    /// The body, lines ending in `\n`.
    public let body: String

    /// Reads `text` (CRLF or LF line ends): header fields up to the first empty line, then the body.
    public init(_ text: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let head: Substring
        if normalized.hasPrefix("\n") {
            head = ""
            body = String(normalized.dropFirst())
        } else if let end = normalized.range(of: "\n\n") {
            head = normalized[..<end.lowerBound]
            body = String(normalized[end.upperBound...])
        } else {
            head = normalized[...]
            body = ""
        }
        fields = Self.fields(head)
    }

    /// Reads raw message bytes; bytes that are not UTF-8 become U+FFFD (a bounce's own fields are ASCII).
    public init(bytes: [UInt8]) {
        self.init(String(decoding: bytes, as: UTF8.self))
    }

    /// The first value of the field `name`, if any.
    public func value(_ name: String) -> String? {
        values(name).first
    }

    /// Every value of the field `name`, in order.
    public func values(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The media type, lowercased (`multipart/report`); `text/plain` when absent (RFC 2045 §5.2).
    public var mediaType: String {
        let raw = value("Content-Type") ?? "text/plain"
        return (raw.split(separator: ";").first.map(String.init) ?? raw).trimmingCharacters(in: .whitespaces)
            .lowercased()
    }

    /// A parameter of the `Content-Type` field (`boundary`, `report-type`), quotes removed.
    public func contentTypeParameter(_ name: String) -> String? {
        guard let raw = value("Content-Type") else { return nil }
        for piece in Self.parameters(raw).dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased()
            else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    /// The parts of a `multipart/*` body (empty for anything else, or without a boundary).
    public var parts: [MailEntity] {
        guard mediaType.hasPrefix("multipart/"), let boundary = contentTypeParameter("boundary"), !boundary.isEmpty
        else { return [] }
        let delimiter = "--" + boundary
        var parts: [MailEntity] = []
        var current: [Substring]?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == delimiter || trimmed == delimiter + "--" {
                if let current { parts.append(MailEntity(current.joined(separator: "\n"))) }
                if trimmed.hasSuffix("--"), trimmed != delimiter { return parts }
                current = []
            } else {
                current?.append(line)
            }
        }
        return parts
    }

    /// This entity and every part inside it, depth first.
    public var allEntities: [MailEntity] {
        [self] + parts.flatMap(\.allEntities)
    }

    /// The header-shaped groups of a body, separated by empty lines (a delivery status's per-message and
    /// per-recipient fields, RFC 3464 §2.1).
    public var fieldGroups: [MailEntity] {
        body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
            .map { MailEntity($0 + "\n\n") }
    }

    private static func fields(_ head: Substring) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for line in head.split(separator: "\n", omittingEmptySubsequences: true) {
            if let first = line.first, first == " " || first == "\t" {
                // A folded line continues the field before it.
                guard !fields.isEmpty else { continue }
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, !name.contains(" ") else { continue }
                fields.append((name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return fields
    }

    /// `type/subtype; a=1; b="x;y"` split at semicolons outside quotes.
    private static func parameters(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";", !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }
}
