import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Testing

@testable import ConvenerServer

/// A transport that answers from a script and records every request.
actor ScriptedTransport: HTTPTransport {
    private var answers: [(String, HTTPTransportResponse)]
    private(set) var requests: [HTTPTransportRequest] = []

    /// Answers: the first whose key is part of the request's method and URL, used once.
    init(_ answers: [(String, HTTPTransportResponse)]) {
        self.answers = answers
    }

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        requests.append(request)
        let line = "\(request.method) \(request.url)"
        guard let index = answers.firstIndex(where: { line.contains($0.0) }) else {
            return HTTPTransportResponse(status: 404)
        }
        return answers.remove(at: index).1
    }

    func body(_ index: Int) -> [UInt8] {
        requests[index].body
    }
}

/// The JSON object of a request body.
private func object(_ body: [UInt8]) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
}

private func ok(_ json: String) -> HTTPTransportResponse {
    HTTPTransportResponse(status: 200, body: Array(json.utf8))
}

private func entry(
    _ id: String, _ audience: Audience, actions: [MessageAction] = [], target: OutboxReplyTarget? = nil
) -> OutboxEntry {
    OutboxEntry(
        message: OutboundMessage(id: id, audience: audience, text: "Hello \(id)", actions: actions),
        queuedAt: FixedClock().now(), replyTarget: target)
}

private func header(_ request: HTTPTransportRequest, _ name: String) -> String? {
    request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
}

@Suite("Platform delivery requests")
struct DeliveryRequestTests {
    @Test("Slack posts with the bot token and records the ts; an update becomes chat.update of that ts")
    func slackPostAndUpdate() async throws {
        let transport = ScriptedTransport([
            ("chat.postMessage", ok(#"{"ok":true,"channel":"C0CHANNEL1","ts":"1700.01"}"#)),
            ("chat.update", ok(#"{"ok":true}"#)),
        ])
        let slack = SlackDelivery(
            token: "xoxb-1", apiBaseURL: "http://slack.test/api", channel: "C0CHANNEL1",
            exchange: DeliveryExchange(transport: transport))
        let post = entry("poll-1", .channel, actions: [MessageAction(id: "poll.vote.1", label: "Yes")])
        #expect(try slack.destination(of: post) == "C0CHANNEL1")
        let reference = try await slack.send(post, to: "C0CHANNEL1", editing: nil)
        #expect(reference == PlatformMessageReference(platform: "slack", channel: "C0CHANNEL1", messageID: "1700.01"))
        _ = try await slack.send(entry("poll-1-tally", .channel), to: "C0CHANNEL1", editing: reference)
        let requests = await transport.requests
        #expect(requests.map(\.url) == ["http://slack.test/api/chat.postMessage", "http://slack.test/api/chat.update"])
        #expect(header(requests[0], "Authorization") == "Bearer xoxb-1")
        #expect(object(await transport.body(1))["ts"] as? String == "1700.01")
        #expect(object(await transport.body(1))["channel"] as? String == "C0CHANNEL1")
    }

    @Test("Slack channel_not_found is permanent")
    func slackPermanent() async {
        let transport = ScriptedTransport([("chat.postMessage", ok(#"{"ok":false,"error":"channel_not_found"}"#))])
        let slack = SlackDelivery(
            token: "t", apiBaseURL: "http://s/api", channel: "C1", exchange: DeliveryExchange(transport: transport))
        await #expect(throws: PermanentDeliveryFailure.self) {
            _ = try await slack.send(entry("a", .channel), to: "C1", editing: nil)
        }
    }

    @Test("Mattermost opens the bot's DM channel once, posts with pending_post_id, and patches edits")
    func mattermost() async throws {
        let transport = ScriptedTransport([
            ("GET http://mm.test/api/v4/users/me", ok(#"{"id":"botuser"}"#)),
            ("POST http://mm.test/api/v4/channels/direct", ok(#"{"id":"dmchannel"}"#)),
            ("POST http://mm.test/api/v4/posts", ok(#"{"id":"post1"}"#)),
            ("POST http://mm.test/api/v4/posts", ok(#"{"id":"post2"}"#)),
            ("PUT http://mm.test/api/v4/posts/post1/patch", ok(#"{"id":"post1"}"#)),
        ])
        let mattermost = MattermostDelivery(
            token: "mm-bot", apiBase: "http://mm.test/api/v4", channel: nil,
            renderer: MattermostRenderer(
                actionURL: "http://convener.test/mattermost/actions",
                signer: MattermostActionSigner(serverSecret: "s")),
            exchange: DeliveryExchange(transport: transport))
        let member = MemberID(platform: "mattermost", user: "alice")
        let dm = entry("dm-1", .direct(member), actions: [MessageAction(id: "poll.vote.1", label: "Yes")])
        let destination = try #require(try mattermost.destination(of: dm))
        let reference = try await mattermost.send(dm, to: destination, editing: nil)
        #expect(reference?.messageID == "post1")
        #expect(reference?.channel == "dmchannel")
        _ = try await mattermost.send(entry("dm-2", .direct(member)), to: destination, editing: nil)
        _ = try await mattermost.send(entry("dm-3", .direct(member)), to: destination, editing: reference)
        let requests = await transport.requests
        #expect(requests.count == 5, "the bot id and the DM channel are looked up once")
        #expect(requests.allSatisfy { header($0, "Authorization") == "Bearer mm-bot" })
        let direct = try JSONSerialization.jsonObject(with: Data(requests[1].body)) as? [String]
        #expect(direct == ["botuser", "alice"])
        let post = object(await transport.body(2))
        #expect(post["channel_id"] as? String == "dmchannel")
        #expect((post["pending_post_id"] as? String)?.count == 26)
        #expect(post["pending_post_id"] as? String == DeliveryIdempotencyKey.mattermostPendingPostID(for: "dm-1"))
        let props = try #require(post["props"] as? [String: Any])
        let attachments = try #require(props["attachments"] as? [[String: Any]])
        #expect((attachments.first?["actions"] as? [[String: Any]])?.count == 1)
        #expect(requests[4].method == "PUT")
    }

    @Test("Discord posts with nonce and enforce_nonce, opens DMs, edits with PATCH, and honours retry_after")
    func discord() async throws {
        let limited = HTTPTransportResponse(
            status: 429, body: Array(#"{"message":"You are being rate limited.","retry_after":0.05}"#.utf8))
        let transport = ScriptedTransport([
            ("POST http://dc.test/channels/1045021983744204850/messages", limited),
            ("POST http://dc.test/channels/1045021983744204850/messages", ok(#"{"id":"900","channel_id":"1"}"#)),
            ("POST http://dc.test/users/@me/channels", ok(#"{"id":"555"}"#)),
            ("POST http://dc.test/channels/555/messages", ok(#"{"id":"901"}"#)),
            ("PATCH http://dc.test/channels/1045021983744204850/messages/900", ok(#"{"id":"900"}"#)),
        ])
        let discord = DiscordDelivery(
            token: "dc-bot", apiBase: "http://dc.test", channel: "1045021983744204850",
            exchange: DeliveryExchange(transport: transport))
        let long = String(repeating: "a-very-long-convener-message-id-", count: 2)
        let post = entry(long, .channel)
        let reference = try await discord.send(post, to: "1045021983744204850", editing: nil)
        #expect(reference?.messageID == "900")
        let member = MemberID(platform: "discord", user: "42")
        let dm = entry("dm", .direct(member))
        _ = try await discord.send(dm, to: try #require(try discord.destination(of: dm)), editing: nil)
        _ = try await discord.send(entry("edit", .channel), to: "1045021983744204850", editing: reference)
        let requests = await transport.requests
        #expect(requests.count == 5, "one retry after the 429")
        #expect(requests.allSatisfy { header($0, "Authorization") == "Bot dc-bot" })
        let first = object(await transport.body(1))
        let nonce = try #require(first["nonce"] as? String)
        #expect(nonce.count <= 25)
        #expect(first["enforce_nonce"] as? Bool == true)
        #expect(object(await transport.body(2))["recipient_id"] as? String == "42")
        #expect(object(await transport.body(3))["nonce"] as? String == "dm")
        #expect(object(await transport.body(4))["nonce"] == nil)
    }

    @Test("Late replies go to Slack's response_url and Discord's webhook; an expired one is dead-lettered")
    func lateReplies() async throws {
        let transport = ScriptedTransport([
            ("POST https://hooks.slack.test/commands/T1/2/abc", ok(#"{"ok":true}"#)),
            ("POST http://dc.test/webhooks/app1/tok1", ok(#"{"id":"5"}"#)),
        ])
        let clock = FixedClock()
        let exchange = DeliveryExchange(transport: transport)
        let slack = SlackResponseDelivery(exchange: exchange, clock: clock)
        let discord = DiscordFollowUpDelivery(apiBase: "http://dc.test", exchange: exchange, clock: clock)
        let later = clock.now().addingTimeInterval(60)
        let member = MemberID(platform: "slack", user: "U1")
        let toSlack = entry(
            "r1", .ephemeral(member),
            target: OutboxReplyTarget(
                platform: "slack", address: ["url": "https://hooks.slack.test/commands/T1/2/abc"], expiresAt: later,
                maxReplies: 5))
        let toDiscord = entry(
            "r2", .ephemeral(member),
            target: DiscordFollowUpDelivery.target(applicationID: "app1", token: "tok1", now: clock.now()))
        #expect(try slack.destination(of: toSlack) == "r1")
        #expect(try slack.destination(of: toDiscord) == nil)
        #expect(try discord.destination(of: toDiscord) == "r2")
        _ = try await slack.send(toSlack, to: "r1", editing: nil)
        _ = try await discord.send(toDiscord, to: "r2", editing: nil)
        #expect(object(await transport.body(0))["response_type"] as? String == "ephemeral")
        #expect(object(await transport.body(1))["flags"] as? Int == 64)
        let expired = entry(
            "r3", .ephemeral(member),
            target: OutboxReplyTarget(
                platform: "slack", address: ["url": "https://hooks.slack.test/x"], expiresAt: clock.now(),
                maxReplies: 5))
        await #expect(throws: PermanentDeliveryFailure.self) {
            _ = try await slack.send(expired, to: "r3", editing: nil)
        }
    }

    @Test("A failing reply URL never appears in the error")
    func redaction() async {
        let transport = ScriptedTransport([])
        let exchange = DeliveryExchange(transport: transport, retry: RetryPolicy(maxAttempts: 1))
        let request = HTTPTransportRequest(method: "POST", url: "https://hooks.slack.test/secret-token")
        do {
            _ = try await exchange.perform(request, label: "slack response_url")
            Issue.record("a 404 must fail")
        } catch {
            #expect(!"\(error)".contains("secret-token"))
            #expect("\(error)".contains("slack response_url"))
        }
    }

    @Test("The late-reply race has one winner")
    func lateReplyRace() {
        let target = OutboxReplyTarget(platform: "slack", address: ["url": "u"], expiresAt: Date(), maxReplies: 5)
        let inline = DeliveryLateReply(target: target)
        #expect(inline.claimInline())
        #expect(!inline.declareLate())
        let late = DeliveryLateReply(target: target)
        #expect(late.declareLate())
        #expect(!late.claimInline())
    }

    @Test("Discord nonces fit 25 characters and Mattermost pending post ids are stable")
    func idempotencyKeys() {
        #expect(DeliveryIdempotencyKey.discordNonce(for: "short-id") == "short-id")
        let long = DeliveryIdempotencyKey.discordNonce(for: String(repeating: "x", count: 80))
        #expect(long.count == 25)
        #expect(long == DeliveryIdempotencyKey.discordNonce(for: String(repeating: "x", count: 80)))
        #expect(
            DeliveryIdempotencyKey.mattermostPendingPostID(for: "a")
                != DeliveryIdempotencyKey.mattermostPendingPostID(for: "b"))
    }
}
