import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Testing

@testable import ConvenerServer

/// The Matrix session and delivery against a scripted homeserver: native polls sent, kept and ended; display names
/// from member events, else the profile, else the localpart.
@Suite("Matrix session and delivery")
struct MatrixSessionTests {
    static func session(_ transport: ScriptedTransport) throws -> MatrixSession {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let client = MatrixClient(
            homeserver: "https://hs.test", token: "secret", transport: transport,
            exchange: DeliveryExchange(transport: transport, timeout: .seconds(2)))
        return MatrixSession(
            client: client, userID: "@convener:hs.test",
            saved: try PlatformStateFile(
                path: folder.appendingPathComponent("matrix.json").path, initial: MatrixSavedState()))
    }

    static func ok(_ json: String) -> HTTPTransportResponse {
        HTTPTransportResponse(status: 200, body: Array(json.utf8))
    }

    @Test("only the newest choice codes are kept: the oldest message's buttons stop answering first")
    func oldestChoicesDropped() async throws {
        let session = try Self.session(ScriptedTransport([]))
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        for number in 0...MatrixSession.keptChoices {
            let message = OutboundMessage(
                id: "m\(number)", audience: .channel, text: "Pick",
                actions: [MessageAction(id: "pick.\(number)", label: "Pick")])
            try await session.remember(choicesOf: message, at: start.addingTimeInterval(Double(number)))
        }
        #expect(await session.click(code: MatrixRenderer.choiceCode(for: "m0"), number: 1) == nil)
        let second = await session.click(code: MatrixRenderer.choiceCode(for: "m1"), number: 1)
        #expect(second?.messageID == "m1" && second?.actionID == "pick.1")
        let newest = "m\(MatrixSession.keptChoices)"
        #expect(await session.click(code: MatrixRenderer.choiceCode(for: newest), number: 1)?.messageID == newest)
    }

    @Test("a poll starts as a native poll, its live edits are not sent, and its closing sends the end event")
    func nativePoll() async throws {
        let transport = ScriptedTransport([
            (
                "PUT https://hs.test/_matrix/client/v3/rooms/%21r%3Ahs.test/send/org.matrix.msc3381.poll.start/",
                Self.ok(#"{"event_id":"$start"}"#)
            ),
            ("/send/org.matrix.msc3381.poll.end/", Self.ok(#"{"event_id":"$end"}"#)),
        ])
        let session = try Self.session(transport)
        let delivery = MatrixDelivery(session: session, channel: "!r:hs.test")
        let answers = [
            MessageAction(id: "poll.P1.vote.1", label: "Pizza"), MessageAction(id: "poll.P1.vote.2", label: "Salad"),
        ]
        var poll = MessagePoll(
            question: "Lunch?", answers: answers, maxSelections: 1, isAnonymous: false,
            hidesResultsUntilClosed: false, isClosed: false)
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let opening = OutboxEntry(
            message: OutboundMessage(id: "poll.P1", audience: .channel, text: "Lunch?", actions: answers, poll: poll),
            queuedAt: now)
        let started = try #require(try await delivery.send(opening, to: "!r:hs.test", editing: nil))
        #expect(started.messageID == "$start" && started.channel == "!r:hs.test")
        let kept = await session.poll(startedBy: "$start")
        #expect(kept?.message == "poll.P1" && kept?.answers == ["poll.P1.vote.1", "poll.P1.vote.2"])
        #expect(kept?.isEnded == false)
        let edit = OutboxEntry(
            message: OutboundMessage(
                id: "poll.P1.u1", audience: .channel, text: "Lunch? 1 voter", actions: answers, updates: "poll.P1",
                poll: poll),
            queuedAt: now)
        #expect(try await delivery.send(edit, to: "!r:hs.test", editing: started) == started)
        #expect(await transport.requests.count == 1, "an open poll's edit sends nothing")
        poll.isClosed = true
        poll.counts = [0, 1]
        let final = OutboxEntry(
            message: OutboundMessage(
                id: "poll.P1.final", audience: .channel, text: "Lunch? (closed)\n• Salad: 1", updates: "poll.P1",
                poll: poll),
            queuedAt: now)
        #expect(try await delivery.send(final, to: "!r:hs.test", editing: started) == started)
        let requests = await transport.requests
        #expect(requests.count == 2)
        let end = try PlatformJSON.parse(Data(requests[1].body), what: "end")
        #expect(end["m.relates_to"] == ["rel_type": "m.reference", "event_id": "$start"])
        #expect(end["org.matrix.msc1767.text"]?.stringValue?.contains("Salad: 1") == true)
        #expect(await session.poll(startedBy: "$start")?.isEnded == true)
        // No choice code is kept for a native poll: its votes come as responses.
        let code = MatrixRenderer.choiceCode(for: "poll.P1")
        #expect(await session.click(code: code, number: 1) == nil)
    }

    @Test("a display name comes from member events, else the profile (asked once), else the localpart")
    func displayNames() async throws {
        let transport = ScriptedTransport([
            (
                "GET https://hs.test/_matrix/client/v3/profile/%40bob%3Ahs.test/displayname",
                Self.ok(#"{"displayname":"Bob Builder"}"#)
            ),
            (
                "/profile/%40nobody%3Ahs.test/displayname",
                HTTPTransportResponse(status: 404, body: Array(#"{"errcode":"M_NOT_FOUND"}"#.utf8))
            ),
        ])
        let session = try Self.session(transport)
        await session.learn(names: ["@ada:hs.test": "Ada Lovelace"])
        #expect(await session.displayName(of: "@ada:hs.test") == "Ada Lovelace")
        #expect(await session.displayName(of: "@bob:hs.test") == "Bob Builder")
        #expect(await session.displayName(of: "@bob:hs.test") == "Bob Builder")
        #expect(await session.displayName(of: "@nobody:hs.test") == "nobody")
        #expect(await transport.requests.count == 2, "each profile is asked once")
        #expect(Set(await session.knownUsers()) == ["@ada:hs.test", "@bob:hs.test", "@nobody:hs.test"])
    }
}
