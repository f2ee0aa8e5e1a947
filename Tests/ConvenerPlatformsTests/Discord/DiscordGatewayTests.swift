import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

private let bot = "1170000000000000000"
private let guild = "41771983423143937"

private func json(_ text: String) throws -> PlatformJSON {
    try PlatformJSON.parse(Data(text.utf8), what: "test")
}

private func inputRequest(_ inbound: PlatformInbound) -> PlatformRequest? {
    if case .input(let request) = inbound { return request }
    return nil
}

@Suite("Discord Gateway protocol")
struct DiscordGatewayProtocolTests {
    @Test("Identify carries the token and GUILDS | GUILD_MESSAGES | GUILD_MESSAGE_REACTIONS, nothing privileged")
    func identify() throws {
        let sent = try json(DiscordGateway.identify(token: "my_token"))
        #expect(sent["op"] == .int(2))
        #expect(sent["d"]?["token"] == .string("my_token"))
        #expect(sent["d"]?["intents"] == .int(1537))
        #expect(DiscordGateway.intents & (1 << 15) == 0, "MESSAGE_CONTENT is privileged and not needed")
        #expect(DiscordGateway.intents & (1 << 1) == 0 && DiscordGateway.intents & (1 << 8) == 0)
        #expect(sent["d"]?["properties"]?["os"] == .string("linux"))
    }

    @Test("Resume names the session and the last sequence; a heartbeat the last sequence or null")
    func resumeAndHeartbeat() throws {
        let resume = try json(DiscordGateway.resume(token: "t", session: "evenmorerandomstring", sequence: 1337))
        #expect(resume == ["op": 6, "d": ["token": "t", "session_id": "evenmorerandomstring", "seq": 1337]])
        #expect(try json(DiscordGateway.heartbeat(sequence: 251)) == ["op": 1, "d": 251])
        #expect(try json(DiscordGateway.heartbeat(sequence: nil)) == ["op": 1, "d": .null])
    }

    @Test(
        "the URL carries version 10 and JSON encoding",
        arguments: [
            ("wss://gateway.discord.gg/", "wss://gateway.discord.gg/?v=10&encoding=json"),
            ("wss://gateway-us-east1-b.discord.gg", "wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json"),
            ("ws://127.0.0.1:9/gw?v=9", "ws://127.0.0.1:9/gw/?v=10&encoding=json"),
        ])
    func url(base: String, expected: String) {
        #expect(DiscordGateway.connectURL(base) == expected)
    }

    @Test("the first heartbeat waits the interval times the jitter")
    func jitter() {
        #expect(DiscordGateway.firstHeartbeat(interval: .milliseconds(45_000), jitter: 0.25) == .milliseconds(11_250))
        #expect(DiscordGateway.firstHeartbeat(interval: .seconds(40), jitter: 0) == .zero)
        #expect(DiscordGateway.firstHeartbeat(interval: .seconds(40), jitter: 7) == .seconds(40))
    }

    @Test("frames: Hello's interval, Invalid Session's resumability, Reconnect, a dispatch's sequence and name")
    func frames() throws {
        let hello = try DiscordGatewayFrame(text: #"{"op":10,"d":{"heartbeat_interval":45000}}"#)
        #expect(hello.known == .hello)
        #expect(try hello.heartbeatInterval() == .milliseconds(45_000))
        #expect(try DiscordGatewayFrame(text: #"{"op":9,"d":true}"#).isResumable)
        #expect(!(try DiscordGatewayFrame(text: #"{"op":9,"d":false}"#).isResumable))
        #expect(try DiscordGatewayFrame(text: #"{"op":7,"d":null}"#).known == .reconnect)
        let dispatch = try DiscordGatewayFrame(text: #"{"op":0,"d":{},"s":42,"t":"GATEWAY_EVENT_NAME"}"#)
        #expect(dispatch.known == .dispatch && dispatch.sequence == 42 && dispatch.type == "GATEWAY_EVENT_NAME")
        #expect(throws: PlatformParseError.self) { try DiscordGatewayFrame(text: "not json") }
        #expect(throws: PlatformParseError.self) {
            try DiscordGatewayFrame(text: #"{"op":10,"d":{"heartbeat_interval":0}}"#).heartbeatInterval()
        }
    }

    @Test(
        "close codes: fatal ones stop with what to do, session ones identify, the rest resume",
        arguments: [
            (4000, "resume"), (4001, "resume"), (4002, "resume"), (4005, "resume"), (4008, "resume"), (1006, "resume"),
            (1000, "resume"), (4003, "identify"), (4007, "identify"), (4009, "identify"), (4004, "stop"),
            (4010, "stop"), (4011, "stop"), (4012, "stop"), (4013, "stop"), (4014, "stop"),
        ])
    func closeCodes(code: Int, expected: String) {
        switch DiscordGateway.closeAction(code) {
        case .resume: #expect(expected == "resume")
        case .identify: #expect(expected == "identify")
        case .stop(let reason):
            #expect(expected == "stop")
            #expect(reason.contains("\(code)"))
        }
        #expect(DiscordGateway.closeAction(nil) == .resume)
    }

    @Test("a refused token and refused intents tell the operator what to do")
    func fatalReasons() {
        guard case .stop(let token) = DiscordGateway.closeAction(4004),
            case .stop(let intents) = DiscordGateway.closeAction(4014)
        else {
            Issue.record("4004 and 4014 stop")
            return
        }
        #expect(token.contains("DISCORD_BOT_TOKEN") && token.contains("Developer Portal"))
        #expect(intents.contains("none of them privileged"))
    }

    @Test("READY gives the session, the resume URL and the bot's id")
    func ready() throws {
        let ready = try DiscordReady(
            json(
                #"{"v":10,"user":{"id":"\#(bot)","username":"convener","bot":true},"guilds":[],"#
                    + #""session_id":"abc","resume_gateway_url":"wss://resume.example","application":{"id":"1"}}"#))
        #expect(ready.sessionID == "abc" && ready.resumeURL == "wss://resume.example" && ready.botUserID == bot)
        #expect(throws: PlatformParseError.self) { try DiscordReady(json(#"{"session_id":"abc"}"#)) }
    }
}

@Suite("Discord Gateway events")
struct DiscordGatewayEventTests {
    private let channel = "290926798999357250"
    private let thread = "334385199974967042"

    private func channels() throws -> DiscordChannelMap {
        var map = DiscordChannelMap()
        map.learn(
            type: "GUILD_CREATE",
            data: try json(
                #"{"id":"\#(guild)","channels":[{"id":"\#(channel)","type":0,"guild_id":"\#(guild)"}],"threads":[]}"#))
        map.learn(
            type: "THREAD_CREATE",
            data: try json(#"{"id":"\#(thread)","type":11,"parent_id":"\#(channel)","newly_created":true}"#))
        return map
    }

    private func message(
        id: String = "900", channelID: String? = nil, author: String = "53908099506183680", extra: String = ""
    ) throws -> PlatformJSON {
        try json(
            #"{"id":"\#(id)","channel_id":"\#(channelID ?? channel)","guild_id":"\#(guild)","type":0,"content":"","#
                + #""author":{"id":"\#(author)","username":"mason","global_name":"Mason"},"member":{"nick":"M"}\#(extra)}"#
        )
    }

    private func parse(_ type: String, _ data: PlatformJSON, sequence: Int = 5) throws -> PlatformInbound {
        try DiscordGatewayEvents.inbound(
            type: type, data: data, sequence: sequence, botUserID: bot, channels: try channels())
    }

    @Test("a member's message in a channel is activity there, answering nothing")
    func plainMessage() throws {
        let request = try #require(inputRequest(try parse("MESSAGE_CREATE", message())))
        #expect(request.input.id == "discord.msg.900")
        #expect(request.input.member == MemberID(platform: "discord", user: "53908099506183680"))
        #expect(request.input.displayName == "M")
        #expect(request.input.event == .message(""))
        #expect(request.input.respondsTo == nil)
        #expect(request.context.channelID == channel && request.context.teamID == guild)
        #expect(request.context.platformMessageID == "900")
    }

    @Test("a reply (type 19) answers the message its reference names")
    func reply() throws {
        var data = try message(extra: #","message_reference":{"type":0,"message_id":"777","channel_id":"\#(channel)"}"#)
        guard case .object(var fields) = data else { return }
        fields["type"] = 19
        data = .object(fields)
        let request = try #require(inputRequest(try parse("MESSAGE_CREATE", data)))
        #expect(request.input.respondsTo == "777")
        #expect(request.context.channelID == channel)
        // A forward (type 0 with a FORWARD reference) answers nothing.
        let forward = try message(extra: #","message_reference":{"type":1,"message_id":"777","channel_id":"1"}"#)
        #expect(try #require(inputRequest(try parse("MESSAGE_CREATE", forward))).input.respondsTo == nil)
    }

    @Test("a message in a thread started from a message answers that message and belongs to the parent channel")
    func threadMessage() throws {
        let request = try #require(inputRequest(try parse("MESSAGE_CREATE", try message(channelID: thread))))
        #expect(request.input.respondsTo == thread)
        #expect(request.context.channelID == channel)
        #expect(request.context.threadID == thread)
    }

    @Test(
        "webhooks' messages and system messages (joins, thread notices, thread starters) are not members' activity",
        arguments: [("webhook_id", PlatformJSON.string("5")), ("type", 7), ("type", 18), ("type", 21)])
    func ignoredMessages(key: String, value: PlatformJSON) throws {
        guard case .object(var fields) = try message() else { return }
        fields[key] = value
        guard case .ignored = try parse("MESSAGE_CREATE", .object(fields)) else {
            Issue.record("\(key) \(value) is ignored")
            return
        }
    }

    @Test("a bot's or the bot's own message, and a direct message, are ignored")
    func ignoredAuthors() throws {
        guard case .ignored = try parse("MESSAGE_CREATE", try message(author: bot)) else {
            Issue.record("the bot's own message")
            return
        }
        guard case .object(var fields) = try message() else { return }
        fields["author"] = ["id": "1", "username": "other-bot", "bot": true]
        guard case .ignored = try parse("MESSAGE_CREATE", .object(fields)) else {
            Issue.record("another bot's message")
            return
        }
        guard case .object(var direct) = try message() else { return }
        direct["guild_id"] = nil
        guard case .ignored = try parse("MESSAGE_CREATE", .object(direct)) else {
            Issue.record("a direct message")
            return
        }
    }

    @Test("a reaction is activity on the message it names; the bot's own is ignored; in a thread it is the parent's")
    func reactions() throws {
        let data = try json(
            #"{"user_id":"96008815106887111","channel_id":"\#(thread)","message_id":"555","guild_id":"\#(guild)","#
                + #""emoji":{"id":null,"name":"🔥"},"message_author_id":"\#(bot)","burst":false,"type":0}"#)
        guard case .reaction(let reaction) = try parse("MESSAGE_REACTION_ADD", data, sequence: 9) else {
            Issue.record("a reaction")
            return
        }
        #expect(reaction.member == MemberID(platform: "discord", user: "96008815106887111"))
        #expect(reaction.emoji == "🔥" && reaction.messageID == "555" && reaction.channelID == channel)
        #expect(reaction.eventID == "react.555.96008815106887111.🔥.9")
        let own = try json(
            #"{"user_id":"\#(bot)","channel_id":"\#(channel)","message_id":"555","guild_id":"\#(guild)","#
                + #""emoji":{"id":null,"name":"👍"}}"#)
        guard case .ignored = try parse("MESSAGE_REACTION_ADD", own) else {
            Issue.record("the bot's own reaction")
            return
        }
    }

    @Test("a message in a thread the bot has not seen is looked up first; a plain or known channel is not")
    func lookUps() throws {
        let map = try channels()
        let unknownThread = try message(channelID: "999", extra: #","channel_type":11"#)
        #expect(
            DiscordGatewayEvents.unknownChannel(type: "MESSAGE_CREATE", data: unknownThread, channels: map) == "999")
        let unknownPlain = try message(channelID: "998", extra: #","channel_type":0"#)
        #expect(DiscordGatewayEvents.unknownChannel(type: "MESSAGE_CREATE", data: unknownPlain, channels: map) == nil)
        #expect(DiscordGatewayEvents.unknownChannel(type: "MESSAGE_CREATE", data: try message(), channels: map) == nil)
        #expect(DiscordGatewayEvents.unknownChannel(type: "READY", data: unknownThread, channels: map) == nil)
        var learned = map
        learned.learn(channel: try json(#"{"id":"999","type":12,"parent_id":"\#(channel)"}"#))
        #expect(learned.place(of: "999") == .thread(parent: channel))
        learned.learn(type: "THREAD_DELETE", data: try json(#"{"id":"999","type":12,"parent_id":"\#(channel)"}"#))
        #expect(learned.place(of: "999") == .unknown)
    }
}

@Suite("Discord Gateway corpus (Discord's documentation)")
struct DiscordGatewayCorpusTests {
    @Test("every payload has its provenance and is read as it says")
    func corpus() throws {
        let documents = Dictionary(
            uniqueKeysWithValues: try ProvenancedCorpus.documents(in: "discord_corpus", atLeast: 12).map {
                ($0.file, $0.document)
            })
        var map = DiscordChannelMap()
        for file in ["guild-create.json", "thread-create.json"] {
            let frame = try frame(documents, file)
            map.learn(type: try #require(frame.type), data: frame.data)
        }
        #expect(map.place(of: "41771983423143939") == .channel)
        #expect(map.place(of: "41771983423143938") == .thread(parent: "41771983423143939"))
        #expect(try frame(documents, "hello.json").heartbeatInterval() == .milliseconds(45_000))
        #expect(try frame(documents, "reconnect.json").known == .reconnect)
        #expect(!(try frame(documents, "invalid-session.json").isResumable))
        #expect(try frame(documents, "heartbeat-ack.json").known == .heartbeatAck)
        for file in ["message-create.json", "message-reply.json", "message-from-bot.json", "reaction-add.json"] {
            let frame = try frame(documents, file)
            let inbound = try DiscordGatewayEvents.inbound(
                type: try #require(frame.type), data: frame.data, sequence: frame.sequence, botUserID: bot,
                channels: map)
            let reads = try #require(documents[file]?["convener_reads"]?.stringValue)
            switch inbound {
            case .input(let request):
                let answers = request.input.respondsTo.map { " to \($0)" } ?? ""
                let kind = answers.isEmpty ? "message" : "reply"
                #expect(
                    reads
                        == "\(kind) from \(request.input.member.user)\(answers.isEmpty ? " in \(request.context.channelID ?? "")" : answers)",
                    "\(file)")
            case .reaction(let reaction):
                #expect(reads == "reaction \(reaction.emoji) by \(reaction.member.user) on \(reaction.messageID ?? "")")
            case .ignored:
                #expect(reads == "ignored", "\(file)")
            default:
                Issue.record("\(file): \(inbound)")
            }
        }
        // What Convener sends has the shape of the documentation's examples.
        for (file, sent) in [
            ("identify.json", DiscordGateway.identify(token: "my_token")),
            (
                "resume.json",
                DiscordGateway.resume(token: "randomstring", session: "evenmorerandomstring", sequence: 1337)
            ),
            ("heartbeat.json", DiscordGateway.heartbeat(sequence: 251)),
        ] {
            let example = try #require(documents[file]?["payload"])
            let ours = try json(sent)
            #expect(ours["op"] == example["op"], "\(file)")
            if case .object(let fields) = example["d"], case .object(let mine) = ours["d"] {
                #expect(Set(fields.keys) == Set(mine.keys), "\(file)")
            } else {
                #expect(ours["d"] == example["d"], "\(file)")
            }
        }
    }

    private func frame(_ documents: [String: PlatformJSON], _ file: String) throws -> DiscordGatewayFrame {
        let payload = try #require(documents[file]?["payload"], "\(file)")
        return try DiscordGatewayFrame(text: payload.encodedString)
    }
}
