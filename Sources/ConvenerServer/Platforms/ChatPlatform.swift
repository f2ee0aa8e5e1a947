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
    /// replay recognisable (the signature), or nil when the scheme has none (a static token, a bearer token reused
    /// across requests).
    func verify(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) async throws -> String?
    /// Turns a verified request into the platform-neutral inbound.
    func parse(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint, now: Date) throws -> PlatformInbound
    /// Keeps what a verified, parsed request tells about where to reach its conversation and member later
    /// (Teams' connector address per conversation); by default nothing.
    func remember(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint) async
    /// Whether the HTTP answer can carry the request's first reply; when not (a Teams message activity, answered
    /// with a bare 200), every reply goes through the reply target.
    func answersInline(_ request: PlatformRequest) -> Bool
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

    func remember(_ request: PlatformHTTPRequest, at endpoint: PlatformEndpoint) async {}

    func answersInline(_ request: PlatformRequest) -> Bool { true }

    func lateReplyTarget(for context: PlatformReplyContext, now: Date) -> OutboxReplyTarget? { nil }

    func acknowledgement(for request: PlatformRequest?, at endpoint: PlatformEndpoint) -> Response {
        PlatformResponse.acknowledged
    }
}
