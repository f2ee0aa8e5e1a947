import ConvenerCore

/// Maps the typed answers of a Discord modal back to option ids for the form's choice fields.
public enum DiscordModalAnswers {
    /// Resolves `values` against `form`: a `single`/`multi` answer may be an option's number (1-based, as the
    /// placeholder lists them), id or label (case-insensitive); a `scale` answer is an option's id or label;
    /// multi answers are separated by commas. Text fields pass through unchanged.
    public static func resolve(
        _ values: [String: FormValue], against form: MessageForm
    ) throws(PlatformParseError) -> [String: FormValue] {
        var resolved = values
        for field in form.fields where field.kind == .scale || field.kind == .single || field.kind == .multi {
            guard case .text(let answer) = values[field.id] else { continue }
            let options = PlatformFormChoices.options(of: field)
            let parts =
                field.kind == .multi
                ? answer.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init) : [answer]
            var chosen: [String] = []
            for part in parts {
                let token = part.trimmingCharacters(in: .whitespaces)
                if token.isEmpty { continue }
                guard let option = match(token, in: options, positional: field.kind != .scale) else {
                    let listing = DiscordModalRenderer.listing(for: field)
                    throw .invalidValue(field: field.id, reason: "answer '\(token)' is not one of: \(listing)")
                }
                if !chosen.contains(option.id) { chosen.append(option.id) }
            }
            if chosen.count > 1 && field.kind != .multi {
                throw .invalidValue(field: field.id, reason: "takes one answer")
            }
            resolved[field.id] = chosen.isEmpty ? nil : .choices(chosen)
        }
        return resolved
    }

    private static func match(_ token: String, in options: [MessageAction], positional: Bool) -> MessageAction? {
        if positional, let number = Int(token), number >= 1, number <= options.count {
            return options[number - 1]
        }
        if let exact = options.first(where: { $0.id == token }) { return exact }
        let lowered = token.lowercased()
        return options.first { $0.label.lowercased() == lowered || $0.id.lowercased() == lowered }
    }
}
