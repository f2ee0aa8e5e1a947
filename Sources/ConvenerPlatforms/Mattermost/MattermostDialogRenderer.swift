import ConvenerCore
import Foundation

/// Renders a `MessageForm` as a Mattermost interactive dialog.
///
/// `callback_id` is the form id and `state` is signed by `MattermostActionSigner`. `text` → `text` element
/// (150 characters), `textarea` → `textarea` (3,000), `scale`/`single` → `radio` (a `select` above 10 options),
/// `multi` → one `bool` checkbox per option, named `<field id>#<index>`, always optional (Mattermost would
/// otherwise require each box to be ticked), so a required multi field is enforced by answering `dialogErrors`.
/// Labels longer than 24 characters are cut, with the full label in `help_text`.
public enum MattermostDialogRenderer {
    /// Mattermost's limit of characters in a dialog title and an element's `display_name`.
    public static let maxTitle = 24
    /// Above this many options a choice field becomes a `select`.
    public static let maxRadioOptions = 10

    /// The body of `POST /api/v4/actions/dialogs/open`; submissions go to `url` (Convener's `/mattermost/actions`).
    public static func openDialog(
        _ form: MessageForm, triggerID: String, url: String, member: MemberID?, signer: MattermostActionSigner
    ) throws(PlatformRenderError) -> Data {
        var elements: [PlatformJSON] = []
        for field in form.fields {
            elements.append(contentsOf: try self.elements(for: field, formID: form.id))
        }
        let dialog: PlatformJSON = [
            "callback_id": .string(form.id),
            "title": .string(PlatformText.clipped(form.title.isEmpty ? "Form" : form.title, limit: maxTitle)),
            "submit_label": .string(PlatformText.clipped(form.submitLabel, limit: maxTitle)),
            "notify_on_cancel": false,
            "state": .string(signer.dialogState(for: form, member: member)),
            "elements": .array(elements),
        ]
        return PlatformJSON.object(["trigger_id": .string(triggerID), "url": .string(url), "dialog": dialog]).encoded
    }

    /// The answer to a submission that keeps the dialog open with `errors` (field id → message) shown.
    public static func dialogErrors(_ errors: [String: String], form: MessageForm) -> Data {
        var named: [String: PlatformJSON] = [:]
        for (fieldID, text) in errors {
            let isMulti = form.fields.first { $0.id == fieldID }?.kind == .multi
            named[isMulti ? checkboxName(field: fieldID, index: 0) : fieldID] = .string(text)
        }
        return PlatformJSON.object(["errors": .object(named)]).encoded
    }

    /// The element name of the checkbox for the option at `index` of a multi field.
    public static func checkboxName(field: String, index: Int) -> String {
        "\(field)#\(index)"
    }

    private static func elements(for field: FormField, formID: String) throws(PlatformRenderError) -> [PlatformJSON] {
        var base: [String: PlatformJSON] = [
            "name": .string(field.id),
            "display_name": .string(
                PlatformText.clipped(field.label.isEmpty ? field.id : field.label, limit: maxTitle)),
            "optional": .bool(!field.required),
        ]
        if PlatformText.length(field.label) > maxTitle {
            base["help_text"] = .string(PlatformText.clipped(field.label, limit: 150))
        }
        guard PlatformText.length(field.id) <= 290 else {
            throw .identifierTooLong(what: "field id", id: field.id, limit: 290)
        }
        switch field.kind {
        case .text:
            base["type"] = "text"
            base["max_length"] = 150
            return [.object(base)]
        case .textarea:
            base["type"] = "textarea"
            base["max_length"] = 3000
            return [.object(base)]
        case .scale, .single:
            let choices = PlatformFormChoices.options(of: field)
            guard !choices.isEmpty else {
                throw .unrenderableField(formID: formID, fieldID: field.id, reason: "a choice field needs options")
            }
            base["type"] = choices.count <= maxRadioOptions ? "radio" : "select"
            base["options"] = .array(
                choices.map { ["text": .string($0.label.isEmpty ? $0.id : $0.label), "value": .string($0.id)] })
            return [.object(base)]
        case .multi:
            guard !field.options.isEmpty else {
                throw .unrenderableField(formID: formID, fieldID: field.id, reason: "a choice field needs options")
            }
            return field.options.enumerated().map { index, option in
                var box = base
                box["name"] = .string(checkboxName(field: field.id, index: index))
                box["type"] = "bool"
                box["optional"] = true
                box["placeholder"] = .string(
                    PlatformText.clipped(option.label.isEmpty ? option.id : option.label, limit: 150))
                if index > 0 { box["help_text"] = nil }
                return .object(box)
            }
        }
    }
}
