import ConvenerCore
import Foundation
import Testing

@testable import ConvenerPlatforms

private func object(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

private func buttons(_ count: Int) -> [MessageAction] {
    (0..<count).map { MessageAction(id: "poll.vote.\($0)", label: "Choice \($0)") }
}

@Suite("Rendering for delivery")
struct DeliveryRenderingTests {
    @Test("Slack: many buttons go in actions blocks of 25 within 50 blocks, with a text fallback")
    func slackButtonsAndFallback() throws {
        let message = OutboundMessage(
            id: "p", audience: .channel, text: String(repeating: "word ", count: 40_000), actions: buttons(60))
        let body = try object(try SlackRenderer.postMessage(message, channel: "C1"))
        let blocks = try #require(body["blocks"] as? [[String: Any]])
        #expect(blocks.count <= SlackRenderer.maxBlocks)
        let actionBlocks = blocks.filter { $0["type"] as? String == "actions" }
        #expect(actionBlocks.map { ($0["elements"] as? [Any])?.count ?? 0 } == [25, 25, 10])
        let sections = blocks.filter { $0["type"] as? String == "section" }
        let lastText = (sections.last?["text"] as? [String: Any])?["text"] as? String
        #expect(lastText?.hasSuffix(PlatformText.truncationMarker) == true)
        let fallback = try #require(body["text"] as? String)
        #expect(!fallback.isEmpty && fallback.count <= SlackRenderer.maxFallbackText)
    }

    @Test("Mattermost: a post carries one attachment with a button per action; a patch without buttons clears them")
    func mattermostAttachments() throws {
        let renderer = MattermostRenderer(
            actionURL: "https://convener.test/mattermost/actions", signer: MattermostActionSigner(serverSecret: "k"))
        let message = OutboundMessage(id: "p", audience: .channel, text: "Lunch?", actions: buttons(3))
        let post = try object(renderer.post(message, channelID: "chan"))
        #expect(post["channel_id"] as? String == "chan")
        let props = try #require(post["props"] as? [String: Any])
        let attachment = try #require((props["attachments"] as? [[String: Any]])?.first)
        let actions = try #require(attachment["actions"] as? [[String: Any]])
        #expect(actions.count == 3)
        #expect(actions.allSatisfy { ($0["integration"] as? [String: Any])?["context"] != nil })
        let closed = OutboundMessage(id: "q", audience: .channel, text: "Closed", updates: "p")
        let patch = try object(renderer.patch(closed))
        #expect(((patch["props"] as? [String: Any])?["attachments"] as? [Any])?.isEmpty == true)
    }

    @Test("Discord: a channel message keeps content within 2,000, buttons in rows of 5, and no ephemeral flag")
    func discordMessage() throws {
        let message = OutboundMessage(
            id: "p", audience: .ephemeral(MemberID(platform: "discord", user: "1")),
            text: String(repeating: "x", count: 2500), actions: buttons(7))
        let body = try object(try DiscordRenderer.createMessage(message))
        #expect((body["content"] as? String)?.count == 2000)
        #expect((body["embeds"] as? [Any])?.count == 1)
        #expect(body["flags"] == nil)
        let rows = try #require(body["components"] as? [[String: Any]])
        #expect(rows.map { ($0["components"] as? [Any])?.count ?? 0 } == [5, 2])
    }
}
