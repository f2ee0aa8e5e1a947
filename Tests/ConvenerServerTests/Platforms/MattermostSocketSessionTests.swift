import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Testing

@testable import ConvenerServer

/// The Mattermost WebSocket's durable side against a scripted server: the bot's id, the socket URL that resumes
/// the last connection, the handled events kept across a restart, and a refused token.
@Suite("Mattermost WebSocket session")
struct MattermostSocketSessionTests {
    static func session(
        _ transport: ScriptedTransport, path: String, handledLimit: Int = MattermostSocketState.handledLimit
    ) throws -> MattermostSocketSession {
        MattermostSocketSession(
            url: "https://chat.example.org/", token: "bot-token",
            exchange: DeliveryExchange(transport: transport, timeout: .seconds(2)),
            saved: try PlatformStateFile(path: path, initial: MattermostSocketState()), handledLimit: handledLimit)
    }

    static func statePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mattermost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("mattermost.json").path
    }

    @Test("the socket URL is wss for https, and resumes the last connection from the next event, after a restart too")
    func resume() async throws {
        let path = try Self.statePath()
        let session = try Self.session(ScriptedTransport([]), path: path)
        #expect(await session.socketURL() == "wss://chat.example.org/api/v4/websocket")
        #expect(try await session.greeted(connectionID: "conn1", seq: 0) == nil)
        try await session.passed(seq: 1, handled: nil)
        try await session.passed(seq: 2, handled: "mattermost.post.p2")
        try await session.passed(seq: 3, handled: nil)
        #expect(await session.receivedSinceConnecting())
        #expect(
            await session.socketURL() == "wss://chat.example.org/api/v4/websocket?connection_id=conn1&sequence_number=4"
        )
        #expect(await session.isHandled("mattermost.post.p2"))
        #expect(await !session.isHandled("mattermost.post.p3"))

        // Restarted: only handled events were written, so it resumes after the last of them (the server replays
        // the rest, which are skipped or run once).
        let restarted = try Self.session(ScriptedTransport([]), path: path)
        #expect(
            await restarted.socketURL()
                == "wss://chat.example.org/api/v4/websocket?connection_id=conn1&sequence_number=3")
        #expect(await restarted.isHandled("mattermost.post.p2"))
        await restarted.connecting()
        #expect(await !restarted.receivedSinceConnecting())
        // The server could not resume it: a new connection, and the old one is named as lost.
        #expect(try await restarted.greeted(connectionID: "conn2", seq: 0) == "conn1")
        #expect(
            await restarted.socketURL()
                == "wss://chat.example.org/api/v4/websocket?connection_id=conn2&sequence_number=1")
    }

    @Test("the handled ids keep only the newest (a thousand in the daemon)")
    func handledLimit() async throws {
        let session = try Self.session(ScriptedTransport([]), path: try Self.statePath(), handledLimit: 10)
        for seq in 1...15 { try await session.passed(seq: seq, handled: "id\(seq)") }
        #expect(await !session.isHandled("id5"))
        #expect(await session.isHandled("id6"))
        #expect(await session.isHandled("id15"))
    }

    @Test("the bot's id is asked once with the token; a refused token says what to do")
    func botUser() async throws {
        let transport = ScriptedTransport([
            (
                "GET https://chat.example.org/api/v4/users/me",
                HTTPTransportResponse(status: 200, body: Array(#"{"id":"botid"}"#.utf8))
            )
        ])
        let session = try Self.session(transport, path: try Self.statePath())
        #expect(try await session.userID() == "botid")
        #expect(try await session.userID() == "botid")
        let requests = await transport.requests
        #expect(requests.count == 1)
        #expect(
            requests.first?.headers.contains { $0.name == "Authorization" && $0.value == "Bearer bot-token" } == true)

        let refused = try Self.session(
            ScriptedTransport([("users/me", HTTPTransportResponse(status: 401))]), path: try Self.statePath())
        await #expect {
            try await refused.userID()
        } throws: { error in
            "\(error)".contains("Mattermost refused MATTERMOST_BOT_TOKEN (HTTP 401)")
                && "\(error)".contains("restart Convener")
        }
    }
}
