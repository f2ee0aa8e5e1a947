import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

private func slackJSON(_ data: Data) throws -> PlatformJSON {
    try PlatformJSON.parse(data, what: "rendered")
}

private func slackBlocks(_ json: PlatformJSON) -> [PlatformJSON] {
    json["blocks"]?.arrayValue ?? []
}

@Suite("Slack rendering")
struct SlackRendererTests {
    private let member = MemberID(platform: "slack", user: "U1")

    @Test("a short ephemeral reply renders to exact Block Kit JSON")
    func exactReply() throws {
        let message = OutboundMessage(
            id: "m1", audience: .ephemeral(member), text: "Poll P7: Lunch? <b> & more",
            actions: [MessageAction(id: "vote:1", label: "Pizza")])
        let rendered = String(decoding: try SlackRenderer.commandResponse(message), as: UTF8.self)
        #expect(
            rendered
                == #"{"blocks":[{"text":{"text":"Poll P7: Lunch? &lt;b&gt; &amp; more","type":"mrkdwn"},"type":"section"},"#
                + #"{"elements":[{"action_id":"vote:1","text":{"emoji":true,"text":"Pizza","type":"plain_text"},"#
                + #""type":"button","value":"2:m1vote:1"}],"type":"actions"}],"response_type":"ephemeral","#
                + #""text":"Poll P7: Lunch? &lt;b&gt; &amp; more"}"#)
    }

    @Test("channel messages are in_channel; updates replace the original")
    func responseTypes() throws {
        let inChannel = try slackJSON(
            try SlackRenderer.commandResponse(OutboundMessage(id: "m", audience: .channel, text: "hi")))
        #expect(inChannel["response_type"] == "in_channel")
        #expect(inChannel["replace_original"] == nil)
        let updating = OutboundMessage(id: "m2", audience: .channel, text: "hi", updates: "m")
        let update = try slackJSON(try SlackRenderer.commandResponse(updating, clickedMessageID: "m"))
        #expect(update["replace_original"] == true)
        // A command's reply cannot replace anything; neither can an update of another message than the clicked one.
        #expect(try slackJSON(try SlackRenderer.commandResponse(updating))["replace_original"] == nil)
        #expect(
            try slackJSON(try SlackRenderer.commandResponse(updating, clickedMessageID: "x"))["replace_original"] == nil
        )
    }

    @Test("user mentions survive escaping; other angle brackets do not")
    func mentions() {
        #expect(SlackRenderer.escape("kudos to <@U024BE7LH|bob> & <@W1>!") == "kudos to <@U024BE7LH|bob> &amp; <@W1>!")
        #expect(SlackRenderer.escape("<!channel> <#C1> <@u1>") == "&lt;!channel&gt; &lt;#C1&gt; &lt;@u1&gt;")
    }

    @Test("long text splits into sections of at most 3000 characters, keeping every character")
    func longText() throws {
        let paragraph = String(repeating: "word ", count: 199) + "end.\n"
        let text = String(repeating: paragraph, count: 10)
        let blocks = try SlackRenderer.blocks(for: OutboundMessage(id: "m", audience: .channel, text: text))
        #expect(blocks.count == 4)
        var joined = ""
        for block in blocks {
            let section = try #require(block["text"]?["text"]?.stringValue)
            #expect(section.utf16.count <= 3000)
            joined += section
        }
        #expect(joined == text)
    }

    @Test("escaping counts toward the 3000 limit")
    func escapedLength() throws {
        let text = String(repeating: "<", count: 2000)
        let blocks = try SlackRenderer.blocks(for: OutboundMessage(id: "m", audience: .channel, text: text))
        #expect(blocks.count == 3)
        for block in blocks {
            #expect((block["text"]?["text"]?.stringValue?.utf16.count ?? 0) <= 3000)
        }
    }

    @Test("very long text is cut at 50 blocks with a visible marker")
    func truncation() throws {
        let text = String(repeating: "x", count: 200_000)
        let actions = (0..<30).map { MessageAction(id: "a\($0)", label: "Option \($0)") }
        let blocks = try SlackRenderer.blocks(
            for: OutboundMessage(id: "m", audience: .channel, text: text, actions: actions))
        #expect(blocks.count == 50)
        let sections = blocks.filter { $0["type"] == "section" }
        #expect(sections.count == 48)
        let last = try #require(sections.last?["text"]?["text"]?.stringValue)
        #expect(last.hasSuffix("…(truncated)"))
        #expect(last.utf16.count <= 3000)
        let actionBlocks = blocks.filter { $0["type"] == "actions" }
        #expect(actionBlocks.map { $0["elements"]?.arrayValue?.count ?? 0 } == [25, 5])
    }

    @Test("button labels are cut to 75, action ids stay unique and within 255")
    func buttonLimits() throws {
        let long = String(repeating: "L", count: 300)
        let actions = [
            MessageAction(id: "same", label: long),
            MessageAction(id: "same", label: "Dup"),
            MessageAction(id: long, label: "Long id"),
        ]
        let blocks = try SlackRenderer.blocks(
            for: OutboundMessage(id: "m", audience: .channel, text: "t", actions: actions))
        let elements = try #require(blocks.last?["elements"]?.arrayValue)
        let ids = elements.compactMap { $0["action_id"]?.stringValue }
        #expect(ids == ["same", "convener-1", "convener-2"])
        #expect(elements[0]["text"]?["text"]?.stringValue?.count == 75)
        // The value still carries the real ids.
        #expect(elements[2]["value"]?.stringValue.flatMap(PlatformActionReference.init(packed:))?.actionID == long)
    }

    @Test("postMessage, postEphemeral and update carry their addressing fields")
    func apiBodies() throws {
        let message = OutboundMessage(id: "m", audience: .channel, text: "Hello")
        #expect(try slackJSON(try SlackRenderer.postMessage(message, channel: "C1"))["channel"] == "C1")
        let ephemeral = try slackJSON(try SlackRenderer.postEphemeral(message, channel: "C1", user: "U1"))
        #expect(ephemeral["user"] == "U1")
        let update = try slackJSON(try SlackRenderer.update(message, channel: "C1", ts: "123.456"))
        #expect(update["ts"] == "123.456")
        #expect(slackBlocks(update).count == 1)
    }

    @Test("a form becomes a modal with one input per field")
    func modal() throws {
        let form = MessageForm(
            id: "S2", title: "Quarterly community feedback survey",
            fields: [
                FormField(id: "q1", label: "What went well?", kind: .text, required: true),
                FormField(id: "q2", label: "Anything else?", kind: .textarea),
                FormField(id: "q3", label: "How useful?", kind: .scale, required: true),
                FormField(
                    id: "q4", label: "Favourite format", kind: .single,
                    options: [MessageAction(id: "talk", label: "Talks"), MessageAction(id: "pair", label: "Pairing")]),
                FormField(
                    id: "q5", label: "Topics", kind: .multi,
                    options: (1...12).map { MessageAction(id: "t\($0)", label: "Topic \($0)") }),
            ], submitLabel: "Send")
        let view = try SlackModalRenderer.view(for: form, privateMetadata: "C1")
        #expect(view["callback_id"] == "S2")
        #expect(view["title"]?["text"]?.stringValue?.count == 24)
        #expect(view["private_metadata"] == "C1")
        let blocks = try #require(view["blocks"]?.arrayValue)
        #expect(blocks.compactMap { $0["block_id"]?.stringValue } == ["q1", "q2", "q3", "q4", "q5"])
        #expect(
            blocks.compactMap { $0["element"]?["type"]?.stringValue }
                == ["plain_text_input", "plain_text_input", "radio_buttons", "radio_buttons", "multi_static_select"])
        #expect(blocks[1]["element"]?["multiline"] == true)
        #expect(blocks[0]["optional"] == false)
        #expect(blocks[1]["optional"] == true)
        #expect(
            blocks[2]["element"]?["options"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == [
                "1", "2", "3", "4", "5",
            ])
        let open = try slackJSON(try SlackModalRenderer.viewsOpen(form, triggerID: "trig"))
        #expect(open["trigger_id"] == "trig")
    }

    @Test("forms that Slack would reject are typed errors")
    func modalErrors() {
        let empty = MessageForm(id: "f", title: "T", fields: [FormField(id: "c", label: "Pick", kind: .single)])
        #expect(
            throws: PlatformRenderError.unrenderableField(
                formID: "f", fieldID: "c", reason: "a choice field needs options")
        ) {
            try SlackModalRenderer.view(for: empty)
        }
        let many = MessageForm(
            id: "f", title: "T", fields: (0..<101).map { FormField(id: "q\($0)", label: "Q", kind: .text) })
        #expect(throws: PlatformRenderError.tooManyFields(formID: "f", count: 101, limit: 100)) {
            try SlackModalRenderer.view(for: many)
        }
    }

    @Test("view submission errors have Slack's response_action shape")
    func viewErrors() {
        let body = String(
            decoding: SlackRenderer.viewSubmissionErrors(["q1": "Please answer this one."]), as: UTF8.self)
        #expect(body == #"{"errors":{"q1":"Please answer this one."},"response_action":"errors"}"#)
    }
}
