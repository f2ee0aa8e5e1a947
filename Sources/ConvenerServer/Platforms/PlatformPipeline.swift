import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird
import Logging

/// The one pipeline every chat platform's requests go through, in this order: body limit → verify → replay gate
/// → parse → de-duplicate retries → route to a community → run with the 3-second deadline → render the first
/// reply (the others are queued for the request's reply target by the runtime).
struct PlatformPipeline<Platform: ChatPlatform>: Sendable {
    /// What differs per platform.
    let platform: Platform
    /// Which community a request belongs to.
    let directory: CommunityDirectory
    /// Replays and retries seen recently, shared by all platforms.
    let gate: PlatformGate
    /// The platforms' acknowledgement deadline.
    let deadline: PlatformAckDeadline
    /// The time.
    let clock: any WallClock
    /// Where routing and parsing problems are logged.
    let logger: Logger

    /// Adds the platform's endpoints to `router`.
    func addRoutes(to router: Router<ConvenerRequestContext>) {
        for endpoint in platform.endpoints {
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
                try await handle(request, context: context, at: endpoint)
            }
        }
    }

    /// Runs one request through every step.
    func handle(_ request: Request, context: ConvenerRequestContext, at endpoint: PlatformEndpoint) async throws
        -> Response
    {
        // 1. Body limit: read once, 413 above the context's maximum (a GET carries its form in the query).
        let body =
            endpoint.method == .get
            ? Data((request.uri.query ?? "").utf8) : try await request.rawBody(context: context)
        let http = PlatformHTTPRequest(request: request, body: body)
        let now = clock.now()
        // 2. Verify, before anything that matters is parsed.
        let replayKey: String?
        do {
            replayKey = try await platform.verify(http, at: endpoint, now: now)
        } catch let error as HTTPError {
            throw error
        } catch {
            throw PlatformResponse.unauthorized("\(error)")
        }
        // 3. Replay gate: the same signed request twice is refused.
        if let replayKey { try gate.admitOnce(signature: "\(platform.name):\(replayKey)", now: now) }
        // 4. Parse.
        let inbound: PlatformInbound
        do {
            inbound = try platform.parse(http, at: endpoint, now: now)
        } catch let error as HTTPError {
            throw error
        } catch {
            throw PlatformResponse.badRequest("\(error)")
        }
        await platform.remember(http, at: endpoint)
        switch inbound {
        case .reply(let reply): return reply.response
        default: break
        }
        guard var platformRequest = inbound.request(platform: platform.name) else {
            return platform.acknowledgement(for: nil, at: endpoint)
        }
        // 5. De-duplicate the platform's retries of the same input.
        guard gate.firstTime(inputID: "\(platform.name):\(platformRequest.input.id)", now: now) else {
            return platform.acknowledgement(for: platformRequest, at: endpoint)
        }
        // 6. Route to a community.
        let runtime: CommunityRuntime
        switch await route(&platformRequest, now: now) {
        case .community(let chosen): runtime = chosen
        case .answer(let message):
            return try await platform.answer(message, to: platformRequest, from: http, at: endpoint)
        case .ignore:
            return platform.acknowledgement(for: platformRequest, at: endpoint)
        }
        if let refusal = await platform.prepare(&platformRequest, in: runtime) {
            return try await platform.answer(refusal, to: platformRequest, from: http, at: endpoint)
        }
        // 7. Run with the deadline; events are answered by posting, so they have no reply target.
        let repliesLate = endpoint.kind != .events && platform.capabilities.contains(.lateReplies)
        let target = repliesLate ? platform.lateReplyTarget(for: platformRequest.context, now: now) : nil
        let inline = target == nil || platform.answersInline(platformRequest)
        guard let outcome = try await deadline.run(platformRequest.input, on: runtime, target: target, inline: inline)
        else {
            return platform.acknowledgement(for: platformRequest, at: endpoint)
        }
        // 8. Render the first reply; the runtime queued the rest (all of them when not inline) for the reply target.
        guard endpoint.kind != .events, inline else {
            return platform.acknowledgement(for: platformRequest, at: endpoint)
        }
        return try await platform.answer(outcome.replies.first, to: platformRequest, from: http, at: endpoint)
    }

    /// The community of the request; strips a command's `--community` flag and resolves "which community?" clicks.
    private func route(_ request: inout PlatformRequest, now: Date) async -> CommunityRoute {
        await directory.route(
            &request, platform: platform.name, isDirect: platform.isDirect(request.context), now: now, logger: logger)
    }
}
