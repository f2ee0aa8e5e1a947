import Foundation

/// A protobuf text-format message, parsed generically (field names and raw values, no schema).
struct CELTextprotoMessage: Sendable {
    /// A field's value: a scalar token, a (byte) string, or a nested message.
    enum Value: Sendable {
        /// A number, bool or enum token.
        case scalar(String)
        /// A string, as bytes.
        case string([UInt8])
        /// A nested message.
        case message(CELTextprotoMessage)
    }

    /// The fields in file order.
    var fields: [(name: String, value: Value)] = []

    /// All values of the field `name`, in order (repeated fields).
    func all(_ name: String) -> [Value] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// All nested messages of the field `name`.
    func messages(_ name: String) -> [CELTextprotoMessage] {
        all(name).compactMap { if case .message(let message) = $0 { message } else { nil } }
    }

    /// The first nested message of the field `name`.
    func message(_ name: String) -> CELTextprotoMessage? {
        messages(name).first
    }

    /// The first value of `name` as a UTF-8 string (string fields) or raw token (scalars and enums).
    func text(_ name: String) -> String? {
        switch all(name).first {
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        case .scalar(let token): token
        default: nil
        }
    }

    /// The first value of `name` as raw bytes.
    func bytes(_ name: String) -> [UInt8]? {
        if case .string(let bytes) = all(name).first { return bytes }
        return nil
    }

    /// Whether the message has the field `name`.
    func has(_ name: String) -> Bool {
        fields.contains { $0.name == name }
    }
}

/// Errors from the text-format parser, with the byte offset where parsing stopped.
struct CELTextprotoError: Error, CustomStringConvertible {
    /// What went wrong.
    var message: String
    /// The byte offset.
    var offset: Int
    /// The error as text.
    var description: String { "textproto error at byte \(offset): \(message)" }
}

/// Parses the subset of protobuf text format the CEL conformance files use.
struct CELTextprotoParser {
    private let bytes: [UInt8]
    private var index = 0

    /// Parses a whole file as one message.
    static func parse(_ text: String) throws -> CELTextprotoMessage {
        var parser = CELTextprotoParser(bytes: Array(text.utf8))
        let message = try parser.fields(until: nil)
        return message
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func skipTrivia() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#") {
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
                index += 1
            } else {
                return
            }
        }
    }

    private mutating func peek() -> UInt8? {
        skipTrivia()
        return index < bytes.count ? bytes[index] : nil
    }

    private func fail(_ message: String) -> CELTextprotoError {
        CELTextprotoError(message: message, offset: index)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+")
    }

    private mutating func fields(until closing: UInt8?) throws -> CELTextprotoMessage {
        var message = CELTextprotoMessage()
        while true {
            guard let byte = peek() else {
                if closing == nil { return message }
                throw fail("unexpected end of input")
            }
            if byte == closing {
                index += 1
                return message
            }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") {
                index += 1
                continue
            }
            let name = try fieldName()
            var sawColon = false
            if peek() == UInt8(ascii: ":") {
                index += 1
                sawColon = true
            }
            if peek() == UInt8(ascii: "[") && sawColon {
                index += 1
                while peek() != UInt8(ascii: "]") {
                    message.fields.append((name, try value()))
                    if peek() == UInt8(ascii: ",") { index += 1 }
                }
                index += 1
            } else {
                message.fields.append((name, try value()))
            }
        }
    }

    private mutating func fieldName() throws -> String {
        guard let byte = peek() else { throw fail("expected a field name") }
        if byte == UInt8(ascii: "[") {
            let start = index
            while index < bytes.count && bytes[index] != UInt8(ascii: "]") { index += 1 }
            index += 1
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        let start = index
        while index < bytes.count && Self.isNameByte(bytes[index]) { index += 1 }
        guard index > start else { throw fail("expected a field name, found '\(Character(Unicode.Scalar(byte)))'") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func value() throws -> CELTextprotoMessage.Value {
        guard let byte = peek() else { throw fail("expected a value") }
        if byte == UInt8(ascii: "{") {
            index += 1
            return .message(try fields(until: UInt8(ascii: "}")))
        }
        if byte == UInt8(ascii: "<") {
            index += 1
            return .message(try fields(until: UInt8(ascii: ">")))
        }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            var result: [UInt8] = []
            while let next = peek(), next == UInt8(ascii: "\"") || next == UInt8(ascii: "'") {
                result += try quoted()
            }
            return .string(result)
        }
        let start = index
        while index < bytes.count && Self.isNameByte(bytes[index]) { index += 1 }
        guard index > start else { throw fail("expected a value") }
        return .scalar(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func quoted() throws -> [UInt8] {
        let quote = bytes[index]
        index += 1
        var output: [UInt8] = []
        while index < bytes.count && bytes[index] != quote {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                continue
            }
            guard index < bytes.count else { throw fail("unterminated escape") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "n"): output.append(10)
            case UInt8(ascii: "r"): output.append(13)
            case UInt8(ascii: "t"): output.append(9)
            case UInt8(ascii: "a"): output.append(7)
            case UInt8(ascii: "b"): output.append(8)
            case UInt8(ascii: "f"): output.append(12)
            case UInt8(ascii: "v"): output.append(11)
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                var value: UInt32 = 0
                var count = 0
                while count < 2, index < bytes.count, let digit = Self.hexDigit(bytes[index]) {
                    value = value * 16 + digit
                    index += 1
                    count += 1
                }
                output.append(UInt8(value & 0xFF))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = escape == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<width {
                    guard index < bytes.count, let digit = Self.hexDigit(bytes[index]) else {
                        throw fail("bad unicode escape")
                    }
                    value = value * 16 + digit
                    index += 1
                }
                guard let scalar = Unicode.Scalar(value) else { throw fail("bad code point") }
                output += Array(String(scalar).utf8)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(escape - 48)
                var count = 1
                while count < 3, index < bytes.count, bytes[index] >= 48, bytes[index] <= 55 {
                    value = value * 8 + UInt32(bytes[index] - 48)
                    index += 1
                    count += 1
                }
                output.append(UInt8(value & 0xFF))
            default: output.append(escape)
            }
        }
        guard index < bytes.count else { throw fail("unterminated string") }
        index += 1
        return output
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 48...57: UInt32(byte - 48)
        case 65...70: UInt32(byte - 55)
        case 97...102: UInt32(byte - 87)
        default: nil
        }
    }
}
