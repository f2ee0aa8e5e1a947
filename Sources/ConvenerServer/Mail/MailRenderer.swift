import ConvenerCore
import ConvenerDelivery
import Foundation
import Mustache

/// Turns queued mails into multipart text + HTML messages, and renders the small pages the mail links open, from
/// the Mustache templates in `Templates` (inline CSS, no remote images).
public struct MailRenderer: Sendable {
    let library: MustacheLibrary

    /// The renderer over the templates shipped with Convener (see `TemplateFolder`).
    public static func load() async throws -> MailRenderer {
        guard let folder = TemplateFolder.located(holding: "page.html.mustache") else { throw MailTemplatesMissing() }
        return MailRenderer(library: try await MustacheLibrary(directory: folder.path))
    }

    /// The message for a queued mail: `entry.message.text` is the body, laid out by the mail's kind.
    public func message(
        _ entry: OutboxEntry, mail: OutboxMail, community: CommunityProfile, links: MailLinks?, sender: SMTPSettings
    ) -> MailMessage {
        var context: [String: Any] = ["title": mail.subject, "text": entry.message.text]
        var unsubscribeURL: String?
        let prefix: String
        switch mail.kind {
        case .confirmation:
            prefix = "confirmation"
            let url = links.map { $0.confirmation(community: community.id, token: mail.token ?? "") } ?? ""
            context["confirmURL"] = url
            context["paragraphs"] = entry.message.text.components(separatedBy: "\n\n")
        case .roundUp:
            prefix = "round-up"
            let document = RoundUpDocument(text: entry.message.text)
            context["title"] = document.title
            context["blocks"] = document.blocks
            if let chatLink = community.mail?.chatLink { context["chatLink"] = chatLink }
            if let member = mail.member, let links {
                unsubscribeURL = links.unsubscribe(community: community.id, member: member)
                context["unsubscribeURL"] = unsubscribeURL
            }
        }
        let text = library.render(context, withTemplate: "\(prefix).txt") ?? entry.message.text
        let html = library.render(context, withTemplate: "\(prefix).html")
        return MailMessage(
            from: sender.from, fromName: sender.fromName ?? community.name, to: mail.to, subject: mail.subject,
            text: Self.tidy(text), html: html, id: Self.messageID(entry.message.id), unsubscribeURL: unsubscribeURL)
    }

    /// A small page: a title, a sentence, and optionally a button that posts `fields` to `action`.
    public func page(
        title: String, message: String, button: String? = nil, action: String = "", fields: [String: String] = [:]
    ) -> String {
        var context: [String: Any] = ["title": title, "message": message]
        if let button {
            context["button"] = button
            context["action"] = action
            context["fields"] = fields.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }
        }
        return library.render(context, withTemplate: "page.html") ?? "\(title)\n\(message)"
    }

    /// A `Message-ID` local part for a queued message id: the same on every retry, and only characters RFC 5322
    /// allows there.
    static func messageID(_ id: String) -> String {
        "convener." + SecretCrypto.hex(SecretCrypto.sha256(Array(id.utf8)).prefix(16))
    }

    /// The text without the blank lines the templates' sections leave behind, ending in one newline.
    private static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The mail templates are not next to the executable.
struct MailTemplatesMissing: Error, CustomStringConvertible {
    var description: String {
        "the mail templates are missing: " + TemplateFolder.missingAdvice
    }
}
