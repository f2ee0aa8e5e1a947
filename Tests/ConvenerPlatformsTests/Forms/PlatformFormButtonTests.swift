import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

@Suite("Forms on chat platforms")
struct PlatformFormButtonTests {
    static let bob = MemberID(platform: "slack", user: "U0BOB")
    static let form = MessageForm(
        id: "survey.S1", title: "Quick pulse",
        fields: [
            FormField(id: "energy", label: "Energy", kind: .scale, required: true),
            FormField(id: "wish", label: "One wish", kind: .text),
        ])
    static let invite = OutboundMessage(id: "in-1.invite.1", audience: .direct(bob), text: "📋 Quick pulse", form: form)

    static func json(_ data: Data) throws -> PlatformJSON {
        try PlatformJSON.parse(data, what: "test")
    }

    @Test("Slack: a message carrying a form gets an open button whose value packs form.open.<form id>")
    func slack() throws {
        let body = try Self.json(SlackRenderer.postMessage(Self.invite, channel: "U0BOB"))
        let blocks = try #require(body["blocks"]?.arrayValue)
        let actions = try #require(blocks.last?["elements"]?.arrayValue)
        #expect(actions.count == 1)
        let value = try #require(actions.first?["value"]?.stringValue)
        #expect(
            PlatformActionReference(packed: value) == .init(messageID: "in-1.invite.1", actionID: "form.open.survey.S1")
        )
        #expect(actions.first?["text"]?["text"]?.stringValue == "Open the survey")
    }

    @Test("Mattermost and Discord show the same open button")
    func mattermostAndDiscord() throws {
        let signer = MattermostActionSigner(serverSecret: "a-server-secret-of-16-bytes")
        let renderer = MattermostRenderer(actionURL: "https://cop.example.org/mattermost/actions", signer: signer)
        let post = try Self.json(renderer.post(Self.invite, channelID: "dm1"))
        let button = try #require(post["props"]?["attachments"]?.arrayValue?.first?["actions"]?.arrayValue?.first)
        #expect(button["name"]?.stringValue == "Open the survey")
        let context = try #require(button["integration"]?["context"]?["convener"])
        #expect(context["action"]?.stringValue == "form.open.survey.S1")
        let discord = try Self.json(DiscordRenderer.createMessage(Self.invite))
        let component = try #require(discord["components"]?.arrayValue?.first?["components"]?.arrayValue?.first)
        let customID = try #require(component["custom_id"]?.stringValue)
        #expect(PlatformActionReference(packed: customID)?.actionID == "form.open.survey.S1")
    }

    @Test("A message without a form keeps exactly its own buttons")
    func noForm() {
        let plain = OutboundMessage(
            id: "m", audience: .channel, text: "t", actions: [MessageAction(id: "poll.P1.vote.1", label: "Pizza")])
        #expect(FormOpening.buttons(of: plain) == plain.actions)
    }

    @Test("Slack: a submission notice replaces the modal with the text")
    func notice() throws {
        let body = try Self.json(SlackModalRenderer.notice("Thank you! <3", title: "Convener"))
        #expect(body["response_action"]?.stringValue == "update")
        #expect(body["view"]?["type"]?.stringValue == "modal")
        let text = body["view"]?["blocks"]?.arrayValue?.first?["text"]?["text"]?.stringValue
        #expect(text == "Thank you! &lt;3")
    }
}
