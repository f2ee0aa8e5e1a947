import ConvenerCore

/// Where a request goes: a community, or an answer given at once because no community could be chosen.
enum CommunityRoute: Sendable {
    /// Run the request in this community.
    case community(CommunityRuntime)
    /// Answer with this message instead (an unbound channel, an unknown `--community`, the question which
    /// community); nothing runs.
    case answer(OutboundMessage)
    /// Drop the request quietly: an event from a channel no community lives in (nobody asked anything).
    case ignore
}
