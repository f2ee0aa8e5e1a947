import ConvenerDelivery
import Foundation
import Testing

/// Composing mail: headers, encodings and the connection security an SMTP URL implies.
@Suite("Mail composition")
struct MailTests {
    @Test(
        "security follows the URL unless configured",
        arguments: [
            ("smtps://mail.example.org", SMTPSettings.Security.implicit),
            ("smtp://mail.example.org:587", .starttls), ("smtp://127.0.0.1:2525", .none),
            ("smtp://localhost", .none),
        ])
    func security(_ row: (String, SMTPSettings.Security)) {
        #expect(SMTPSettings(url: row.0, from: "cop@example.org").security == row.1)
    }

    @Test(
        "plausible addresses",
        arguments: [
            ("ada@example.org", true), ("ada@localhost", false), ("a b@x.org", false),
            ("<ada@example.org>", false), ("ada@@example.org", false), ("ada@example.org.", false),
        ])
    func addresses(_ row: (String, Bool)) {
        #expect(MailMessage.isPlausibleAddress(row.0) == row.1)
    }

    @Test("a list mail carries RFC 8058 one-click unsubscribe and CRLF lines")
    func listHeaders() {
        let message = MailMessage(
            from: "cop@example.org", fromName: "Daten & Wissenschaft", to: "ada@example.org", subject: "Woche 49 ✓",
            text: "Hallo", html: "<p>Hallo</p>", id: "roundup-49", unsubscribeURL: "https://cop.example.org/u/abc")
        let document = MIMEDocument.render(
            message, date: Date(timeIntervalSince1970: 1_796_486_400), domain: "example.org")
        #expect(document.contains("List-Unsubscribe: <https://cop.example.org/u/abc>\r\n"))
        #expect(document.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(document.contains("Subject: =?utf-8?B?\(Data("Woche 49 ✓".utf8).base64EncodedString())?=\r\n"))
        #expect(document.contains("Date: Sat, 05 Dec 2026 16:00:00 +0000\r\n"))
        #expect(document.contains("Message-ID: <roundup-49@example.org>\r\n"))
        #expect(!document.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
