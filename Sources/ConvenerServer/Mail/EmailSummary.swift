import ConvenerDelivery

/// What the start-up summary and `convener check` say about the `email` section, worded once.
public enum EmailSummary {
    /// Why members cannot subscribe without a link key, and what to do.
    public static let missingLinkKey =
        "members cannot subscribe (no email.link_key), mailing lists only: set email.link_key "
        + "(default {env: CONVENER_EMAIL_KEY}) to a long random string, e.g. `openssl rand -hex 32`"

    /// `smtp://… (starttls) from cop@example.org; members subscribe with /cop me email; …`.
    public static func line(_ settings: SMTPSettings, linkKeySet: Bool) -> String {
        var line = "\(settings.url) (\(settings.security.rawValue)) from \(settings.from); "
        line += linkKeySet ? "members subscribe with /cop me email" : missingLinkKey
        if let mailbox = settings.bounceAddress {
            line +=
                linkKeySet
                ? "; later bounces to \(mailbox) (+token), handed over by `convener email bounce`"
                : "; bounce_address \(mailbox) is unused without email.link_key"
        }
        return line
    }
}
