import Foundation

/// Readers for the value types sections use; each reports a specific problem and returns nil when it fails.
extension ConfigField {
    /// The text of any non-empty scalar (numbers and booleans are read as written).
    func string(_ context: inout ConfigContext) -> String? {
        guard let scalar = node.scalar, scalar.kind != .null else {
            context.report(self, "expected a string, got \(node.kindDescription)")
            return nil
        }
        return scalar.text
    }

    /// A string whose length (in characters) is within `length`.
    func text(_ context: inout ConfigContext, length: ClosedRange<Int>) -> String? {
        guard let text = string(&context) else { return nil }
        guard length.contains(text.count) else {
            context.report(self, "must be \(length.lowerBound)-\(length.upperBound) characters, got \(text.count)")
            return nil
        }
        return text
    }

    /// The items of a list, each with its indexed path.
    func list(_ context: inout ConfigContext) -> [ConfigField]? {
        guard case .sequence(let items) = node.value else {
            context.report(self, "expected a list, got \(node.kindDescription)")
            return nil
        }
        return items.enumerated().map { element($0.offset, $0.element) }
    }

    /// A mapping restricted to `keys`.
    func table(_ context: inout ConfigContext, keys: [String]) -> ConfigTable? {
        ConfigTable(self, allowedKeys: keys, &context)
    }

    /// One of a fixed set of words (case-insensitive), with a suggestion for near misses.
    ///
    /// `what` names the kind of value in the message ("a log level"); `shown` lists the words to advertise
    /// when `options` also accepts synonyms.
    func choice<Value>(
        _ context: inout ConfigContext,
        what: String,
        options: [(word: String, value: Value)],
        shown: [String]? = nil
    ) -> Value? {
        guard let text = string(&context) else { return nil }
        if let match = options.first(where: { $0.word == text.lowercased() }) { return match.value }
        let allowed = shown ?? options.map(\.word)
        var message = "\(Self.quoted(text)) is not \(what);"
        if let suggestion = ConfigSuggestion.closest(to: text, in: allowed) {
            message += " did you mean \(suggestion)?"
        }
        context.report(self, message + " allowed: \(allowed.joined(separator: ", "))")
        return nil
    }

    /// An http or https URL with a host; trailing slashes are removed so callers can append paths.
    func url(_ context: inout ConfigContext) -> URL? {
        guard let text = string(&context) else { return nil }
        guard let url = ConfigURL.validated(text) else {
            context.report(self, "\(Self.quoted(text)) is not a valid URL; use an http:// or https:// URL with a host")
            return nil
        }
        return url
    }

    /// A file or folder path; relative paths are taken relative to the config file's folder.
    func filePath(_ context: inout ConfigContext) -> String? {
        guard let text = string(&context) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            context.report(self, "expected a path, got an empty string")
            return nil
        }
        return ConfigPaths.join(context.baseDirectory, text)
    }

    /// A secret reference: `{env: NAME}` or `{file: PATH}`; inline text is refused.
    func secret(_ context: inout ConfigContext) -> SecretReference? {
        switch node.value {
        case .scalar(let scalar) where scalar.kind != .null:
            context.report(self, "secrets are never written in the config; use {env: NAME} or {file: PATH}")
            return nil
        case .mapping:
            guard let table = table(&context, keys: ["env", "file"]) else { return nil }
            switch (table.optional("env", &context), table.optional("file", &context)) {
            case (let env?, nil):
                return env.environmentVariableName(&context).map(SecretReference.env)
            case (nil, let file?):
                return file.filePath(&context).map(SecretReference.file)
            case (.some, .some):
                context.report(self, "give either env or file, not both")
                return nil
            case (nil, nil):
                context.report(self, "expected {env: NAME} or {file: PATH}")
                return nil
            }
        default:
            context.report(self, "expected {env: NAME} or {file: PATH}, got \(node.kindDescription)")
            return nil
        }
    }

    /// The name of an environment variable: letters, digits and `_`, not starting with a digit.
    func environmentVariableName(_ context: inout ConfigContext) -> String? {
        guard let name = string(&context) else { return nil }
        guard SecretReference.isValidEnvironmentName(name) else {
            let rule = "use letters, digits and _, not starting with a digit"
            context.report(self, "\(Self.quoted(name)) is not an environment variable name; \(rule)")
            return nil
        }
        return name
    }

    /// `'text'`, shortened when long, for quoting a value in a message.
    static func quoted(_ text: String) -> String {
        text.count > 60 ? "'\(text.prefix(57))...'" : "'\(text)'"
    }

    /// A whole number within `range`; the message names `what` it should be, and `why` the bounds matter.
    func boundedWholeNumber(
        _ context: inout ConfigContext, in range: ClosedRange<Int>, what: String, why: String? = nil
    )
        -> Int?
    {
        guard let text = string(&context) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            let reason = why.map { " (\($0))" } ?? ""
            context.report(
                self,
                "\(Self.quoted(text)) is not \(what); use a whole number from \(range.lowerBound) to "
                    + "\(range.upperBound)\(reason)")
            return nil
        }
        return value
    }
}
