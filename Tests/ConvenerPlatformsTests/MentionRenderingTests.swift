import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

/// Every platform renders a message's structured mentions in its own native form.
@Suite("Mentions per platform")
struct MentionRenderingTests {
    private static let slackAda = MemberID(platform: "slack", user: "U024BE7LH")
    private static let discordBob = MemberID(platform: "discord", user: "80351110224678912")
    private static let mattermostCy = MemberID(platform: "mattermost", user: "qz9x7kcbutdq8b1kz1w3xsy3ha")
    private static let playgroundDee = MemberID(platform: "playground", user: "dee")

    /// A kudos naming `receiver` and `giver` the way the core writes it.
    private static func kudos(to receiver: MemberID, _ receiverName: String, from giver: MemberID, _ giverName: String)
        -> OutboundMessage
    {
        OutboundMessage(
            id: "k1", audience: .channel,
            text: "🎉 Kudos to \(MessageMention.placeholder(receiver, name: receiverName)) from "
                + "\(MessageMention.placeholder(giver, name: giverName)): <great> review & more")
    }

    @Test("Slack: <@U…> for Slack members in the blocks and the notification text; others keep @name")
    func slack() throws {
        let message = Self.kudos(to: Self.slackAda, "ada", from: Self.discordBob, "bob")
        let json = try PlatformJSON.parse(
            try SlackRenderer.postMessage(message, channel: "C024BE91L"), what: "rendered")
        let expected = "🎉 Kudos to <@U024BE7LH> from @bob: &lt;great&gt; review &amp; more"
        #expect(json["text"]?.stringValue == expected)
        #expect(json["blocks"]?.arrayValue?.first?["text"]?["text"]?.stringValue == expected)
    }

    @Test("Discord: <@id> for Discord members, with users allowed to be notified")
    func discord() throws {
        let message = Self.kudos(to: Self.discordBob, "bob", from: Self.slackAda, "ada")
        let data = try DiscordRenderer.messageData(message)
        #expect(data["content"]?.stringValue == "🎉 Kudos to <@80351110224678912> from @ada: <great> review & more")
        #expect(data["allowed_mentions"] == ["parse": ["users"]])
    }

    @Test("Mattermost: @username for Mattermost members; others by name without an @ that could notify a stranger")
    func mattermost() throws {
        let renderer = MattermostRenderer(
            actionURL: "https://convener.example/mattermost/actions",
            signer: MattermostActionSigner(serverSecret: "secret"))
        let message = Self.kudos(to: Self.mattermostCy, "cy.lee", from: Self.slackAda, "ada")
        let json = try PlatformJSON.parse(renderer.post(message, channelID: "c1"), what: "rendered")
        #expect(json["message"]?.stringValue == "🎉 Kudos to @cy.lee from ada: <great> review & more")
    }

    @Test("Playground: the text keeps @name and the mentions say where it is, for the page to highlight")
    func playground() throws {
        let message = Self.kudos(to: Self.playgroundDee, "dee", from: Self.slackAda, "ada")
        let rendered = PlaygroundMessage(message)
        #expect(rendered.text == "🎉 Kudos to @dee from @ada: <great> review & more")
        #expect(rendered.mentions.map(\.member) == ["dee", "slack:U024BE7LH"])
        let utf16 = Array(rendered.text.utf16)
        let spans = rendered.mentions.map {
            String(decoding: utf16[$0.offset..<$0.offset + $0.length], as: UTF16.self)
        }
        #expect(spans == ["@dee", "@ada"])
    }
}
