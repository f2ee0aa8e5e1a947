import Foundation

/// Converts between JSON text and `CELValue`, for `--vars` files and for printing results.
///
/// JSON numbers become `int` when integral and within Int64, `uint` when only UInt64 holds them, else `double`.
/// Rendering maps bytes to base64, timestamps to RFC 3339 strings and durations to `"90s"`-style strings.
public enum CELJSON {
    /// Parses JSON text into a value (objects become maps with string keys, sorted alphabetically).
    public static func value(fromJSON data: Data) throws(CELError) -> CELValue {
        do {
            return try JSONDecoder().decode(CELJSONNode.self, from: data).value
        } catch {
            throw CELError(.evaluation, "invalid JSON: \(error.localizedDescription)", line: 0, column: 0)
        }
    }

    /// Parses a JSON string into a value.
    public static func value(fromJSON text: String) throws(CELError) -> CELValue {
        try value(fromJSON: Data(text.utf8))
    }

    /// Renders a value as compact JSON (map entries in insertion order; non-string keys written as strings).
    public static func render(_ value: CELValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    private static func write(_ value: CELValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .uint(let number): output += String(number)
        case .double(let number):
            if number.isFinite {
                output += number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) + ".0" : "\(number)"
            } else {
                writeString(CELFunctions.formatDouble(number), to: &output)
            }
        case .string(let text): writeString(text, to: &output)
        case .bytes(let bytes): writeString(Data(bytes).base64EncodedString(), to: &output)
        case .list(let items):
            output += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { output += "," }
                write(item, to: &output)
            }
            output += "]"
        case .map(let map):
            output += "{"
            for (offset, entry) in map.entries.enumerated() {
                if offset > 0 { output += "," }
                if case .string(let key) = entry.key {
                    writeString(key, to: &output)
                } else {
                    writeString(render(entry.key), to: &output)
                }
                output += ":"
                write(entry.value, to: &output)
            }
            output += "}"
        case .timestamp(let instant): writeString(instant.description, to: &output)
        case .duration(let span): writeString(span.description, to: &output)
        case .type(let name): writeString(name, to: &output)
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

/// A JSON document decoded into CEL values, trying bool, int, uint and double in that order for scalars.
private struct CELJSONNode: Decodable {
    let value: CELValue

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [CELValue] = []
            while !array.isAtEnd { items.append(try array.decode(CELJSONNode.self).value) }
            value = .list(items)
            return
        }
        if let object = try? decoder.container(keyedBy: CELJSONKey.self) {
            var dictionary: [String: CELValue] = [:]
            for key in object.allKeys {
                dictionary[key.stringValue] = try object.decode(CELJSONNode.self, forKey: key).value
            }
            value = .map(CELMap(dictionary))
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let flag = try? single.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? single.decode(Int64.self) {
            value = .int(number)
        } else if let number = try? single.decode(UInt64.self) {
            value = .uint(number)
        } else if let number = try? single.decode(Double.self) {
            value = .double(number)
        } else {
            value = .string(try single.decode(String.self))
        }
    }
}

private struct CELJSONKey: CodingKey {
    let stringValue: String
    let intValue: Int? = nil

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        return nil
    }
}
