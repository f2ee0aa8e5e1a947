/// A position in a parsed payload that knows its path, so every parse error names the exact field.
struct PlatformJSONCursor {
    let value: PlatformJSON
    let path: String

    init(_ value: PlatformJSON, path: String) {
        self.value = value
        self.path = path
    }

    private func child(_ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    /// The member `name`; missing or null is an error.
    func field(_ name: String) throws(PlatformParseError) -> PlatformJSONCursor {
        guard case .object(let members) = value else {
            throw .wrongType(field: path.isEmpty ? "(body)" : path, expected: "an object")
        }
        guard let member = members[name], member != .null else {
            throw .missingField(child(name))
        }
        return PlatformJSONCursor(member, path: child(name))
    }

    /// The member `name`, or nil when it is missing or null (or when this is not an object).
    func optionalField(_ name: String) -> PlatformJSONCursor? {
        guard case .object(let members) = value, let member = members[name], member != .null else { return nil }
        return PlatformJSONCursor(member, path: child(name))
    }

    func string() throws(PlatformParseError) -> String {
        guard case .string(let text) = value else { throw .wrongType(field: path, expected: "a string") }
        return text
    }

    func int() throws(PlatformParseError) -> Int {
        switch value {
        case .int(let number): return number
        case .number(let number) where number.rounded() == number && abs(number) < 1e15: return Int(number)
        default: throw .wrongType(field: path, expected: "an integer")
        }
    }

    func bool() throws(PlatformParseError) -> Bool {
        guard case .bool(let flag) = value else { throw .wrongType(field: path, expected: "true or false") }
        return flag
    }

    func array() throws(PlatformParseError) -> [PlatformJSONCursor] {
        guard case .array(let items) = value else { throw .wrongType(field: path, expected: "an array") }
        return items.enumerated().map { PlatformJSONCursor($0.element, path: "\(path)[\($0.offset)]") }
    }

    /// The members of an object, sorted by key so results are deterministic.
    func members() throws(PlatformParseError) -> [(key: String, value: PlatformJSONCursor)] {
        guard case .object(let items) = value else { throw .wrongType(field: path, expected: "an object") }
        return items.keys.sorted().compactMap { key in
            items[key].map { (key: key, value: PlatformJSONCursor($0, path: child(key))) }
        }
    }

    func string(_ name: String) throws(PlatformParseError) -> String {
        try field(name).string()
    }

    /// A required string that must not be empty.
    func nonEmptyString(_ name: String) throws(PlatformParseError) -> String {
        let text = try field(name).string()
        guard !text.isEmpty else { throw .invalidValue(field: child(name), reason: "is empty") }
        return text
    }

    /// An optional string; present with another type is an error, empty counts as absent.
    func optionalString(_ name: String) throws(PlatformParseError) -> String? {
        guard let member = optionalField(name) else { return nil }
        let text = try member.string()
        return text.isEmpty ? nil : text
    }
}
