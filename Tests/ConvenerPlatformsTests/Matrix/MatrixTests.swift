import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

private let bot = "@convener:example.org"

private func event(_ json: String, room: String = "!room:example.org") throws -> MatrixEvent? {
    MatrixEvent(json: try PlatformJSON.parse(Data(json.utf8), what: "event"), roomID: room)
}

@Suite("Matrix events")
struct MatrixEventTests {
    @Test("every example event of the Matrix specification parses, and the ones Convener reads mean what they say")
    func specificationCorpus() throws {
        for (source, json) in matrixSpecEvents {
            let parsed = try PlatformJSON.parse(Data(json.utf8), what: source)
            guard let event = MatrixEvent(json: parsed, roomID: "!fallback:example.org") else {
                Issue.record("\(source) did not parse as an event")
                continue
            }
            let inbound = MatrixEvents.inbound(event, botUserID: bot)
            switch event.type {
            case "m.room.message":
                guard case .input(let request) = inbound else {
                    Issue.record("\(source): a message is an input, got \(inbound)")
                    continue
                }
                #expect(request.input.member.platform == "matrix", "\(source)")
                #expect(request.input.id == "matrix.\(event.eventID)", "\(source)")
                #expect(request.context.channelID == event.roomID, "\(source)")
            case "m.reaction":
                guard case .reaction(let reaction) = inbound else {
                    Issue.record("\(source): a reaction, got \(inbound)")
                    continue
                }
                #expect(reaction.emoji == "👍", "\(source)")
                #expect(reaction.messageID == "$some_event_id", "\(source)")
            case "m.room.member":
                switch (event.content["membership"]?.stringValue, inbound) {
                case ("join", .memberJoined(let joined)):
                    #expect(joined.member.user == event.stateKey, "\(source)")
                case ("join", _): Issue.record("\(source): a join is a member joining, got \(inbound)")
                case (_, .memberJoined): Issue.record("\(source): only a join is a member joining")
                default: break
                }
            default:
                guard case .ignored = inbound else {
                    Issue.record("\(source): \(event.type) is not read, got \(inbound)")
                    continue
                }
            }
        }
    }

    @Test("the specification's example /sync response: its token, the joined rooms' timeline, the invite")
    func specificationSync() throws {
        let batch = try MatrixSyncBatch.parse(Data(matrixSpecSyncResponse.utf8))
        #expect(batch.nextBatch == "s72595_4483_1934")
        #expect(batch.events.contains { $0.type == "m.room.message" && $0.roomID == "!726s6s6q:example.com" })
        #expect(batch.invites.map(\.roomID) == ["!696r7674:example.com"])
        #expect(batch.invites.first?.inviter == "@alice:example.com")
        #expect(batch.invites.first?.isEncrypted == false)
    }

    @Test("in a room the bot joined during the batch, only what came after its join is new")
    func historyBeforeTheJoin() throws {
        func member(_ id: String, _ who: String) -> MatrixEvent {
            MatrixEvent(
                roomID: "!a:example.org", eventID: id, sender: who, type: "m.room.member", stateKey: who,
                content: ["membership": "join"])
        }
        func said(_ id: String, room: String = "!a:example.org") -> MatrixEvent {
            MatrixEvent(
                roomID: room, eventID: id, sender: "@ada:example.org", type: "m.room.message",
                content: ["body": "!cop help"])
        }
        let batch = MatrixSyncBatch(
            nextBatch: "s2",
            events: [
                said("$old"), member("$ada", "@ada:example.org"), member("$bot", bot), said("$new"),
                said("$other", room: "!b:example.org"),
            ], invites: [])
        #expect(batch.newEvents(botUserID: bot).map(\.eventID) == ["$new", "$other"])
    }

    @Test("a sync without next_batch, or that is not JSON, is a precise error")
    func malformedSync() {
        #expect(throws: PlatformParseError.missingField("next_batch")) {
            try MatrixSyncBatch.parse(Data(#"{"rooms": {}}"#.utf8))
        }
        #expect(throws: PlatformParseError.self) { try MatrixSyncBatch.parse(Data("<html>".utf8)) }
    }

    // The spec's thread reply (Client-Server API, "Threading": `rel_type` `m.thread` with the `m.in_reply_to`
    // fallback) and a plain rich reply (`m.in_reply_to` alone, "Rich replies").
    @Test("a thread reply answers the thread's root; a rich reply answers the event it quotes")
    func threadsAndReplies() throws {
        let threaded = try #require(
            try event(
                #"{"event_id": "$t", "sender": "@ada:example.org", "type": "m.room.message", "content": {"body": "This is a thread reply", "msgtype": "m.text", "m.relates_to": {"rel_type": "m.thread", "event_id": "$root", "is_falling_back": true, "m.in_reply_to": {"event_id": "$target"}}}}"#
            ))
        guard case .input(let request) = MatrixEvents.inbound(threaded, botUserID: bot) else {
            Issue.record("a message")
            return
        }
        #expect(request.input.event == .message("This is a thread reply"))
        #expect(request.input.respondsTo == "$root")
        let quoted = try #require(
            try event(
                #"{"event_id": "$q", "sender": "@ada:example.org", "type": "m.room.message", "content": {"body": "> <@bob:example.org> hi\n\nagreed", "msgtype": "m.text", "m.relates_to": {"m.in_reply_to": {"event_id": "$quoted"}}}}"#
            ))
        guard case .input(let plain) = MatrixEvents.inbound(quoted, botUserID: bot) else {
            Issue.record("a message")
            return
        }
        #expect(plain.input.respondsTo == "$quoted")
    }

    @Test("!cop and /cop typed as text are commands; other text is activity; the bot's own events are ignored")
    func commands() throws {
        #expect(MatrixEvents.command(in: "!cop help") == "help")
        #expect(MatrixEvents.command(in: "  /cop poll \"Lunch?\" A B ") == "poll \"Lunch?\" A B")
        #expect(MatrixEvents.command(in: "!COP stats") == "stats")
        #expect(MatrixEvents.command(in: "!cop") == "")
        #expect(MatrixEvents.command(in: "!copper time") == nil)
        #expect(MatrixEvents.command(in: "hello !cop help") == nil)
        let reply = try #require(
            try event(
                #"{"event_id": "$r", "sender": "@ada:example.org", "type": "m.room.message", "content": {"msgtype": "m.text", "body": "> <@bob:example.org> earlier\n\n!cop me", "m.relates_to": {"m.in_reply_to": {"event_id": "$e"}, "rel_type": "m.thread", "event_id": "$root"}}}"#
            ))
        guard case .input(let request) = MatrixEvents.inbound(reply, botUserID: bot) else {
            Issue.record("a command")
            return
        }
        #expect(request.input.event == .command("me"))
        #expect(request.context.threadID == "$root")
        #expect(reply.repliesTo == "$e")
        // In a thread the thread's root is what the message answers (the prompt statistics read it).
        #expect(request.input.respondsTo == "$root")
        let own = try #require(
            try event(
                #"{"event_id": "$o", "sender": "\#(bot)", "type": "m.room.message", "content": {"body": "!cop help"}}"#)
        )
        guard case .ignored = MatrixEvents.inbound(own, botUserID: bot) else {
            Issue.record("the bot's own message is ignored")
            return
        }
    }

    @Test("joins and leaves come from m.room.member with the previous membership; a profile change is neither")
    func memberships() throws {
        func membership(_ now: String, before: String?) throws -> PlatformInbound {
            let previous = before.map { #", "unsigned": {"prev_content": {"membership": "\#($0)"}}"# } ?? ""
            let json =
                #"{"event_id": "$m", "sender": "@ada:example.org", "state_key": "@ada:example.org", "type": "m.room.member", "content": {"membership": "\#(now)", "displayname": "Ada"}\#(previous)}"#
            return MatrixEvents.inbound(try #require(try event(json)), botUserID: bot)
        }
        guard case .memberJoined(let joined) = try membership("join", before: "invite") else {
            Issue.record("a join")
            return
        }
        #expect(joined.displayName == "Ada")
        #expect(joined.member == MemberID(platform: "matrix", user: "@ada:example.org"))
        guard case .memberLeft = try membership("leave", before: "join") else {
            Issue.record("a leave")
            return
        }
        guard case .ignored = try membership("join", before: "join") else {
            Issue.record("a display name change is not a join")
            return
        }
    }

    @Test("an invite's stripped state says who invited, whether it is direct and whether it is encrypted")
    func invites() throws {
        let json = try PlatformJSON.parse(
            Data(
                #"{"next_batch": "s1", "rooms": {"invite": {"!dm:example.org": {"invite_state": {"events": [{"type": "m.room.encryption", "state_key": "", "sender": "@ada:example.org", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}, {"type": "m.room.member", "state_key": "@convener:example.org", "sender": "@ada:example.org", "content": {"membership": "invite", "is_direct": true}}]}}}}}"#
                    .utf8), what: "sync")
        let batch = try MatrixSyncBatch.parse(json.encoded)
        let invite = try #require(batch.invites.first)
        #expect(invite.inviter == "@ada:example.org")
        #expect(invite.isDirect)
        #expect(invite.isEncrypted)
    }
}

@Suite("Matrix rendering")
struct MatrixRenderingTests {
    @Test("a notice with HTML, pills for Matrix members only, and m.mentions naming exactly them")
    func mentions() {
        let ada = MemberID(platform: "matrix", user: "@ada:example.org")
        let bob = MemberID(platform: "slack", user: "U024BE7LH")
        let message = OutboundMessage(
            id: "k1", audience: .channel,
            text: "Kudos to \(MessageMention.placeholder(ada, name: "Ada")) from "
                + "\(MessageMention.placeholder(bob, name: "bob")): <great> `code`")
        let content = MatrixRenderer.content(message)
        #expect(content["msgtype"] == "m.notice")
        #expect(content["body"]?.stringValue == "Kudos to @Ada from @bob: <great> `code`")
        #expect(
            content["formatted_body"]?.stringValue
                == "Kudos to <a href=\"https://matrix.to/#/@ada:example.org\">Ada</a> from @bob: &lt;great&gt; "
                + "<code>code</code>")
        #expect(content["m.mentions"] == ["user_ids": ["@ada:example.org"]])
        #expect(content["m.relates_to"] == nil)
    }

    @Test("a reply in a thread stays in the thread; an edit replaces the event with m.new_content")
    func threadsAndEdits() {
        let message = OutboundMessage(id: "m1", audience: .channel, text: "Results")
        let threaded = MatrixRenderer.content(message, threadRoot: "$root")
        #expect(threaded["m.relates_to"]?["rel_type"] == "m.thread")
        #expect(threaded["m.relates_to"]?["event_id"] == "$root")
        let edit = MatrixRenderer.edit(message, replacing: "$old")
        #expect(edit["m.relates_to"] == ["rel_type": "m.replace", "event_id": "$old"])
        #expect(edit["m.new_content"]?["body"] == "Results")
        #expect(edit["body"] == "* Results")
    }

    @Test("buttons become a numbered list answered privately with the message's choice code")
    func choices() throws {
        let message = OutboundMessage(
            id: "poll.P1", audience: .channel, text: "Lunch?",
            actions: [MessageAction(id: "vote.1", label: "Pizza"), MessageAction(id: "vote.2", label: "Salad")])
        let code = MatrixRenderer.choiceCode(for: message.id)
        #expect(code.count == 5)
        #expect(code == MatrixRenderer.choiceCode(for: "poll.P1"))
        #expect(code != MatrixRenderer.choiceCode(for: "poll.P2"))
        let body = try #require(MatrixRenderer.content(message)["body"]?.stringValue)
        #expect(body.contains("send \(code) and a number in your private room"))
        #expect(body.contains("1. Pizza\n2. Salad"))
        let choice = try #require(MatrixRenderer.choice(in: " \(code.uppercased()) 2 "))
        #expect(choice.code == code && choice.number == 2)
        #expect(MatrixRenderer.choice(in: "hello there") == nil)
        #expect(MatrixRenderer.choice(in: "\(code) 0") == nil)
    }
}

@Suite("Matrix settings")
struct MatrixSettingsTests {
    @Test("rooms are bound by id (with or without a server, as room version 12 makes them) or alias")
    func roomIDs() {
        #expect(MatrixSettings.isRoomIDOrAlias("!abcDEF123:example.org"))
        #expect(MatrixSettings.isRoomIDOrAlias("!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM"))
        #expect(MatrixSettings.isRoomIDOrAlias("#community:example.org"))
        #expect(!MatrixSettings.isRoomIDOrAlias("#community"))
        #expect(!MatrixSettings.isRoomIDOrAlias("community"))
        #expect(!MatrixSettings.isRoomIDOrAlias("!has space:example.org"))
        #expect(MatrixSettings.isUserID("@convener:example.org"))
        #expect(!MatrixSettings.isUserID("convener"))
        #expect(MatrixSettings.declaration.bindings.channel == "matrix_room")
        #expect(MatrixSettings.declaration.bindings.channels == "matrix_rooms")
    }
}
