import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

private let mattermostNow = Date(timeIntervalSince1970: 1_763_900_000)
private let mattermostSecret = "mattermost-server-secret-0123456789"

private func mattermostJSON(_ data: Data) throws -> PlatformJSON {
    try PlatformJSON.parse(data, what: "rendered")
}

private func mattermostRequest(_ inbound: PlatformInbound) -> PlatformRequest? {
    if case .input(let request) = inbound { return request }
    return nil
}

@Suite("Mattermost slash commands")
struct MattermostCommandTests {
    private let verifier = MattermostVerifier(commandTokens: ["xr3j5x3p4pfk7kk6ck7b4e6ghh", "second-token"])
    private let body = Data(
        ("channel_id=fukaqhxm9jy8jc9fb8p1ppxnbw&channel_name=town-square&command=%2Fcop"
            + "&response_url=https%3A%2F%2Fmm.example.com%2Fhooks%2Fcommands%2Fabc&team_domain=eng"
            + "&team_id=y7fsyhmf6pbsbqzc1x5kd8hpyr&text=kudos+%40jane.doe+thanks%21"
            + "&token=xr3j5x3p4pfk7kk6ck7b4e6ghh&trigger_id=OWc0bTY3cHh5&user_id=rd49ehbqyjytddasoownkuqrxe"
            + "&user_name=john.smith").utf8)

    @Test("the token is accepted from the Authorization header or the token field")
    func tokenSources() throws {
        try verifier.verifyCommand(form: body, authorization: "Token xr3j5x3p4pfk7kk6ck7b4e6ghh")
        try verifier.verifyCommand(form: body, authorization: nil)
        try verifier.verifyCommand(form: Data("token=second-token".utf8), authorization: nil)
    }

    @Test("wrong, missing and malformed tokens are refused")
    func tokenErrors() {
        #expect(throws: PlatformVerificationError.tokenMismatch) {
            try verifier.verifyCommand(form: body, authorization: "Token xr3j5x3p4pfk7kk6ck7b4e6ghX")
        }
        #expect(throws: PlatformVerificationError.tokenMismatch) {
            try verifier.verifyCommand(form: Data("token=xr3j5x3p4pfk7kk6ck7b4e6gh".utf8), authorization: nil)
        }
        #expect(throws: PlatformVerificationError.missingToken) {
            try verifier.verifyCommand(form: Data("text=hi".utf8), authorization: nil)
        }
        #expect(
            throws: PlatformVerificationError.malformedHeader(
                name: "Authorization", reason: "must be 'Token <command token>'")
        ) {
            try verifier.verifyCommand(form: body, authorization: "Bearer xr3j5x3p4pfk7kk6ck7b4e6ghh")
        }
        // An unconfigured (empty) token never matches an empty token field.
        #expect(throws: PlatformVerificationError.missingToken) {
            try MattermostVerifier(commandToken: "").verifyCommand(form: Data("token=".utf8), authorization: nil)
        }
    }

    @Test("a slash command (POST body or GET query) becomes a command input")
    func parse() throws {
        let request = try #require(mattermostRequest(try MattermostParser.parseCommand(form: body, now: mattermostNow)))
        #expect(request.input.member == MemberID(rawValue: "mattermost:rd49ehbqyjytddasoownkuqrxe"))
        #expect(request.input.displayName == "john.smith")
        #expect(request.input.event == .command("kudos @jane.doe thanks!"))
        #expect(request.input.id == "mattermost.cmd.OWc0bTY3cHh5")
        #expect(request.context.responseURL == "https://mm.example.com/hooks/commands/abc")
        #expect(request.context.channelID == "fukaqhxm9jy8jc9fb8p1ppxnbw")
        let query = try PlatformFormFields(query: "?user_id=u1&text=help&token=t")
        #expect(query["text"] == "help")
        let get = try #require(
            mattermostRequest(
                try MattermostParser.parseCommand(form: Data("user_id=u1&text=help".utf8), now: mattermostNow)))
        #expect(get.input.event == .command("help"))
        #expect(throws: PlatformParseError.missingField("user_id")) {
            try MattermostParser.parseCommand(form: Data("text=help".utf8), now: mattermostNow)
        }
    }
}

@Suite("Mattermost buttons and dialogs")
struct MattermostActionTests {
    private let signer = MattermostActionSigner(serverSecret: mattermostSecret)
    private let renderer = MattermostRenderer(
        actionURL: "https://convener.example.com/mattermost/actions",
        signer: MattermostActionSigner(serverSecret: mattermostSecret))

    @Test("the context signature matches a value computed independently in Python")
    func knownAnswer() {
        let context = signer.context(
            messageID: "P7-msg", actionID: "vote:1", member: MemberID(rawValue: "mattermost:u1abc"))
        #expect(context["convener"]?["sig"] == "08a7405819b32fd55f7f19ad56f1da4f2aba5d01596878ae6bf3915fb2ff46c8")
    }

    private func clickBody(context: PlatformJSON, user: String = "u1abc") -> Data {
        let payload: PlatformJSON = [
            "user_id": .string(user), "user_name": "ann", "channel_id": "ch1", "channel_name": "town-square",
            "team_id": "team1", "team_domain": "eng", "post_id": "post9", "trigger_id": "trig1", "type": "",
            "data_source": "", "context": context,
        ]
        return payload.encoded
    }

    private func accept(_ body: Data) throws -> PlatformInbound {
        guard case .action(let action) = try MattermostParser.parseCallback(body: body, now: mattermostNow) else {
            throw PlatformParseError.unsupported("not an action")
        }
        return try signer.accept(action)
    }

    @Test("a rendered button's click round-trips to an action input")
    func roundTrip() throws {
        let message = OutboundMessage(
            id: "P7-msg", audience: .ephemeral(MemberID(rawValue: "mattermost:u1abc")), text: "Lunch?",
            actions: [MessageAction(id: "vote:1", label: "Pizza"), MessageAction(id: "vote:2", label: "Sushi")])
        let rendered = try mattermostJSON(renderer.commandResponse(message))
        let actions = try #require(rendered["props"]?["attachments"]?.arrayValue?.first?["actions"]?.arrayValue)
        #expect(actions.compactMap { $0["id"]?.stringValue } == ["cv0vote1", "cv1vote2"])
        let context = try #require(actions[1]["integration"]?["context"])
        let request = try #require(mattermostRequest(try accept(clickBody(context: context))))
        #expect(request.input.event == .action(messageID: "P7-msg", actionID: "vote:2"))
        #expect(request.input.id == "mattermost.act.trig1")
        #expect(request.context.platformMessageID == "post9")
    }

    @Test("altered contexts, missing contexts and other members are refused")
    func forgeries() throws {
        let context = signer.context(
            messageID: "P7-msg", actionID: "vote:1", member: MemberID(rawValue: "mattermost:u1abc"))
        var claims = try #require(context["convener"]?.objectValue)
        claims["action"] = "vote:2"
        #expect(throws: PlatformVerificationError.forgedContext("button context")) {
            try accept(clickBody(context: ["convener": .object(claims)]))
        }
        #expect(throws: PlatformVerificationError.forgedContext("button context")) {
            try accept(clickBody(context: ["action": "vote:1"]))
        }
        #expect(throws: PlatformVerificationError.wrongMember) {
            try accept(clickBody(context: context, user: "someone-else"))
        }
        let otherServer = MattermostActionSigner(serverSecret: "another-secret-abcdefghijkl")
        #expect(throws: PlatformVerificationError.forgedContext("button context")) {
            try accept(clickBody(context: otherServer.context(messageID: "P7-msg", actionID: "vote:1", member: nil)))
        }
        // A channel message's buttons are not bound to a member.
        let open = signer.context(messageID: "P7-msg", actionID: "vote:1", member: nil)
        #expect(mattermostRequest(try accept(clickBody(context: open, user: "anyone"))) != nil)
    }

    @Test("updates of the clicked post render as update; ephemeral replies as ephemeral_text; others nil")
    func actionResponses() throws {
        let closing = OutboundMessage(id: "m2", audience: .channel, text: "Closed", updates: "m1")
        let update = try mattermostJSON(try #require(renderer.actionResponse(closing, clickedMessageID: "m1")))
        #expect(update["update"]?["message"] == "Closed")
        #expect(update["update"]?["props"]?["attachments"] == [])
        #expect(renderer.actionResponse(closing, clickedMessageID: "other") == nil)
        let voted = OutboundMessage(id: "m3", audience: .ephemeral(MemberID(rawValue: "mattermost:u")), text: "Voted")
        let ephemeral = try mattermostJSON(try #require(renderer.actionResponse(voted, clickedMessageID: "m1")))
        #expect(ephemeral == ["ephemeral_text": "Voted"])
        #expect(
            renderer.actionResponse(OutboundMessage(id: "m4", audience: .channel, text: "x"), clickedMessageID: "m1")
                == nil)
    }

    @Test("broadcast mentions are defused and long text is cut")
    func text() throws {
        #expect(MattermostRenderer.text("hi @channel and @ALL!") == "hi @\u{200B}channel and @\u{200B}ALL!")
        #expect(MattermostRenderer.text("thanks @allison and @here.we.go") == "thanks @allison and @here.we.go")
        #expect(MattermostRenderer.text("ping @here.") == "ping @\u{200B}here.")
        let long = MattermostRenderer.text(String(repeating: "a", count: 20_000))
        #expect(long.utf16.count == 16383)
        #expect(long.hasSuffix("…(truncated)"))
        let post = try mattermostJSON(
            renderer.post(OutboundMessage(id: "m", audience: .channel, text: "x"), channelID: "c1"))
        #expect(post == ["channel_id": "c1", "message": "x"])
        let ephemeral = try mattermostJSON(
            renderer.ephemeralPost(
                OutboundMessage(id: "m", audience: .channel, text: "x"), channelID: "c1", userID: "u1"))
        #expect(ephemeral["user_id"] == "u1")
        #expect(
            try mattermostJSON(renderer.patch(OutboundMessage(id: "m", audience: .channel, text: "y")))["message"]
                == "y")
    }

    private let form = MessageForm(
        id: "S2", title: "Community feedback survey",
        fields: [
            FormField(id: "q1", label: "What went well this quarter?", kind: .text, required: true),
            FormField(id: "q2", label: "Anything else?", kind: .textarea),
            FormField(id: "q3", label: "How useful?", kind: .scale),
            FormField(
                id: "q4", label: "Topics", kind: .multi,
                options: [
                    MessageAction(id: "swift", label: "Swift"), MessageAction(id: "go", label: "Go"),
                    MessageAction(id: "rust", label: "Rust"),
                ]),
        ])

    private func dialogBody(state: String, submission: PlatformJSON, user: String = "u1abc", cancelled: Bool = false)
        -> Data
    {
        let payload: PlatformJSON = [
            "type": "dialog_submission", "callback_id": "S2", "state": .string(state), "user_id": .string(user),
            "channel_id": "ch1", "team_id": "team1", "submission": submission, "cancelled": .bool(cancelled),
        ]
        return payload.encoded
    }

    private func acceptDialog(_ body: Data) throws -> PlatformInbound {
        guard case .dialog(let dialog) = try MattermostParser.parseCallback(body: body, now: mattermostNow) else {
            throw PlatformParseError.unsupported("not a dialog")
        }
        return try signer.accept(dialog)
    }

    @Test("a dialog renders elements per field kind and its submission round-trips")
    func dialogRoundTrip() throws {
        let member = MemberID(rawValue: "mattermost:u1abc")
        let open = try mattermostJSON(
            try MattermostDialogRenderer.openDialog(
                form, triggerID: "trig", url: "https://c.example.com/mattermost/actions", member: member, signer: signer
            ))
        let dialog = try #require(open["dialog"])
        #expect(dialog["callback_id"] == "S2")
        #expect(dialog["title"]?.stringValue?.count == 24)
        let elements = try #require(dialog["elements"]?.arrayValue)
        #expect(
            elements.compactMap { $0["type"]?.stringValue } == ["text", "textarea", "radio", "bool", "bool", "bool"])
        #expect(elements.compactMap { $0["name"]?.stringValue } == ["q1", "q2", "q3", "q4#0", "q4#1", "q4#2"])
        #expect(elements[0]["help_text"] == "What went well this quarter?")
        #expect(elements.allSatisfy { ($0["display_name"]?.stringValue?.count ?? 99) <= 24 })
        let state = try #require(dialog["state"]?.stringValue)
        let submission: PlatformJSON = [
            "q1": "Pairing", "q2": "", "q3": "4", "q4#0": true, "q4#1": false, "q4#2": true,
        ]
        let request = try #require(
            mattermostRequest(try acceptDialog(dialogBody(state: state, submission: submission))))
        #expect(
            request.input.event
                == .form(
                    formID: "S2",
                    values: ["q1": .text("Pairing"), "q3": .choices(["4"]), "q4": .choices(["swift", "rust"])]))
        #expect(
            try acceptDialog(dialogBody(state: state, submission: [:], cancelled: true))
                == .ignored(reason: "dialog cancelled"))
        #expect(throws: PlatformVerificationError.wrongMember) {
            try acceptDialog(dialogBody(state: state, submission: submission, user: "other"))
        }
        let forged = state.replacingOccurrences(of: "\"q3\"", with: "\"q1\"")
        #expect(throws: PlatformVerificationError.forgedContext("dialog state")) {
            try acceptDialog(dialogBody(state: forged, submission: submission))
        }
        #expect(throws: PlatformVerificationError.forgedContext("dialog state")) {
            try acceptDialog(dialogBody(state: "", submission: submission))
        }
    }

    @Test("dialog errors name the element that shows them")
    func dialogErrors() throws {
        let body = try mattermostJSON(
            MattermostDialogRenderer.dialogErrors(["q1": "Required.", "q4": "Pick one."], form: form))
        #expect(body == ["errors": ["q1": "Required.", "q4#0": "Pick one."]])
    }

    @Test("callback parse errors name the field")
    func callbackErrors() {
        #expect(throws: PlatformParseError.missingField("user_id")) {
            try MattermostParser.parseCallback(body: Data(#"{"context":{}}"#.utf8), now: mattermostNow)
        }
        #expect(throws: PlatformParseError.missingField("callback_id")) {
            try MattermostParser.parseCallback(
                body: Data(#"{"type":"dialog_submission","user_id":"u"}"#.utf8), now: mattermostNow)
        }
    }
}
