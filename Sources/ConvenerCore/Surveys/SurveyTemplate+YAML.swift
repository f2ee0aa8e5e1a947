extension SurveyTemplate {
    /// The template in the format of the config's `surveys.templates` (one list item), for convenors to copy.
    public var yaml: String {
        var lines = ["- id: \(Self.quoted(id))", "  title: \(Self.quoted(title))"]
        if !intro.isEmpty { lines.append("  intro: \(Self.quoted(intro))") }
        lines.append("  questions:")
        for question in questions {
            lines.append("    - id: \(Self.quoted(question.id))")
            lines.append("      kind: \(question.kind.rawValue)")
            lines.append("      text: \(Self.quoted(question.text))")
            if question.required { lines.append("      required: true") }
            if !question.options.isEmpty {
                lines.append("      options:")
                for option in question.options {
                    let label = Self.quoted(option.label)
                    lines.append(
                        option.id == SurveyOption.slug(option.label)
                            ? "        - \(label)" : "        - {id: \(Self.quoted(option.id)), label: \(label)}")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (JSON escaping is valid YAML).
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
