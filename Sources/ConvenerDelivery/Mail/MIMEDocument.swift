import Foundation

/// The RFC 5322 / MIME text of a `MailMessage`: UTF-8 parts in base64, an encoded-word subject, CRLF lines.
public enum MIMEDocument {
    /// The message as sent, dated `date`, its `Message-ID` in `domain`.
    public static func render(_ message: MailMessage, date: Date, domain: String) -> String {
        var headers: [(String, String)] = []
        let from = message.fromName.map { "\(encodedWord($0)) <\(message.from)>" } ?? message.from
        headers.append(("From", from))
        headers.append(("To", message.to))
        headers.append(("Subject", encodedWord(message.subject)))
        headers.append(("Date", rfc5322Date(date)))
        headers.append(("Message-ID", "<\(message.id)@\(domain)>"))
        headers.append(("MIME-Version", "1.0"))
        headers.append(("Auto-Submitted", "auto-generated"))
        if let unsubscribe = message.unsubscribeURL {
            headers.append(("List-Unsubscribe", "<\(unsubscribe)>"))
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        }
        var lines = headers.map { "\($0.0): \($0.1)" }
        if let html = message.html {
            // Base64 bodies never contain "_", so this boundary cannot occur inside a part.
            let boundary = "=_convener_alternative"
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a message in text and HTML.")
            lines.append("--\(boundary)")
            lines += part("text/plain", message.text)
            lines.append("--\(boundary)")
            lines += part("text/html", html)
            lines.append("--\(boundary)--")
        } else {
            lines += part("text/plain", message.text)
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func part(_ type: String, _ body: String) -> [String] {
        let encoded = Data(body.utf8).base64EncodedString()
        var lines = ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// An RFC 2047 encoded word when the text is not plain ASCII, else the text.
    static func encodedWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        return plain ? text : "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// `Sat, 05 Dec 2026 16:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return "\(days[(parts.weekday ?? 1) - 1]), \(String(format: "%02d", parts.day ?? 1)) "
            + "\(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) \(time) +0000"
    }
}
