import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// One chat platform behind the common pipeline (`PlatformPipeline`): it supplies only what differs between
/// platforms (verify, parse, render, the late-reply target); the pipeline does the steps in order, so no
/// platform can skip one.
protocol ChatPlatform: Sendable {
    /// The platform's name: the prefix of its member ids, of its bindings (`slack_channel`) and of its reply targets.
    var name: String { get }
    /// What the platform can show, so features degrade the same way everywhere.
    var capabilities: PlatformCapabilities { get }
    /// The HTTP endpoints the platform calls.
    var endpoints: [PlatformEndpoint] { get }

    /// Checks the request is the platform's, before anything that matters is parsed; returns the key that makes a
    /// replay recognisable (the signature), or nil when the scheme has none (a static token).
    func verify(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> String?
    /// Turns a verified request into the platform-neutral inbound.
    func parse(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> PlatformInbound
    /// Whether a request came from a direct conversation rather than a channel (routed by membership).
    func isDirect(_ context: PlatformReplyContext) -> Bool
    /// Where late replies to the request go (Slack's `response_url`, Discord's interaction webhook), if anywhere.
    func lateReplyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget?
    /// Adjusts a request against its community just before it runs (Discord's typed modal answers); a message
    /// returned instead is the answer, and nothing runs.
    func prepare(_ request: inout PlatformRequest, in runtime: CommunityRuntime) async -> OutboundMessage?
    /// The HTTP answer carrying `reply`, the first reply of the outcome (nil when there is none).
    func answer(
        _ reply: OutboundMessage?, to request: PlatformRequest, from http: PlatformHTTPRequest,
        at endpoint: PlatformEndpoint
    ) async throws -> Response
    /// The HTTP answer when the replies follow later (the 3-second deadline passed) or when there is nothing to do.
    func acknowledgement(for request: PlatformRequest?, at endpoint: PlatformEndpoint) -> Response
}

extension ChatPlatform {
    func prepare(_ request: inout PlatformRequest, in runtime: CommunityRuntime) async -> OutboundMessage? { nil }

    func isDirect(_ context: PlatformReplyContext) -> Bool { context.isDirect ?? (context.channelID == nil) }

    func lateReplyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? { nil }

    func acknowledgement(for request: PlatformRequest?, at endpoint: PlatformEndpoint) -> Response {
        PlatformResponse.acknowledged
    }
}

/// What a platform can show; the pipeline and the renderers read it instead of asking which platform it is.
struct PlatformCapabilities: OptionSet, Sendable {
    let rawValue: Int

    /// Messages with buttons.
    static let buttons = PlatformCapabilities(rawValue: 1 << 0)
    /// Forms shown as modals or dialogs.
    static let modals = PlatformCapabilities(rawValue: 1 << 1)
    /// Replies in threads.
    static let threads = PlatformCapabilities(rawValue: 1 << 2)
    /// Editing a message already posted (a poll's live count).
    static let edits = PlatformCapabilities(rawValue: 1 << 3)
    /// Replies only the acting member sees.
    static let ephemeral = PlatformCapabilities(rawValue: 1 << 4)
    /// Replies after the HTTP answer, through a reply target.
    static let lateReplies = PlatformCapabilities(rawValue: 1 << 5)
}

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

/// The raw request a platform verifies and parses: the head and the body read once within the size limit
/// (for a `GET`, the query string).
struct PlatformHTTPRequest: Sendable {
    /// The request head (headers, URI).
    let request: Request
    /// The raw body.
    let body: Data

    /// The value of the header `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        request.platformHeader(name)
    }
}
