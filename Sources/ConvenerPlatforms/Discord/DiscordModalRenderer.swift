import ConvenerCore
import Foundation

/// Renders a `MessageForm` as a Discord modal (interaction response type 9).
///
/// Discord modals hold at most 5 text inputs, so every field is one: `text` short, `textarea` paragraph, and
/// `scale`, `single` and `multi` short inputs whose placeholder lists the options (numbered for single and multi:
/// "1 Pizza · 2 Sushi", multi prefixed "Several, e.g. 1, 3: "; a scale's labels: "1 · 2 · 3 · 4 · 5").
/// Members answer with option numbers, ids or labels; `DiscordModalAnswers.resolve` maps the answers back to
/// option ids. Titles and labels are cut to 45 characters.
public enum DiscordModalRenderer {
    /// Discord's limit of text inputs in a modal.
    public static let maxFields = 5
    /// Discord's limit of characters in a modal title and a text input label.
    public static let maxLabel = 45
    /// Discord's limit of characters in a placeholder.
    public static let maxPlaceholder = 100

    /// The modal response for `form`.
    public static func modal(_ form: MessageForm) throws(PlatformRenderError) -> Data {
        guard form.fields.count <= maxFields else {
            throw .tooManyFields(formID: form.id, count: form.fields.count, limit: maxFields)
        }
        guard PlatformText.length(form.id) <= DiscordRenderer.maxCustomID else {
            throw .identifierTooLong(what: "form id", id: form.id, limit: DiscordRenderer.maxCustomID)
        }
        var rows: [PlatformJSON] = []
        for field in form.fields {
            rows.append(["type": 1, "components": [try input(for: field, formID: form.id)]])
        }
        let data: PlatformJSON = [
            "custom_id": .string(form.id),
            "title": .string(PlatformText.clipped(form.title.isEmpty ? "Form" : form.title, limit: maxLabel)),
            "components": .array(rows),
        ]
        return PlatformJSON.object(["type": 9, "data": data]).encoded
    }

    /// The placeholder listing a choice field's options.
    public static func placeholder(for field: FormField) -> String {
        let prefix = field.kind == .multi ? "Several, e.g. 1, 3: " : ""
        return PlatformText.clipped(prefix + listing(for: field), limit: maxPlaceholder)
    }

    /// A choice field's options as members may answer them: numbered for single and multi, labels for a scale.
    public static func listing(for field: FormField) -> String {
        let options = PlatformFormChoices.options(of: field)
        if field.kind == .scale {
            return options.map { $0.label.isEmpty ? $0.id : $0.label }.joined(separator: " · ")
        }
        return options.enumerated().map { "\($0.offset + 1) \($0.element.label)" }.joined(separator: " · ")
    }

    private static func input(for field: FormField, formID: String) throws(PlatformRenderError) -> PlatformJSON {
        guard PlatformText.length(field.id) <= DiscordRenderer.maxCustomID else {
            throw .identifierTooLong(what: "field id", id: field.id, limit: DiscordRenderer.maxCustomID)
        }
        var input: [String: PlatformJSON] = [
            "type": 4,
            "custom_id": .string(field.id),
            "label": .string(PlatformText.clipped(field.label.isEmpty ? field.id : field.label, limit: maxLabel)),
            "required": .bool(field.required),
            "style": .int(field.kind == .textarea ? 2 : 1),
        ]
        switch field.kind {
        case .text:
            input["max_length"] = 1000
        case .textarea:
            input["max_length"] = 4000
        case .scale, .single, .multi:
            guard !PlatformFormChoices.options(of: field).isEmpty else {
                throw .unrenderableField(formID: formID, fieldID: field.id, reason: "a choice field needs options")
            }
            input["placeholder"] = .string(placeholder(for: field))
            input["max_length"] = 200
        }
        return .object(input)
    }
}
