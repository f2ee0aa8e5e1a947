/// A mapping whose keys were checked against a section's allowed keys; hands out the values by name.
struct ConfigTable: Sendable {
    /// The mapping itself.
    let field: ConfigField
    private let values: [String: ConfigField]

    /// Checks `field` is a mapping with only `allowedKeys`, reporting every other key with a suggestion.
    init?(_ field: ConfigField, allowedKeys: [String], _ context: inout ConfigContext) {
        guard case .mapping(let entries) = field.node.value else {
            context.report(field, "expected a mapping, got \(field.node.kindDescription)")
            return nil
        }
        self.field = field
        var values: [String: ConfigField] = [:]
        for entry in entries {
            guard let name = entry.key.scalar?.text else {
                context.report(
                    at: entry.key.position, path: field.path, "keys must be names, got \(entry.key.kindDescription)")
                continue
            }
            let child = field.child(name, entry.value)
            if allowedKeys.contains(name) {
                values[name] = child
            } else {
                context.report(at: entry.key.position, path: child.path, Self.unknownKeyMessage(name, allowedKeys))
            }
        }
        self.values = values
    }

    /// The value of `key`, or nil when the key is absent (the caller keeps its default).
    func optional(_ key: String, _ context: inout ConfigContext) -> ConfigField? {
        guard let value = values[key] else { return nil }
        context.record(value)
        return value
    }

    /// The value of `key`; when absent, reports "missing required key; `hint`" at the mapping.
    func required(_ key: String, _ context: inout ConfigContext, hint: String) -> ConfigField? {
        if let value = optional(key, &context) { return value }
        context.report(
            at: field.node.position,
            path: field.child(key, field.node).path,
            "missing required key; \(hint)"
        )
        return nil
    }

    private static func unknownKeyMessage(_ name: String, _ allowedKeys: [String]) -> String {
        let allowed = "allowed keys: \(allowedKeys.joined(separator: ", "))"
        guard let suggestion = ConfigSuggestion.closest(to: name, in: allowedKeys) else {
            return "unknown key; \(allowed)"
        }
        return "unknown key; did you mean \(suggestion)? \(allowed)"
    }
}
