import ConvenerCore
import Foundation

/// Reads an Adaptive Card submission against its form: Teams sends every input as text, a multi-select choice set
/// as its values joined by commas. Empty answers are left out, so the form's own checks say what is missing.
public enum TeamsFormAnswers {
    /// The submitted `values` as the form's fields take them; values of unknown fields are dropped.
    public static func resolve(_ values: [String: FormValue], against form: MessageForm) -> [String: FormValue] {
        var resolved: [String: FormValue] = [:]
        for field in form.fields {
            guard case .text(let raw) = values[field.id] else {
                if let value = values[field.id] { resolved[field.id] = value }
                continue
            }
            let trimmed = raw.trimmingWhitespace
            guard !trimmed.isEmpty else { continue }
            switch field.kind {
            case .text, .textarea: resolved[field.id] = .text(raw)
            case .single, .scale: resolved[field.id] = .choices([trimmed])
            case .multi:
                resolved[field.id] = .choices(
                    trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                )
            }
        }
        return resolved
    }
}
