/// The checks an e-mail address gets before Convener mails it.
public enum MailAddress {
    /// Whether `address` looks like a deliverable mailbox: one `@`, a dot in the domain, at most 254 characters, no
    /// spaces, controls or the characters RFC 5322 reserves.
    public static func isPlausible(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !parts[1].contains(".."), address.count <= 254
        else { return false }
        return address.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && !"<>()[],;:\"\\".unicodeScalars.contains($0)
        }
    }

    /// The address inside the forms chat platforms wrap it in: `<ada@example.org>` and Slack's
    /// `<mailto:ada@example.org|ada@example.org>`; anything else as it is.
    public static func unwrapped(_ text: String) -> String {
        guard text.hasPrefix("<"), text.hasSuffix(">"), text.count > 2 else { return text }
        var inner = text.dropFirst().dropLast()
        if inner.lowercased().hasPrefix("mailto:") { inner = inner.dropFirst("mailto:".count) }
        return String(inner.prefix { $0 != "|" })
    }
}
