import ConvenerCore
import ConvenerStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

@testable import ConvenerServer

/// Two communities bound to their own Slack, Discord and Mattermost channels, with every platform's secrets.
enum PlatformFixture {
    static let slackSecret = "route-test-signing-secret"
    static let mattermostToken = "routetesttoken123456789012"
    static let discordKey =
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: Data((0..<32).map { UInt8($0) })))
        ?? Curve25519.Signing.PrivateKey()

    static let dataSlack = "C0DATA0001"
    static let uxSlack = "C0UXUX0002"
    static let dataDiscord = "100000000000000001"
    static let uxDiscord = "100000000000000002"
    static let dataMattermost = "dataaaaaaaaaaaaaaaaaaaaaa1"
    static let uxMattermost = "uxuxuxuxuxuxuxuxuxuxuxuxu2"

    static let data = CommunityProfile(
        id: "data", name: "Data Science", convenors: ["slack:UDATA"],
        bindings: [
            CommunityBinding(platform: "slack", channels: [dataSlack]),
            CommunityBinding(platform: "discord", channels: [dataDiscord]),
            CommunityBinding(platform: "mattermost", channels: [dataMattermost]),
        ])
    static let ux = CommunityProfile(
        id: "ux", name: "UX Research", convenors: ["slack:UUX"],
        bindings: [
            CommunityBinding(platform: "slack", channels: [uxSlack]),
            CommunityBinding(platform: "discord", channels: [uxDiscord]),
            CommunityBinding(platform: "mattermost", channels: [uxMattermost]),
        ])

    static var credentials: PlatformCredentials {
        PlatformCredentials([
            "slack": ["signing_secret": slackSecret], "mattermost": ["command_token": mattermostToken],
            "discord": [
                "public_key": discordKey.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
            ],
        ])
    }

    /// The fixed clock's time as a Unix timestamp, what signed requests carry.
    static var now: Int { Int(FixedClock().now().timeIntervalSince1970) }
}

/// Builds the app over fresh state folders for `profiles`, runs `body` against it without a socket, then closes.
func withPlatformApp(
    _ profiles: [CommunityProfile] = [PlatformFixture.data, PlatformFixture.ux],
    adminToken: String? = nil,
    _ body: @Sendable (any TestClientProtocol, [CommunityRuntime]) async throws -> Void
) async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("convener-routes-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let logger = Logger(label: "test")
    var runtimes: [CommunityRuntime] = []
    for profile in profiles {
        let opened = try await StateStore<CommunityState>.open(directory: "\(root)/\(profile.id)", logger: logger)
        runtimes.append(
            CommunityRuntime(
                profile: profile, store: opened.store, state: opened.state, clock: FixedClock(), logger: logger))
    }
    let app = buildApplication(
        settings: ServerSettings(
            host: "127.0.0.1", port: 0, playgroundEnabled: true, adminToken: adminToken,
            platforms: PlatformFixture.credentials),
        runtimes: runtimes, timeline: PlaygroundTimeline(), clock: FixedClock(), logger: logger)
    let all = runtimes
    do {
        try await app.test(.router) { client in try await body(client, all) }
    } catch {
        for runtime in runtimes { try? await runtime.close() }
        throw error
    }
    for runtime in runtimes { try await runtime.close() }
}

/// Signed platform requests, as the platforms send them.
enum Signed {
    private static let slackSignature = HTTPField.Name("X-Slack-Signature") ?? .contentType
    private static let slackTimestamp = HTTPField.Name("X-Slack-Request-Timestamp") ?? .contentType
    private static let discordSignature = HTTPField.Name("X-Signature-Ed25519") ?? .contentType
    private static let discordTimestamp = HTTPField.Name("X-Signature-Timestamp") ?? .contentType

    /// A Slack request to `path` signed with `secret` at `timestamp`.
    static func slack(
        _ path: String, body: String, timestamp: Int = PlatformFixture.now,
        secret: String = PlatformFixture.slackSecret
    ) -> (uri: String, headers: HTTPFields, body: ByteBuffer) {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("v0:\(timestamp):\(body)".utf8), using: key)
        var headers = HTTPFields()
        headers[slackSignature] = "v0=" + mac.map { String(format: "%02x", $0) }.joined()
        headers[slackTimestamp] = "\(timestamp)"
        headers[.contentType] = "application/x-www-form-urlencoded"
        return (path, headers, ByteBuffer(string: body))
    }

    /// A Slack slash command form.
    static func slackCommand(
        _ text: String, channel: String, user: String = "U1", trigger: String = UUID().uuidString
    ) -> String {
        form([
            ("command", "/cop"), ("text", text), ("user_id", user), ("user_name", "ada"), ("channel_id", channel),
            ("team_id", "T1"), ("trigger_id", trigger), ("response_url", "https://hooks.slack.test/commands/1"),
        ])
    }

    /// A Slack Events API callback.
    static func slackEvent(id: String, _ event: String) -> String {
        #"{"type":"event_callback","team_id":"T1","event_id":"\#(id)","event":\#(event)}"#
    }

    /// A Discord interaction signed with `key` at `timestamp`.
    static func discord(
        _ body: String, timestamp: Int = PlatformFixture.now,
        key: Curve25519.Signing.PrivateKey = PlatformFixture.discordKey
    ) -> (uri: String, headers: HTTPFields, body: ByteBuffer) {
        // Signing only fails when the system has no randomness; an empty signature then fails the test visibly.
        let signature = (try? key.signature(for: Data("\(timestamp)\(body)".utf8))) ?? Data()
        var headers = HTTPFields()
        headers[discordSignature] = signature.map { String(format: "%02x", $0) }.joined()
        headers[discordTimestamp] = "\(timestamp)"
        headers[.contentType] = "application/json"
        return ("/discord/interactions", headers, ByteBuffer(string: body))
    }

    /// A Discord `/cop` command interaction.
    static func discordCommand(_ text: String, id: String, channel: String, guild: String? = "5") -> String {
        let guildField = guild.map { #""guild_id":"\#($0)","# } ?? ""
        return #"{"id":"\#(id)","application_id":"2","type":2,"token":"tok","version":1,\#(guildField)"#
            + #""channel_id":"\#(channel)","member":{"user":{"id":"80351110224678912","username":"alice"}},"#
            + #""data":{"id":"7","name":"cop","type":1,"options":[{"name":"text","type":3,"value":"\#(text)"}]}}"#
    }

    /// A Mattermost slash command form with the command token.
    static func mattermostCommand(
        _ text: String, channel: String, token: String = PlatformFixture.mattermostToken, trigger: String = "t1",
        channelName: String = "town-square", user: String = "mmuser1", userName: String = "alice"
    ) -> (uri: String, headers: HTTPFields, body: ByteBuffer) {
        let body = form([
            ("token", token), ("team_id", "team1"), ("channel_id", channel), ("channel_name", channelName),
            ("user_id", user), ("user_name", userName), ("command", "/cop"), ("text", text),
            ("trigger_id", trigger), ("response_url", "https://mattermost.test/hooks/commands/1"),
        ])
        return ("/mattermost/commands", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: body))
    }

    private static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}

extension TestClientProtocol {
    /// Posts a signed request and returns its status and body.
    func post(_ request: (uri: String, headers: HTTPFields, body: ByteBuffer)) async throws -> (
        HTTPResponse.Status, String
    ) {
        try await execute(uri: request.uri, method: .post, headers: request.headers, body: request.body) {
            ($0.status, String(buffer: $0.body))
        }
    }

    /// Posts a signed request and returns its status.
    func status(_ request: (uri: String, headers: HTTPFields, body: ByteBuffer)) async throws -> HTTPResponse.Status {
        try await post(request).0
    }
}
