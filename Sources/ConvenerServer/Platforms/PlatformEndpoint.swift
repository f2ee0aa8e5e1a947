import Hummingbird

/// One HTTP endpoint of a platform.
struct PlatformEndpoint: Sendable, Equatable {
    /// What the endpoint receives; platforms switch on it.
    enum Kind: Sendable, Equatable {
        /// Slash commands.
        case commands
        /// Clicks and form submissions.
        case interactions
        /// Events the platform pushes (joins, reactions, messages); their replies are never inline.
        case events
    }

    /// `POST` or `GET`.
    var method: HTTPRequest.Method = .post
    /// The path, e.g. `slack/commands`.
    var path: String
    /// What it receives.
    var kind: Kind
}
