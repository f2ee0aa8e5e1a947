import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

private let slackParseNow = Date(timeIntervalSince1970: 1_763_900_000)

/// Percent-encodes a JSON payload into a Slack interaction body (`payload=…`).
private func slackInteractionBody(_ json: String) -> Data {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return Data(("payload=" + (json.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")).utf8)
}

private func slackRequest(_ inbound: PlatformInbound) -> PlatformRequest? {
    if case .input(let request) = inbound { return request }
    return nil
}

@Suite("Slack parsing")
struct SlackParserTests {
    @Test("a slash command becomes a command input with its reply context")
    func slashCommand() throws {
        let body =
            "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001"
            + "&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve"
            + "&command=%2Fcop&text=poll+%22Lunch%3F%22+%22Pizza%22+%E2%80%9CSushi%E2%80%9D"
            + "&api_app_id=A123456&is_enterprise_install=false"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678"
            + "&trigger_id=13345224609.738474920.8088930838d88f008e0"
        let request = try #require(
            slackRequest(try SlackParser.parseCommand(body: Data(body.utf8), now: slackParseNow)))
        #expect(request.input.member == MemberID(rawValue: "slack:U2147483697"))
        #expect(request.input.displayName == "Steve")
        #expect(request.input.event == .command("poll \"Lunch?\" \"Pizza\" “Sushi”"))
        #expect(request.input.id == "slack.cmd.13345224609.738474920.8088930838d88f008e0")
        #expect(request.context.channelID == "C2147483705")
        #expect(request.context.teamID == "T0001")
        #expect(request.context.responseURL == "https://hooks.slack.com/commands/1234/5678")
        #expect(request.context.triggerID == "13345224609.738474920.8088930838d88f008e0")
    }

    @Test("an empty command text is an empty command (help)")
    func emptyCommand() throws {
        let body = "command=%2Fcop&text=&user_id=U1&user_name=ann&trigger_id=9.9.9"
        let request = try #require(
            slackRequest(try SlackParser.parseCommand(body: Data(body.utf8), now: slackParseNow)))
        #expect(request.input.event == .command(""))
    }

    @Test("ssl_check is answered with an empty reply")
    func sslCheck() throws {
        let inbound = try SlackParser.parseCommand(body: Data("ssl_check=1&token=abc".utf8), now: slackParseNow)
        #expect(inbound == .reply(.empty))
    }

    @Test("a command without user_id names the missing field")
    func missingUser() {
        #expect(throws: PlatformParseError.missingField("user_id")) {
            try SlackParser.parseCommand(body: Data("command=%2Fcop&text=help".utf8), now: slackParseNow)
        }
        #expect(throws: PlatformParseError.missingField("command")) {
            try SlackParser.parseCommand(body: Data("user_id=U1&text=help".utf8), now: slackParseNow)
        }
    }

    @Test("commands without a trigger id get distinct ids at distinct times")
    func derivedIDs() throws {
        let body = Data("command=%2Fcop&text=help&user_id=U1".utf8)
        let first = try #require(slackRequest(try SlackParser.parseCommand(body: body, now: slackParseNow)))
        let second = try #require(
            slackRequest(try SlackParser.parseCommand(body: body, now: slackParseNow.addingTimeInterval(1))))
        #expect(first.input.id.hasPrefix("slack.cmd.h"))
        #expect(first.input.id != second.input.id)
    }

    @Test("form bodies: + is a space, %-escapes decode, bad escapes are typed errors")
    func formDecoding() throws {
        let fields = try PlatformFormFields(decoding: Data("a=1+2&b=%E2%9C%93&c&=x&d=%2B".utf8))
        #expect(fields["a"] == "1 2")
        #expect(fields["b"] == "✓")
        #expect(fields["c"] == "")
        #expect(fields[""] == "x")
        #expect(fields["d"] == "+")
        #expect(throws: PlatformParseError.self) { try PlatformFormFields(decoding: Data("a=%zz".utf8)) }
        #expect(throws: PlatformParseError.self) { try PlatformFormFields(decoding: Data("a=%4".utf8)) }
        #expect(throws: PlatformParseError.self) { try PlatformFormFields(decoding: Data("a=%FF%FE".utf8)) }
        #expect(try PlatformFormFields(query: "?x=1").optional("x") == "1")
    }

    @Test("block_actions on a Convener button becomes an action input")
    func blockActions() throws {
        let value = PlatformActionReference(messageID: "in-42.poll", actionID: "vote:2").packed
        let payload = """
            {"type":"block_actions","user":{"id":"U045VRZFT","username":"brautigan","name":"brautigan",\
            "team_id":"T0CAG"},"api_app_id":"A1","token":"9s8d9as89d8as9d8as989","container":{"type":"message",\
            "message_ts":"1548261231.000200","channel_id":"C0CA8","is_ephemeral":false},\
            "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3","team":{"id":"T0CAG",\
            "domain":"acme-creamery"},"channel":{"id":"C0CA8","name":"general"},\
            "response_url":"https://hooks.slack.com/actions/T0CAG/1/abc","actions":[{"type":"button",\
            "action_id":"vote:2","block_id":"b1","text":{"type":"plain_text","text":"Sushi","emoji":true},\
            "value":"\(value)","action_ts":"1548426417.840180"}]}
            """
        let inbound = try SlackParser.parseInteraction(body: slackInteractionBody(payload), now: slackParseNow)
        let request = try #require(slackRequest(inbound))
        #expect(request.input.event == .action(messageID: "in-42.poll", actionID: "vote:2"))
        #expect(request.input.member == MemberID(rawValue: "slack:U045VRZFT"))
        #expect(request.input.displayName == "brautigan")
        #expect(request.input.id == "slack.act.12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3")
        #expect(request.context.platformMessageID == "1548261231.000200")
        #expect(request.context.channelID == "C0CA8")
        #expect(request.context.responseURL == "https://hooks.slack.com/actions/T0CAG/1/abc")
    }

    @Test("a button value that is not ours is refused with the field path")
    func foreignButton() {
        let payload = """
            {"type":"block_actions","user":{"id":"U1"},"actions":[{"type":"button","action_id":"x","value":"hello"}]}
            """
        #expect(
            throws: PlatformParseError.invalidValue(field: "actions[0].value", reason: "is not a Convener button value")
        ) {
            try SlackParser.parseInteraction(body: slackInteractionBody(payload), now: slackParseNow)
        }
    }

    @Test("view_submission becomes a form input with text and choices")
    func viewSubmission() throws {
        let payload = """
            {"type":"view_submission","team":{"id":"T0CAG","domain":"acme"},"user":{"id":"U0CA5",\
            "username":"amy","name":"amy","team_id":"T0CAG"},"api_app_id":"AA4928AQ","token":"x",\
            "trigger_id":"1234.5678.abcd","view":{"id":"VNHU13V36","type":"modal","callback_id":"S2-form",\
            "private_metadata":"","hash":"156663117.cd33ad1f","state":{"values":{\
            "q1":{"value":{"type":"plain_text_input","value":"More pairing, please"}},\
            "q2":{"value":{"type":"radio_buttons","selected_option":{"text":{"type":"plain_text","text":"4"},"value":"4"}}},\
            "q3":{"value":{"type":"checkboxes","selected_options":[{"text":{"type":"plain_text","text":"Swift"},"value":"swift"},\
            {"text":{"type":"plain_text","text":"Go"},"value":"go"}]}},\
            "q4":{"value":{"type":"plain_text_input","value":null}},\
            "q5":{"value":{"type":"static_select","selected_option":null}}}}},"response_urls":[]}
            """
        let inbound = try SlackParser.parseInteraction(body: slackInteractionBody(payload), now: slackParseNow)
        let request = try #require(slackRequest(inbound))
        #expect(request.input.id == "slack.form.1234.5678.abcd")
        #expect(
            request.input.event
                == .form(
                    formID: "S2-form",
                    values: [
                        "q1": .text("More pairing, please"), "q2": .choices(["4"]), "q3": .choices(["swift", "go"]),
                    ]))
    }

    @Test("other interaction types are ignored; a body without payload is an error")
    func otherInteractions() throws {
        let closed = #"{"type":"view_closed","user":{"id":"U1"},"view":{"callback_id":"f"}}"#
        #expect(
            try SlackParser.parseInteraction(body: slackInteractionBody(closed), now: slackParseNow)
                == .ignored(reason: "Slack interaction type 'view_closed' is not used"))
        #expect(throws: PlatformParseError.missingField("payload")) {
            try SlackParser.parseInteraction(body: Data("type=x".utf8), now: slackParseNow)
        }
        #expect(throws: PlatformParseError.self) {
            try SlackParser.parseInteraction(body: Data("payload=%7Bnot+json".utf8), now: slackParseNow)
        }
    }

    @Test("url_verification answers the challenge")
    func urlVerification() throws {
        let body =
            #"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#
        let inbound = try SlackParser.parseEvent(body: Data(body.utf8))
        #expect(
            inbound
                == .reply(
                    PlatformHTTPReply(
                        contentType: "application/json",
                        body: Data(#"{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}"#.utf8))))
    }

    private func envelope(_ event: String, id: String = "Ev0PV52K21") -> Data {
        Data(
            """
            {"token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456","event":\(event),\
            "type":"event_callback","event_id":"\(id)","event_time":1763900000,"authed_users":[]}
            """.utf8)
    }

    @Test("a plain message event becomes a message input keyed by event_id")
    func messageEvent() throws {
        let event =
            #"{"type":"message","channel":"C123ABC456","user":"U123ABC456","text":"Live long and prospect.","ts":"1355517523.000005","event_ts":"1355517523.000005","channel_type":"channel"}"#
        let request = try #require(slackRequest(try SlackParser.parseEvent(body: envelope(event))))
        #expect(request.input.id == "slack.ev.Ev0PV52K21")
        #expect(request.input.event == .message("Live long and prospect."))
        #expect(request.input.member == MemberID(rawValue: "slack:U123ABC456"))
        #expect(request.context.channelID == "C123ABC456")
        #expect(request.context.teamID == "T123ABC456")
        // Slack's retry of the same event maps to the same input id.
        let retry = try #require(slackRequest(try SlackParser.parseEvent(body: envelope(event))))
        #expect(retry.input.id == request.input.id)
    }

    @Test(
        "bot messages and message subtypes are ignored",
        arguments: [
            #"{"type":"message","subtype":"bot_message","bot_id":"B1","text":"hi","ts":"1.2","channel":"C1"}"#,
            #"{"type":"message","user":"U1","bot_id":"B1","text":"hi","ts":"1.2","channel":"C1"}"#,
            #"{"type":"message","subtype":"message_changed","hidden":true,"channel":"C1","ts":"1.2","message":{}}"#,
            #"{"type":"message","subtype":"channel_join","user":"U1","text":"<@U1> has joined","ts":"1.2"}"#,
        ])
    func ignoredMessages(event: String) throws {
        let inbound = try SlackParser.parseEvent(body: envelope(event))
        guard case .ignored = inbound else {
            Issue.record("expected ignored, got \(inbound)")
            return
        }
    }

    @Test("member_joined_channel and team_join become member joins")
    func joins() throws {
        let channelJoin =
            #"{"type":"member_joined_channel","user":"W06GH7XHN","channel":"C0698JE0H","channel_type":"C","team":"T024BE7LD","inviter":"U123456789"}"#
        #expect(
            try SlackParser.parseEvent(body: envelope(channelJoin))
                == .memberJoined(
                    PlatformMemberEvent(
                        eventID: "Ev0PV52K21", member: MemberID(rawValue: "slack:W06GH7XHN"), displayName: "W06GH7XHN",
                        channelID: "C0698JE0H", teamID: "T123ABC456")))
        let teamJoin =
            #"{"type":"team_join","user":{"id":"U0NEW","name":"newbie","real_name":"New Bie","is_bot":false,"profile":{"display_name":"nb","real_name":"New Bie"}}}"#
        #expect(
            try SlackParser.parseEvent(body: envelope(teamJoin, id: "Ev2"))
                == .memberJoined(
                    PlatformMemberEvent(
                        eventID: "Ev2", member: MemberID(rawValue: "slack:U0NEW"), displayName: "nb", channelID: nil,
                        teamID: "T123ABC456")))
        let botJoin = #"{"type":"team_join","user":{"id":"B0","name":"bot","is_bot":true}}"#
        #expect(try SlackParser.parseEvent(body: envelope(botJoin)) == .ignored(reason: "a bot joined the workspace"))
    }

    @Test("member_left_channel becomes a leave input")
    func leave() throws {
        let event = #"{"type":"member_left_channel","user":"W06GH7XHN","channel":"C0698JE0H","channel_type":"C"}"#
        guard case .input(let request) = try SlackParser.parseEvent(body: envelope(event, id: "EvLeft")) else {
            Issue.record("expected an input")
            return
        }
        #expect(request.input.event == .left)
        #expect(request.input.member == MemberID(rawValue: "slack:W06GH7XHN"))
        #expect(request.input.id == "slack.ev.EvLeft")
    }

    @Test("reaction_added becomes a reaction")
    func reaction() throws {
        let event =
            #"{"type":"reaction_added","user":"U123ABC456","reaction":"thumbsup","item_user":"U222222222","item":{"type":"message","channel":"C123ABC456","ts":"1360782400.498405"},"event_ts":"1360782804.083113"}"#
        #expect(
            try SlackParser.parseEvent(body: envelope(event))
                == .reaction(
                    PlatformReaction(
                        eventID: "Ev0PV52K21", member: MemberID(rawValue: "slack:U123ABC456"), emoji: "thumbsup",
                        itemAuthor: MemberID(rawValue: "slack:U222222222"), channelID: "C123ABC456",
                        messageID: "1360782400.498405")))
        // Its target is what the prompt statistics match: the reaction input names the message reacted to.
        let request = try #require(try SlackParser.parseEvent(body: envelope(event)).request(platform: "slack"))
        #expect(request.input.respondsTo == "1360782400.498405")
        // A reaction on a file has no message to name.
        let onFile =
            #"{"type":"reaction_added","user":"U123ABC456","reaction":"thumbsup","item":{"type":"file","file":"F123ABC456"},"event_ts":"1360782804.083113"}"#
        let fileRequest = try #require(try SlackParser.parseEvent(body: envelope(onFile)).request(platform: "slack"))
        #expect(fileRequest.input.respondsTo == nil)
    }

    // A reply in a thread, as the Events API sends it: a plain `message` whose `thread_ts` is the parent's `ts`
    // (docs.slack.dev/reference/events/message, "message_replied" bug note; @slack/types GenericMessageEvent's
    // `thread_ts` and `parent_user_id`).
    @Test("a thread reply names its parent; a thread's parent and a top-level message name none")
    func threadReply() throws {
        let reply =
            #"{"type":"message","channel":"C123ABC456","user":"U123ABC456","text":"Live long and prospect.","ts":"1483037603.017503","thread_ts":"1482960137.003543","parent_user_id":"U222222222","event_ts":"1483037603.017503","channel_type":"channel"}"#
        let request = try #require(try SlackParser.parseEvent(body: envelope(reply)).request(platform: "slack"))
        #expect(request.input.event == .message("Live long and prospect."))
        #expect(request.input.respondsTo == "1482960137.003543")
        #expect(request.context.platformMessageID == "1483037603.017503")
        let parent =
            #"{"type":"message","channel":"C123ABC456","user":"U123ABC456","text":"Hi","ts":"1482960137.003543","thread_ts":"1482960137.003543"}"#
        #expect(try SlackParser.parseEvent(body: envelope(parent)).request(platform: "slack")?.input.respondsTo == nil)
        let topLevel = #"{"type":"message","channel":"C123ABC456","user":"U123ABC456","text":"Hi","ts":"1.2"}"#
        #expect(
            try SlackParser.parseEvent(body: envelope(topLevel)).request(platform: "slack")?.input.respondsTo == nil)
    }

    // docs.slack.dev/reference/events/message/message_replied: the parent's update, hidden, and (the bug note
    // says) sometimes without its subtype.
    @Test("message_replied, with or without its subtype, is ignored")
    func messageReplied() throws {
        let replied =
            #"{"type":"message","message":{"type":"message","user":"U123ABC456","text":"Was there","thread_ts":"1482960137.003543","reply_count":1,"replies":[{"user":"U2222222","ts":"1483037603.017503"}],"ts":"1482960137.003543"},"subtype":"message_replied","hidden":true,"channel":"C123ABC456","event_ts":"1483037604.017506","ts":"1483037604.017506"}"#
        guard case .ignored = try SlackParser.parseEvent(body: envelope(replied)) else {
            Issue.record("message_replied was not ignored")
            return
        }
        let withoutSubtype = replied.replacingOccurrences(of: #""subtype":"message_replied","#, with: "")
        guard case .ignored = try SlackParser.parseEvent(body: envelope(withoutSubtype)) else {
            Issue.record("message_replied without its subtype was not ignored")
            return
        }
    }

    @Test("event errors name the field")
    func eventErrors() {
        #expect(throws: PlatformParseError.missingField("event_id")) {
            try SlackParser.parseEvent(body: Data(#"{"type":"event_callback","event":{"type":"message"}}"#.utf8))
        }
        #expect(throws: PlatformParseError.missingField("event.user")) {
            try SlackParser.parseEvent(body: self.envelope(#"{"type":"message","text":"x"}"#))
        }
        #expect(throws: PlatformParseError.wrongType(field: "event.text", expected: "a string")) {
            try SlackParser.parseEvent(body: self.envelope(#"{"type":"message","user":"U1","text":5}"#))
        }
        #expect(throws: PlatformParseError.self) { try SlackParser.parseEvent(body: Data("[1,2".utf8)) }
        #expect(throws: PlatformParseError.wrongType(field: "(body)", expected: "an object")) {
            try SlackParser.parseEvent(body: Data("[1,2]".utf8))
        }
    }
}
