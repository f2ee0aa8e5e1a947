import ConvenerCore

/// The `email` section.
extension EmailConfig {
    /// The keys allowed in the section.
    static let keys = [
        "smtp_url", "from", "from_name", "username", "password", "security", "link_key", "bounce_address",
    ]

    /// Reads the section; `smtp_url` and `from` are required.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> EmailConfig? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        let before = context.diagnostics.count
        var url: String?
        if let field = table.required("smtp_url", &context, hint: "add smtp_url: smtp://mail.example.org:587"),
            let text = field.string(&context)
        {
            let lower = text.lowercased()
            if (lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://")) && text.count > 8 {
                url = text
            } else {
                context.report(
                    field, "\(ConfigField.quoted(text)) is not an SMTP URL; write smtp://HOST:587 or smtps://HOST:465")
            }
        }
        var from: String?
        if let field = table.required("from", &context, hint: "add the sender address: from: cop@example.org"),
            let text = field.string(&context)
        {
            if text.split(separator: "@").count == 2, !text.contains(" ") {
                from = text
            } else {
                context.report(field, "\(ConfigField.quoted(text)) is not an e-mail address; write cop@example.org")
            }
        }
        guard let url, let from else { return nil }
        var email = EmailConfig(smtpURL: url, from: from)
        email.fromName = table.optional("from_name", &context)?.text(&context, length: 1...80)
        email.username = table.optional("username", &context)?.text(&context, length: 1...200)
        if let field = table.optional("password", &context), let reference = field.secret(&context) {
            email.password = SecretSetting(reference, isDefault: false)
        }
        if let field = table.optional("link_key", &context), let reference = field.secret(&context) {
            email.linkKey = SecretSetting(reference, isDefault: false)
        }
        if let field = table.optional("bounce_address", &context), let text = field.string(&context) {
            if MailAddress.isPlausible(text), !text.contains("+") {
                email.bounceAddress = text
            } else {
                context.report(
                    field,
                    "\(ConfigField.quoted(text)) is not a plain mailbox; write bounces@example.org (no \"+\": Convener "
                        + "adds +TOKEN to it for each recipient)")
            }
        }
        if let field = table.optional("security", &context) {
            email.security = field.choice(
                &context, what: "a connection security",
                options: [("starttls", "starttls"), ("implicit", "implicit"), ("none", "none")])
        }
        return context.diagnostics.count == before ? email : nil
    }
}
