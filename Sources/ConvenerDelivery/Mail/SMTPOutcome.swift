/// What became of one mail.
public enum SMTPOutcome: Sendable, Equatable {
    /// The server accepted it.
    case sent
    /// Worth trying again later: the server said 4xx, or could not be reached.
    case transient(String)
    /// Never worth retrying: the server refused the address or the mail (a 5xx reply), so that address should get
    /// no more mail.
    case refused(String)
    /// Never worth retrying as set up: the settings are wrong (a refused login, TLS the server does not offer).
    case permanent(String)
}
