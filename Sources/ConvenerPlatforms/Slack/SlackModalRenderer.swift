import ConvenerCore
import Foundation

/// Renders a `MessageForm` as a Slack modal view.
///
/// `callback_id` is the form id and each input's `block_id` the field id, so a `view_submission` maps back
/// without state. `text` → single-line `plain_text_input`, `textarea` → multiline, `scale`/`single` →
/// `radio_buttons` (a `static_select` above 10 options), `multi` → `checkboxes` (a `multi_static_select` above 10).
/// A `scale` field without options offers 1 to 5, with the values "1" … "5".
public enum SlackModalRenderer {
    /// Slack's limit of characters in a modal's title, submit and close labels.
    public static let maxTitle = 24
    /// Slack's limit of blocks in a modal.
    public static let maxBlocks = 100
    /// Slack's limit of options in a select menu.
    public static let maxOptions = 100
    /// Above this many options, radio buttons and checkboxes become select menus.
    public static let maxInlineOptions = 10

    /// The modal view object for `form`; `privateMetadata` (at most 3,000 characters) comes back on submission.
    public static func view(
        for form: MessageForm, privateMetadata: String? = nil
    ) throws(PlatformRenderError) -> PlatformJSON {
        try check(form.id, what: "form id", limit: 255)
        guard form.fields.count <= maxBlocks else {
            throw .tooManyFields(formID: form.id, count: form.fields.count, limit: maxBlocks)
        }
        var blocks: [PlatformJSON] = []
        for field in form.fields {
            blocks.append(try input(for: field, formID: form.id))
        }
        var view: [String: PlatformJSON] = [
            "type": "modal",
            "callback_id": .string(form.id),
            "title": plainText(clip(form.title.isEmpty ? "Form" : form.title, maxTitle)),
            "submit": plainText(clip(form.submitLabel.isEmpty ? "Submit" : form.submitLabel, maxTitle)),
            "close": plainText("Cancel"),
            "blocks": .array(blocks),
        ]
        if let privateMetadata {
            try check(privateMetadata, what: "private metadata", limit: 3000)
            view["private_metadata"] = .string(privateMetadata)
        }
        return .object(view)
    }

    /// The body of `views.open` for `form`, using the `trigger_id` of the command or click (valid 3 s).
    public static func viewsOpen(
        _ form: MessageForm, triggerID: String, privateMetadata: String? = nil
    ) throws(PlatformRenderError) -> Data {
        PlatformJSON.object([
            "trigger_id": .string(triggerID), "view": try view(for: form, privateMetadata: privateMetadata),
        ]).encoded
    }

    /// The answer to a `view_submission` that replaces the modal with `text` (a thank-you or why nothing was kept).
    public static func notice(_ text: String, title: String) -> Data {
        let view: PlatformJSON = [
            "type": "modal",
            "title": plainText(clip(title.isEmpty ? "Thank you" : title, maxTitle)),
            "close": plainText("Close"),
            "blocks": [
                [
                    "type": "section",
                    "text": ["type": "mrkdwn", "text": .string(SlackRenderer.escape(clip(text, 3000)))],
                ]
            ],
        ]
        return PlatformJSON.object(["response_action": "update", "view": view]).encoded
    }

    private static func input(for field: FormField, formID: String) throws(PlatformRenderError) -> PlatformJSON {
        try check(field.id, what: "field id", limit: 255)
        let element: PlatformJSON
        switch field.kind {
        case .text:
            element = ["type": "plain_text_input", "action_id": "value"]
        case .textarea:
            element = ["type": "plain_text_input", "action_id": "value", "multiline": true]
        case .scale, .single, .multi:
            let choices = PlatformFormChoices.options(of: field)
            guard !choices.isEmpty else {
                throw .unrenderableField(formID: formID, fieldID: field.id, reason: "a choice field needs options")
            }
            guard choices.count <= maxOptions else {
                throw .unrenderableField(
                    formID: formID, fieldID: field.id, reason: "Slack menus hold at most \(maxOptions) options")
            }
            var rendered: [PlatformJSON] = []
            for option in choices {
                try check(option.id, what: "option id", limit: 150)
                rendered.append([
                    "text": plainText(clip(option.label.isEmpty ? option.id : option.label, 75)),
                    "value": .string(option.id),
                ])
            }
            let inline = choices.count <= maxInlineOptions
            let type =
                field.kind == .multi
                ? (inline ? "checkboxes" : "multi_static_select") : (inline ? "radio_buttons" : "static_select")
            element = ["type": .string(type), "action_id": "value", "options": .array(rendered)]
        }
        return [
            "type": "input",
            "block_id": .string(field.id),
            "label": plainText(clip(field.label.isEmpty ? field.id : field.label, 2000)),
            "optional": .bool(!field.required),
            "element": element,
        ]
    }

    private static func plainText(_ text: String) -> PlatformJSON {
        ["type": "plain_text", "text": .string(text), "emoji": true]
    }

    private static func clip(_ text: String, _ limit: Int) -> String {
        PlatformText.clipped(text, limit: limit)
    }

    private static func check(_ id: String, what: String, limit: Int) throws(PlatformRenderError) {
        guard PlatformText.length(id) <= limit else { throw .identifierTooLong(what: what, id: id, limit: limit) }
    }
}
