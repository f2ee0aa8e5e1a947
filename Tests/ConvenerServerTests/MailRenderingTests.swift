import ConvenerCore
import ConvenerDelivery
import Foundation
import Testing

@testable import ConvenerServer

@Suite("Mail: signed links and the templates")
struct MailRenderingTests {
    let links = MailLinks(baseURL: "https://cop.example.org/", key: "a-long-test-key")
    let ada = MemberID(rawValue: "slack:T1/U2")

    @Test("An unsubscribe link names its member only with the right signature, community and key")
    func unsubscribeLinks() throws {
        let url = links.unsubscribe(community: "ds", member: ada)
        #expect(url.hasPrefix("https://cop.example.org/email/unsubscribe/ds/"))
        let parts = url.split(separator: "/").map(String.init)
        let (encoded, signature) = (parts[parts.count - 2], parts[parts.count - 1])
        #expect(signature.count == 32)
        #expect(links.member(community: "ds", encoded: encoded, signature: signature) == ada)
        #expect(links.member(community: "ux", encoded: encoded, signature: signature) == nil)
        let other = MailLinks(baseURL: "https://cop.example.org", key: "another-key")
        #expect(other.member(community: "ds", encoded: encoded, signature: signature) == nil)
        let forged = String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
        #expect(links.member(community: "ds", encoded: encoded, signature: forged) == nil)
        #expect(links.member(community: "ds", encoded: "!!", signature: signature) == nil)
    }

    @Test("The round-up renders as text and HTML with inline CSS, code, the chat link and the unsubscribe link")
    func roundUp() async throws {
        let renderer = try await MailRenderer.load()
        var profile = CommunityProfile(id: "ds", name: "Data <Science>", convenors: ["convenor"])
        profile.mail = CommunityMail(membersMaySubscribe: true, chatLink: "https://chat.example.org/ds")
        let text =
            "🗞️ Round-up of Data <Science>, 2026-12-01 to 2026-12-08\n\n🙌 Kudos given: 1\n"
            + "• @Bob: “for the `pandas` tips”\n\nA quiet stretch: try `/cop kudos @member WHY`."
        let entry = OutboxEntry(
            message: OutboundMessage(id: "in1.digest.mail.1.slack:T1/U2", audience: .direct(ada), text: text),
            queuedAt: Date(timeIntervalSince1970: 0),
            mail: OutboxMail(kind: .roundUp, to: "ada@example.org", member: ada, subject: "Round-up of Data <Science>"))
        let message = renderer.message(
            entry, mail: try #require(entry.mail), community: profile, links: links,
            sender: SMTPSettings(url: "smtp://127.0.0.1:25", from: "cop@example.org"))
        let html = try #require(message.html)
        #expect(message.fromName == "Data <Science>" && message.to == "ada@example.org")
        #expect(message.id.hasPrefix("convener.") && !message.id.contains(":"))
        #expect(message.unsubscribeURL == links.unsubscribe(community: "ds", member: ada))
        #expect(html.contains("Round-up of Data &lt;Science&gt;") && !html.contains("<Science>"))
        #expect(html.contains("<h2 style=") && html.contains("🙌 Kudos given: 1</h2>"))
        #expect(html.contains(">pandas</code>") && html.contains("href=\"https://chat.example.org/ds\""))
        #expect(!html.contains("<img") && !html.contains("<link") && !html.contains("<style"))
        #expect(message.text.hasPrefix(text) && message.text.contains("Join the conversation: https://chat"))
        #expect(message.text.contains("Unsubscribe with one click: https://cop.example.org/email/unsubscribe/ds/"))
    }

    @Test("A confirmation mail carries the link; a list mail carries no member's unsubscribe link")
    func confirmationAndList() async throws {
        let renderer = try await MailRenderer.load()
        let profile = CommunityProfile(id: "ds", name: "DS", convenors: ["convenor"])
        let sender = SMTPSettings(url: "smtp://127.0.0.1:25", from: "cop@example.org")
        let token = String(repeating: "ab", count: 16)
        let confirm = OutboxEntry(
            message: OutboundMessage(id: "in1.email.confirm", audience: .direct(ada), text: "Hello\n\nConfirm."),
            queuedAt: Date(timeIntervalSince1970: 0),
            mail: OutboxMail(kind: .confirmation, to: "a@example.org", member: ada, subject: "Confirm", token: token))
        let mail = renderer.message(
            confirm, mail: try #require(confirm.mail), community: profile, links: links, sender: sender)
        #expect(mail.text.contains("https://cop.example.org/email/confirm/ds/\(token)"))
        #expect(mail.html?.contains("href=\"https://cop.example.org/email/confirm/ds/\(token)\"") == true)
        #expect(mail.unsubscribeURL == nil)
        let list = OutboxEntry(
            message: OutboundMessage(id: "in1.digest.mail.list", audience: .channel, text: "Round-up"),
            queuedAt: Date(timeIntervalSince1970: 0),
            mail: OutboxMail(kind: .roundUp, to: "list@example.org", member: nil, subject: "Round-up"))
        let listMail = renderer.message(
            list, mail: try #require(list.mail), community: profile, links: links, sender: sender)
        #expect(listMail.unsubscribeURL == nil && listMail.html?.contains("unsubscribe") == false)
    }
}
