import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

private let bot = "28:00000000-0000-0000-0000-000000000001"
private let now = Date(timeIntervalSince1970: 1_765_000_000)

private func activity(_ fields: [String: PlatformJSON]) -> Data {
    var base: [String: PlatformJSON] = [
        "id": "1481567603816", "serviceUrl": "https://smba.trafficmanager.net/amer/", "channelId": "msteams",
        "from": [
            "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw",
            "name": "Megan Bowen", "aadObjectId": "6c2f6a3c-1d3a-4b5e-9a47-7e2f0b2a3c4d",
        ],
        "recipient": ["id": .string(bot), "name": "Convener"],
        "conversation": [
            "conversationType": "personal", "id": "a:1Bd6kBL3T1OVjF",
            "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
        ],
    ]
    base.merge(fields) { _, new in new }
    return PlatformJSON.object(base).encoded
}

private func request(_ inbound: PlatformInbound) -> PlatformRequest? {
    if case .input(let request) = inbound { return request }
    return nil
}

@Suite("Teams activities")
struct TeamsActivityTests {
    @Test("a channel message that @mentions the bot is a command once the mention is removed")
    func channelMention() throws {
        let body = activity([
            "type": "message", "text": "<at>Convener</at> cop poll \"Lunch?\" Pizza Sushi",
            "entities": [
                [
                    "type": "mention", "text": "<at>Convener</at>",
                    "mentioned": ["id": .string(bot), "name": "Convener"],
                ]
            ],
            "conversation": [
                "conversationType": "channel", "isGroup": true,
                "id": "19:abc@thread.tacv2;messageid=1481567603816",
            ],
            "channelData": [
                "channel": ["id": "19:abc@thread.tacv2"], "team": ["id": "19:team@thread.tacv2"],
                "tenant": ["id": "72f988bf-86f1-41af-91ab-2d7cd011db47"],
            ],
        ])
        let parsed = try #require(request(try TeamsActivityParser.parse(body, now: now)))
        #expect(parsed.input.event == .command("poll \"Lunch?\" Pizza Sushi"))
        #expect(parsed.input.member == MemberID(platform: "teams", user: parsed.input.member.user))
        #expect(parsed.context.channelID == "19:abc@thread.tacv2")
        #expect(parsed.context.teamID == "19:team@thread.tacv2")
        #expect(parsed.context.isDirect == false)
        #expect(parsed.context.address["conversation"] == "19:abc@thread.tacv2;messageid=1481567603816")
        #expect(parsed.context.address["tenant"] == "72f988bf-86f1-41af-91ab-2d7cd011db47")
    }

    @Test(
        "cop and /cop in a 1:1 chat are commands; other text is a message",
        arguments: [
            ("cop poll A B", InputEvent.command("poll A B")), ("/cop help", .command("help")), ("COP", .command("")),
            ("copper is shiny", .message("copper is shiny")), ("hello&nbsp;there", .message("hello there")),
        ])
    func personal(text: String, expected: InputEvent) throws {
        let parsed = try #require(
            request(try TeamsActivityParser.parse(activity(["type": "message", "text": .string(text)]), now: now)))
        #expect(parsed.input.event == expected)
        #expect(parsed.context.isDirect == true)
    }

    @Test("membersAdded is a join, the bot's own addition is only acknowledged, membersRemoved is a departure")
    func conversationUpdate() throws {
        let joined = try #require(
            request(
                try TeamsActivityParser.parse(
                    activity(["type": "conversationUpdate", "membersAdded": [["id": "29:new"]]]), now: now)))
        #expect(joined.input.event == .joined)
        #expect(joined.input.member.user == "29:new")
        let installed = try TeamsActivityParser.parse(
            activity(["type": "conversationUpdate", "membersAdded": [["id": .string(bot)]]]), now: now)
        #expect(request(installed) == nil)
        let left = try #require(
            request(
                try TeamsActivityParser.parse(
                    activity(["type": "conversationUpdate", "membersRemoved": [["id": "29:gone"]]]), now: now)))
        #expect(left.input.event == .left)
    }

    @Test("an Action.Execute invoke is a click or a form; Action.Submit too")
    func cardActions() throws {
        let packed = PlatformActionReference(messageID: "m1", actionID: "vote.0").packed
        let click = try #require(
            request(
                try TeamsActivityParser.parse(
                    activity([
                        "type": "invoke", "name": "adaptiveCard/action", "replyToId": "1650000000000",
                        "value": [
                            "action": [
                                "type": "Action.Execute", "verb": "convener.click",
                                "data": ["convener": .string(packed)],
                            ]
                        ],
                    ]), now: now)))
        #expect(click.input.event == .action(messageID: "m1", actionID: "vote.0"))
        #expect(click.context.address["invoke"] == "1")
        let form = try #require(
            request(
                try TeamsActivityParser.parse(
                    activity([
                        "type": "message", "value": ["convenerForm": "survey.S1", "q1": "3", "q2": "a,b"],
                    ]), now: now)))
        #expect(form.input.event == .form(formID: "survey.S1", values: ["q1": .text("3"), "q2": .text("a,b")]))
        let foreign = try TeamsActivityParser.parse(
            activity([
                "type": "invoke", "name": "adaptiveCard/action",
                "value": ["action": ["type": "Action.Execute", "data": ["other": "x"]]],
            ]), now: now)
        guard case .reply(let reply) = foreign else { Issue.record("a foreign card was not refused"); return }
        #expect(String(decoding: reply.body, as: UTF8.self).contains("\"statusCode\":400"))
    }

    @Test("a reaction counts as activity")
    func reaction() throws {
        let parsed = try #require(
            request(
                try TeamsActivityParser.parse(
                    activity(["type": "messageReaction", "reactionsAdded": [["type": "like"]], "replyToId": "1"]),
                    now: now)))
        #expect(parsed.input.event == .reaction(emoji: "like"))
        #expect(parsed.input.respondsTo == "1")
    }

    // A reply in a channel thread: the conversation id ends in `;messageid=` and the thread's root activity id
    // (Bot Framework docs, "Channel and group chat conversations": replies to a thread), the root itself carries
    // its own id there.
    @Test("a channel reply answers its thread's root; the root and a personal chat message answer nothing")
    func threadReply() throws {
        func channelMessage(id: String) -> Data {
            activity([
                "type": "message", "id": .string(id), "text": "Our team retro board",
                "conversation": [
                    "conversationType": "channel", "isGroup": true,
                    "id": "19:abc@thread.tacv2;messageid=1481567603816",
                ],
                "channelData": [
                    "channel": ["id": "19:abc@thread.tacv2"], "team": ["id": "19:team@thread.tacv2"],
                    "tenant": ["id": "72f988bf-86f1-41af-91ab-2d7cd011db47"],
                ],
            ])
        }
        let reply = try #require(request(try TeamsActivityParser.parse(channelMessage(id: "1481567700000"), now: now)))
        #expect(reply.input.event == .message("Our team retro board"))
        #expect(reply.input.respondsTo == "1481567603816")
        let root = try #require(request(try TeamsActivityParser.parse(channelMessage(id: "1481567603816"), now: now)))
        #expect(root.input.respondsTo == nil)
        let personal = try #require(
            request(try TeamsActivityParser.parse(activity(["type": "message", "text": "hello"]), now: now)))
        #expect(personal.input.respondsTo == nil)
    }

    @Test("typing and unknown invokes are ignored")
    func ignored() throws {
        #expect(request(try TeamsActivityParser.parse(activity(["type": "typing"]), now: now)) == nil)
        #expect(
            request(try TeamsActivityParser.parse(activity(["type": "invoke", "name": "task/fetch"]), now: now)) == nil)
    }
}

@Suite("Teams Adaptive Cards")
struct TeamsCardTests {
    @Test("a poll with 60 long options fits in 28 KB and shows 50 buttons")
    func bigPoll() throws {
        let options = (0..<60).map {
            MessageAction(id: "vote.\($0)", label: String(repeating: "Option \($0) ", count: 20))
        }
        let message = OutboundMessage(
            id: "poll.P1.m", audience: .channel, text: String(repeating: "A long question. ", count: 3000),
            actions: options)
        let activity = try TeamsCardRenderer.activity(message)
        #expect(activity.encoded.count <= TeamsCardRenderer.maxCardBytes + 200)
        let text = activity.encodedString
        #expect(text.contains("\"Action.Execute\""))
        #expect(text.contains("\"version\":\"1.5\""))
        #expect(text.components(separatedBy: "\"Action.Execute\"").count - 1 == TeamsCardRenderer.maxButtons)
        #expect(text.contains("10 more buttons not shown"))
    }

    @Test("a form card has inputs, errors under refused fields, and an Action.Execute submit")
    func formCard() throws {
        let form = MessageForm(
            id: "survey.S1", title: "Pulse",
            fields: [
                FormField(id: "q1", label: "How was it?", kind: .scale, required: true),
                FormField(
                    id: "q2", label: "Topics", kind: .multi,
                    options: [MessageAction(id: "a", label: "A"), MessageAction(id: "b", label: "B")]),
                FormField(id: "q3", label: "Anything else?", kind: .textarea),
            ])
        let card = try TeamsCardRenderer.formCard(form, errors: ["q1": "Pick a number from 1 to 5."]).encodedString
        #expect(card.contains("\"Input.ChoiceSet\""))
        #expect(card.contains("\"isMultiSelect\":true"))
        #expect(card.contains("\"Input.Text\""))
        #expect(card.contains("Pick a number from 1 to 5."))
        #expect(card.contains("\"convenerForm\":\"survey.S1\""))
        let answers = TeamsFormAnswers.resolve(["q1": .text("4"), "q2": .text("a,b"), "q3": .text("")], against: form)
        #expect(answers == ["q1": .choices(["4"]), "q2": .choices(["a", "b"])])
    }

    @Test("a big survey that does not fit is refused with a clear error")
    func bigSurvey() throws {
        let fields = (0..<40).map {
            FormField(
                id: "q\($0)", label: String(repeating: "Question \($0) ", count: 60), kind: .single,
                options: (0..<6).map { MessageAction(id: "o\($0)", label: String(repeating: "choice ", count: 28)) })
        }
        #expect(throws: PlatformRenderError.self) {
            try TeamsCardRenderer.formCard(MessageForm(id: "survey.Big", title: "Big", fields: fields))
        }
        let small = Array(fields.prefix(5))
        #expect(
            try TeamsCardRenderer.formCard(MessageForm(id: "survey.S", title: "S", fields: small)).encoded.count
                <= TeamsCardRenderer.maxCardBytes)
    }

    @Test("a Teams member is mentioned with <at> and a mention entity")
    func mention() throws {
        let message = OutboundMessage(
            id: "m", audience: .channel,
            text: "Welcome \(MessageMention.placeholder(MemberID(platform: "teams", user: "29:x"), name: "Megan"))!")
        let text = try TeamsCardRenderer.activity(message).encodedString
        #expect(text.contains("<at>Megan</at>"))
        #expect(text.contains("\"mentioned\":{\"id\":\"29:x\",\"name\":\"Megan\"}"))
    }
}
