/// What became of one mail.
public enum SMTPOutcome: Sendable, Equatable {
    /// The server accepted it.
    case sent
    /// Worth trying again later: the server said 4xx, or could not be reached.
    case transient(String)
    /// Never worth retrying: the server refused the address or the mail (5xx), or the settings are wrong.
    case permanent(String)
}
