/// Whether one delivery attempt succeeded, may succeed if repeated, or never will.
public enum RetryClassification: Sendable, Hashable {
    /// The platform accepted the message.
    case success
    /// A later attempt may succeed (rate limit, server error, timeout, connection failure).
    case transient(reason: String)
    /// Repeating cannot help (bad request, bad credentials, unknown channel); dead-letter it.
    case permanent(reason: String)

    /// Platform error codes (Slack's `error` when `ok` is false, and the like) that a later attempt may fix.
    public static let transientPlatformErrors: Set<String> = [
        "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable",
        "request_timeout", "team_added_to_org",
    ]

    /// Platform error codes known to be permanent; unknown codes are treated as permanent too.
    public static let permanentPlatformErrors: Set<String> = [
        "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive",
        "token_revoked", "token_expired", "not_authed", "no_permission", "missing_scope", "user_not_found",
        "msg_too_long", "no_text", "invalid_blocks", "invalid_arguments", "restricted_action", "cannot_dm_bot",
        "user_disabled", "channel_is_archived",
    ]

    /// Classifies a response by HTTP `status` and the platform's parsed JSON error code, if it sent one
    /// (e.g. Slack's `error` field on `"ok": false`, which arrives with status 200).
    public static func classify(status: Int, platformError: String? = nil) -> RetryClassification {
        if let platformError, !platformError.isEmpty {
            if transientPlatformErrors.contains(platformError) {
                return .transient(reason: "platform error \(platformError) (HTTP \(status))")
            }
            let known = permanentPlatformErrors.contains(platformError) ? "" : " (unknown code, not retried)"
            return .permanent(reason: "platform error \(platformError)\(known) (HTTP \(status))")
        }
        switch status {
        case 200...299:
            return .success
        case 408, 425, 429, 500...599:
            return .transient(reason: "HTTP \(status)")
        default:
            return .permanent(reason: "HTTP \(status)")
        }
    }

    /// Classifies a transfer that failed before any response arrived.
    public static func classify(_ error: HTTPTransportError) -> RetryClassification {
        error.isTransient ? .transient(reason: error.description) : .permanent(reason: error.description)
    }
}
