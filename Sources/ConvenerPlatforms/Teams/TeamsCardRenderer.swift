import ConvenerCore
import Foundation

/// Renders outbound messages as Bot Framework message activities, with Adaptive Cards (schema 1.5) for channel posts
/// (the round-up among them), messages with buttons and forms, within Teams' 28 KB per message.
///
/// Buttons are `Action.Execute` (Universal Actions) carrying `{"convener": <packed PlatformActionReference>}`, so a
/// click arrives as an `adaptiveCard/action` invoke; they sit in `ActionSet`s of 5 in the card's body, at most 50
/// (a note says how many more there are). A form is a card of `Input.Text` and `Input.ChoiceSet` (expanded radio
/// buttons or checkboxes up to 6 choices, a drop-down above), with its submit button carrying
/// `{"convenerForm": <form id>}`; refused fields are redrawn with their error under them. Members of Teams are
/// mentioned as `<at>name</at>` with a `mention` entity, which Teams links and notifies.
public enum TeamsCardRenderer {
    /// Teams refuses a message whose payload is larger than about 28 KB; cards are kept below this many bytes.
    public static let maxCardBytes = 27 * 1024
    /// The most buttons a card shows.
    public static let maxButtons = 50
    /// Buttons per row.
    public static let buttonsPerRow = 5
    /// The Adaptive Card content type.
    public static let cardContentType = "application/vnd.microsoft.card.adaptive"
    /// The invoke response type that shows a text to the member who clicked.
    public static let messageResponseType = "application/vnd.microsoft.activity.message"
    /// The verb of every button.
    public static let clickVerb = "convener.click"
    /// The verb of every form's submit button.
    public static let submitVerb = "convener.submit"

    /// The message activity for `message` (`POST …/activities`, `PUT …/activities/{id}`).
    public static func activity(_ message: OutboundMessage) throws(PlatformRenderError) -> PlatformJSON {
        var activity: [String: PlatformJSON] = ["type": "message"]
        let (text, entities) = Self.text(of: message)
        if !entities.isEmpty { activity["entities"] = .array(entities) }
        var isChannelPost = false
        if case .channel = message.audience { isChannelPost = true }
        // Channel posts (the round-up, prompts, announcements) are cards too; short answers stay plain text.
        if message.form == nil && FormOpening.buttons(of: message).isEmpty && !isChannelPost {
            activity["text"] = .string(PlatformText.truncated(text, limit: maxCardBytes / 2))
            activity["textFormat"] = "markdown"
            return .object(activity)
        }
        activity["attachments"] = [["contentType": .string(cardContentType), "content": try card(message)]]
        return .object(activity)
    }

    /// The Adaptive Card of a message: its text and its buttons.
    public static func card(_ message: OutboundMessage) throws(PlatformRenderError) -> PlatformJSON {
        let buttons = FormOpening.buttons(of: message)
        let shown = Array(buttons.prefix(maxButtons))
        let (text, entities) = Self.text(of: message)
        var rows: [PlatformJSON] = []
        if buttons.count > shown.count {
            let note =
                "\(buttons.count - shown.count) more buttons not shown: a Teams card shows at most \(maxButtons)."
            rows.append(["type": "TextBlock", "text": .string(note), "isSubtle": true, "wrap": true])
        }
        var row: [PlatformJSON] = []
        for action in shown {
            let packed = PlatformActionReference(messageID: message.id, actionID: action.id).packed
            let title = PlatformText.clipped(action.label.isEmpty ? action.id : action.label, limit: 80)
            row.append(execute(verb: clickVerb, title: title, data: [TeamsActivityParser.actionKey: .string(packed)]))
            if row.count == buttonsPerRow {
                rows.append(["type": "ActionSet", "actions": .array(row)])
                row = []
            }
        }
        if !row.isEmpty { rows.append(["type": "ActionSet", "actions": .array(row)]) }
        return fitted(budget: maxCardBytes, text: text) { text in
            cardObject(body: [textBlock(text)] + rows, entities: entities)
        }
    }

    /// The card of `form`, with `errors` (field id → why) under the refused fields and `notice` above them.
    public static func formCard(
        _ form: MessageForm, errors: [String: String] = [:], notice: String? = nil
    ) throws(PlatformRenderError) -> PlatformJSON {
        var body: [PlatformJSON] = [
            [
                "type": "TextBlock", "text": .string(form.title.isEmpty ? "Form" : form.title), "weight": "Bolder",
                "size": "Medium", "wrap": true,
            ]
        ]
        if let notice {
            body.append(["type": "TextBlock", "text": .string(notice), "color": "Attention", "wrap": true])
        }
        for field in form.fields {
            body.append(try input(for: field, formID: form.id, error: errors[field.id]))
            if let error = errors[field.id] {
                body.append([
                    "type": "TextBlock", "text": .string(error), "color": "Attention", "wrap": true,
                    "spacing": "None",
                ])
            }
        }
        let submit = execute(
            verb: submitVerb, title: form.submitLabel, data: [TeamsActivityParser.formKey: .string(form.id)])
        let card = cardObject(body: body + [["type": "ActionSet", "actions": [submit]]], entities: [])
        guard card.encoded.count <= maxCardBytes else {
            throw .unrenderableField(
                formID: form.id, fieldID: form.fields.last?.id ?? "",
                reason: "the form is larger than the \(maxCardBytes) bytes a Teams card holds; shorten its questions")
        }
        return card
    }

    /// The answer to an `adaptiveCard/action` invoke that replaces the clicked card with `card`.
    public static func cardResponse(_ card: PlatformJSON) -> Data {
        PlatformJSON.object(["statusCode": 200, "type": .string(cardContentType), "value": card]).encoded
    }

    /// The answer to an `adaptiveCard/action` invoke that shows `text` to the member who clicked.
    public static func messageResponse(_ text: String) -> Data {
        PlatformJSON.object([
            "statusCode": 200, "type": .string(messageResponseType),
            "value": .string(PlatformText.truncated(text, limit: 4000)),
        ]).encoded
    }

    /// The answer to an `adaptiveCard/action` invoke that Convener cannot take: a `BadRequest` error for the client.
    public static func errorResponse(_ message: String) -> PlatformJSON {
        [
            "statusCode": 400, "type": "application/vnd.microsoft.error",
            "value": ["code": "BadRequest", "message": .string(message)],
        ]
    }

    /// The message's text with each Teams member as `<at>name</at>`, and the mention entities naming them.
    public static func text(of message: OutboundMessage) -> (String, [PlatformJSON]) {
        var entities: [PlatformJSON] = []
        let text = message.text(renderingMentions: { mention in
            guard mention.member.platform == TeamsSettings.platform else { return "@" + mention.name }
            let tag = "<at>\(mention.name)</at>"
            entities.append([
                "type": "mention", "text": .string(tag),
                "mentioned": ["id": .string(mention.member.user), "name": .string(mention.name)],
            ])
            return tag
        })
        return (text, entities)
    }

    private static func input(for field: FormField, formID: String, error: String?) throws(PlatformRenderError)
        -> PlatformJSON
    {
        var input: [String: PlatformJSON] = [
            "id": .string(field.id),
            "label": .string(
                PlatformText.clipped(
                    field.label.isEmpty ? field.id : field.label,
                    limit: 1000)),
            "isRequired": .bool(field.required),
        ]
        if field.required { input["errorMessage"] = .string(error ?? "Please answer this question.") }
        switch field.kind {
        case .text:
            input["type"] = "Input.Text"
            input["maxLength"] = 500
        case .textarea:
            input["type"] = "Input.Text"
            input["isMultiline"] = true
            input["maxLength"] = 3000
        case .single, .scale, .multi:
            let options = PlatformFormChoices.options(of: field)
            guard !options.isEmpty else {
                throw .unrenderableField(formID: formID, fieldID: field.id, reason: "a choice field needs options")
            }
            input["type"] = "Input.ChoiceSet"
            input["isMultiSelect"] = .bool(field.kind == .multi)
            input["style"] = options.count <= 6 ? "expanded" : "compact"
            input["choices"] = .array(
                options.map { ["title": .string(PlatformText.clipped($0.label, limit: 200)), "value": .string($0.id)] })
        }
        return .object(input)
    }

    /// An `Action.Execute` falling back to an `Action.Submit` with the same data on clients older than 1.5.
    private static func execute(verb: String, title: String, data: PlatformJSON) -> PlatformJSON {
        [
            "type": "Action.Execute", "verb": .string(verb), "title": .string(title), "data": data,
            "fallback": ["type": "Action.Submit", "title": .string(title), "data": data],
        ]
    }

    private static func textBlock(_ text: String) -> PlatformJSON {
        ["type": "TextBlock", "text": .string(text), "wrap": true]
    }

    private static func cardObject(body: [PlatformJSON], entities: [PlatformJSON]) -> PlatformJSON {
        var card: [String: PlatformJSON] = [
            "type": "AdaptiveCard", "version": "1.5",
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "body": .array(body),
        ]
        if !entities.isEmpty { card["msteams"] = ["entities": .array(entities)] }
        return .object(card)
    }

    /// The card `build` makes, with the text cut until the card fits in `budget` bytes.
    private static func fitted(budget: Int, text: String, build: (String) -> PlatformJSON) -> PlatformJSON {
        var card = build(text)
        var limit = PlatformText.length(text)
        while card.encoded.count > budget && limit > 0 {
            limit = max(0, min(limit - (card.encoded.count - budget), limit / 2 + limit / 4))
            card = build(PlatformText.truncated(text, limit: limit))
        }
        return card
    }
}
