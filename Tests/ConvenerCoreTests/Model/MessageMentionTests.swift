import Foundation
import Testing

@testable import ConvenerCore

@Suite("Structured mentions in outbound messages")
struct MessageMentionTests {
    private let ada = MemberID(platform: "slack", user: "U024BE7LH")
    private let bob = MemberID(platform: "discord", user: "80351110224678912")

    @Test("Placeholders become '@name' text and mentions at their UTF-16 offsets")
    func extraction() {
        let text =
            "🎉 Kudos to \(MessageMention.placeholder(ada, name: "Ada")) from "
            + "\(MessageMention.placeholder(bob, name: "Bøb")): thanks"
        let message = OutboundMessage(id: "m", audience: .channel, text: text)
        #expect(message.text == "🎉 Kudos to @Ada from @Bøb: thanks")
        #expect(
            message.mentions == [
                MessageMention(member: ada, name: "Ada", offset: 12, length: 4),
                MessageMention(member: bob, name: "Bøb", offset: 22, length: 4),
            ])
        let utf16 = Array(message.text.utf16)
        for mention in message.mentions {
            let slice = String(decoding: utf16[mention.offset..<mention.offset + mention.length], as: UTF16.self)
            #expect(slice == "@" + mention.name)
        }
    }

    @Test("Rendering replaces exactly the mentions and keeps the text around them")
    func rendering() {
        let text =
            "\(MessageMention.placeholder(ada, name: "Ada")) and @notamention meet \(MessageMention.placeholder(bob, name: "Bob"))."
        let message = OutboundMessage(id: "m", audience: .channel, text: text)
        let rendered = message.text(renderingMentions: { "<\($0.member.rawValue)>" })
        #expect(rendered == "<slack:U024BE7LH> and @notamention meet <discord:80351110224678912>.")
    }

    @Test("Broken placeholders and marker characters never reach the text")
    func strayMarkers() {
        let message = OutboundMessage(id: "m", audience: .channel, text: "a\u{E000}b\u{E002}c\u{E001}d")
        #expect(message.mentions.isEmpty)
        #expect(!message.text.unicodeScalars.contains { (0xE000...0xE002).contains($0.value) })
        #expect(MessageMention.placeholder(ada, name: "A\u{E002}da").contains("Ada"))
    }

    @Test("Mentions survive the journal's JSON; a record without them decodes with none")
    func codable() throws {
        let message = OutboundMessage(
            id: "m", audience: .channel, text: "Hi \(MessageMention.placeholder(ada, name: "Ada"))")
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(OutboundMessage.self, from: data) == message)
        let old = Data(#"{"id":"m","audience":{"channel":{}},"text":"Hi @Ada","actions":[]}"#.utf8)
        #expect(try JSONDecoder().decode(OutboundMessage.self, from: old).mentions == [])
    }

    @Test("Mentions that do not match the text (a corrupt record) render as the text says")
    func corrupt() {
        var message = OutboundMessage(id: "m", audience: .channel, text: "Hi @Ada")
        message.mentions = [
            MessageMention(member: ada, name: "Ada", offset: 40, length: 4),
            MessageMention(member: ada, name: "Bob", offset: 3, length: 4),
        ]
        #expect(message.text(renderingMentions: { _ in "X" }) == "Hi @Ada")
    }
}
