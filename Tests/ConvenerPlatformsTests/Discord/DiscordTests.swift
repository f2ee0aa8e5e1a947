import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

/// A keypair made with Python's `cryptography` (Ed25519 private key seed = bytes 0…31); signatures pasted below.
private enum DiscordVectors {
    static let publicKey = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
    static let pingTimestamp = "1763900000"
    static let ping = #"{"type":1,"id":"1","application_id":"2","token":"t"}"#
    static let pingSignature =
        "06e3d4cf1c1aa5ad06a196d7012f8ed30c45d59797759e3aaa3022ae34cf907e"
        + "f401b06e46c0055a86dfdcd96849a80d99f312b034db383e94863fad049c930c"
    static let commandTimestamp = "1763900100"
    static let command =
        #"{"type":2,"id":"1180000000000000001","application_id":"1170000000000000000","token":"aW50ZXJhY3Rpb24","#
        + #""guild_id":"1100","channel_id":"1200","member":{"nick":"Ali","user":{"id":"80351110224678912","#
        + #""username":"alice","global_name":"Alice A"}},"data":{"id":"1160","name":"cop","type":1,"options":"#
        + #"[{"name":"text","type":3,"value":"poll \"Lunch?\" \"Pizza\""}]}}"#
    static let commandSignature =
        "76899ce023370a0b92138d9708b2638e6f41b0274ba8ab9d18e401f5b89f684f"
        + "bc1c77f9a5af988bc75a6ce150a654b569f3275027b0b07f4cfe1a8ab8c09a07"

    static func now(_ timestamp: String, plus offset: Double = 0) -> Date {
        Date(timeIntervalSince1970: (Double(timestamp) ?? 0) + offset)
    }
}

private func discordRequest(_ inbound: PlatformInbound) -> PlatformRequest? {
    if case .input(let request) = inbound { return request }
    return nil
}

private func discordJSON(_ data: Data) throws -> PlatformJSON {
    try PlatformJSON.parse(data, what: "rendered")
}

@Suite("Discord signatures")
struct DiscordVerifierTests {
    private let verifier: DiscordVerifier

    init() throws {
        verifier = try DiscordVerifier(publicKeyHex: DiscordVectors.publicKey)
    }

    @Test("Python-signed requests verify")
    func knownAnswers() throws {
        try verifier.verify(
            body: Data(DiscordVectors.ping.utf8), signature: DiscordVectors.pingSignature,
            timestamp: DiscordVectors.pingTimestamp, now: DiscordVectors.now(DiscordVectors.pingTimestamp))
        try verifier.verify(
            body: Data(DiscordVectors.command.utf8), signature: DiscordVectors.commandSignature.uppercased(),
            timestamp: DiscordVectors.commandTimestamp,
            now: DiscordVectors.now(DiscordVectors.commandTimestamp, plus: 299))
    }

    @Test("a tampered body, timestamp or signature is refused")
    func tampering() {
        let now = DiscordVectors.now(DiscordVectors.pingTimestamp)
        #expect(throws: PlatformVerificationError.signatureMismatch) {
            try verifier.verify(
                body: Data(DiscordVectors.ping.replacingOccurrences(of: "\"t\"", with: "\"u\"").utf8),
                signature: DiscordVectors.pingSignature, timestamp: DiscordVectors.pingTimestamp, now: now)
        }
        #expect(throws: PlatformVerificationError.signatureMismatch) {
            try verifier.verify(
                body: Data(DiscordVectors.ping.utf8), signature: DiscordVectors.pingSignature,
                timestamp: "1763900001", now: now)
        }
        var flipped = Array(DiscordVectors.pingSignature)
        flipped[0] = flipped[0] == "0" ? "1" : "0"
        #expect(throws: PlatformVerificationError.signatureMismatch) {
            try verifier.verify(
                body: Data(DiscordVectors.ping.utf8), signature: String(flipped),
                timestamp: DiscordVectors.pingTimestamp, now: now)
        }
        // The command's valid signature does not cover the ping body.
        #expect(throws: PlatformVerificationError.signatureMismatch) {
            try verifier.verify(
                body: Data(DiscordVectors.ping.utf8), signature: DiscordVectors.commandSignature,
                timestamp: DiscordVectors.commandTimestamp, now: now)
        }
    }

    @Test("stale and replayed-later requests are refused", arguments: [301.0, -301.0, 3600.0])
    func stale(offset: Double) {
        #expect(throws: PlatformVerificationError.staleTimestamp(skewSeconds: Int(offset), toleranceSeconds: 300)) {
            try verifier.verify(
                body: Data(DiscordVectors.ping.utf8), signature: DiscordVectors.pingSignature,
                timestamp: DiscordVectors.pingTimestamp,
                now: DiscordVectors.now(DiscordVectors.pingTimestamp, plus: offset))
        }
    }

    @Test("missing and malformed headers and keys are typed errors")
    func headerErrors() {
        let now = DiscordVectors.now(DiscordVectors.pingTimestamp)
        let body = Data(DiscordVectors.ping.utf8)
        #expect(throws: PlatformVerificationError.missingHeader("X-Signature-Ed25519")) {
            try verifier.verify(body: body, signature: nil, timestamp: DiscordVectors.pingTimestamp, now: now)
        }
        #expect(throws: PlatformVerificationError.missingHeader("X-Signature-Timestamp")) {
            try verifier.verify(body: body, signature: DiscordVectors.pingSignature, timestamp: nil, now: now)
        }
        #expect(
            throws: PlatformVerificationError.malformedHeader(
                name: "X-Signature-Ed25519", reason: "must be 128 hex digits")
        ) {
            try verifier.verify(body: body, signature: "abcd", timestamp: DiscordVectors.pingTimestamp, now: now)
        }
        #expect(throws: PlatformParseError.self) { try DiscordVerifier(publicKeyHex: "not-hex") }
        #expect(throws: PlatformParseError.self) { try DiscordVerifier(publicKeyHex: "03a107") }
    }
}

@Suite("Discord interactions")
struct DiscordParserTests {
    @Test("PING is answered with PONG")
    func ping() throws {
        #expect(try DiscordParser.parseInteraction(body: Data(DiscordVectors.ping.utf8)) == .reply(.json(["type": 1])))
        #expect(String(decoding: DiscordRenderer.pong, as: UTF8.self) == #"{"type":1}"#)
    }

    @Test("an application command becomes a command with the text option")
    func command() throws {
        let request = try #require(
            discordRequest(try DiscordParser.parseInteraction(body: Data(DiscordVectors.command.utf8))))
        #expect(request.input.event == .command(#"poll "Lunch?" "Pizza""#))
        #expect(request.input.member == MemberID(rawValue: "discord:80351110224678912"))
        #expect(request.input.displayName == "Ali")
        #expect(request.input.id == "discord.cmd.1180000000000000001")
        #expect(request.context.interactionToken == "aW50ZXJhY3Rpb24")
        #expect(request.context.applicationID == "1170000000000000000")
        #expect(request.context.teamID == "1100")
        #expect(request.context.channelID == "1200")
    }

    @Test("a DM command without options uses user.global_name and empty text")
    func dmCommand() throws {
        let body =
            #"{"type":2,"id":"9","token":"tok","channel_id":"5","user":{"id":"42","username":"bob","global_name":"Bobby"},"data":{"id":"1","name":"cop","type":1}}"#
        let request = try #require(discordRequest(try DiscordParser.parseInteraction(body: Data(body.utf8))))
        #expect(request.input.event == .command(""))
        #expect(request.input.displayName == "Bobby")
        let plain =
            #"{"type":2,"id":"9","token":"tok","user":{"id":"42","username":"bob","global_name":null},"data":{"name":"cop"}}"#
        #expect(discordRequest(try DiscordParser.parseInteraction(body: Data(plain.utf8)))?.input.displayName == "bob")
    }

    @Test("a button click becomes an action from its custom_id")
    func component() throws {
        let customID = PlatformActionReference(messageID: "in-7.poll", actionID: "vote:1").packed
        let body = """
            {"type":3,"id":"77","application_id":"1","token":"tok","guild_id":"1100","channel_id":"1200",\
            "member":{"user":{"id":"42","username":"bob"}},"message":{"id":"555","content":"Lunch?"},\
            "data":{"custom_id":"\(customID)","component_type":2}}
            """
        let request = try #require(discordRequest(try DiscordParser.parseInteraction(body: Data(body.utf8))))
        #expect(request.input.event == .action(messageID: "in-7.poll", actionID: "vote:1"))
        #expect(request.context.platformMessageID == "555")
        #expect(request.input.displayName == "bob")
    }

    @Test("a modal submission becomes a form, and choice answers resolve to option ids")
    func modalSubmit() throws {
        let body = """
            {"type":5,"id":"78","application_id":"1","token":"tok","user":{"id":"42","username":"bob"},\
            "data":{"custom_id":"S2","components":[\
            {"type":1,"components":[{"type":4,"custom_id":"q1","value":"More pairing"}]},\
            {"type":1,"components":[{"type":4,"custom_id":"q2","value":"4"}]},\
            {"type":1,"components":[{"type":4,"custom_id":"q3","value":"1, sushi"}]},\
            {"type":1,"components":[{"type":4,"custom_id":"q4","value":""}]}]}}
            """
        let request = try #require(discordRequest(try DiscordParser.parseInteraction(body: Data(body.utf8))))
        guard case .form(let formID, let values) = request.input.event else {
            Issue.record("expected a form")
            return
        }
        #expect(formID == "S2")
        #expect(values == ["q1": .text("More pairing"), "q2": .text("4"), "q3": .text("1, sushi")])
        let form = MessageForm(
            id: "S2", title: "Survey",
            fields: [
                FormField(id: "q1", label: "What went well?", kind: .text),
                FormField(id: "q2", label: "How useful?", kind: .scale),
                FormField(
                    id: "q3", label: "Food", kind: .multi,
                    options: [MessageAction(id: "pizza", label: "Pizza"), MessageAction(id: "sushi", label: "Sushi")]),
                FormField(id: "q4", label: "Other", kind: .single, options: [MessageAction(id: "x", label: "X")]),
            ])
        #expect(
            try DiscordModalAnswers.resolve(values, against: form)
                == ["q1": .text("More pairing"), "q2": .choices(["4"]), "q3": .choices(["pizza", "sushi"])])
        #expect(
            throws: PlatformParseError.invalidValue(field: "q2", reason: "answer '9' is not one of: 1 · 2 · 3 · 4 · 5")
        ) {
            try DiscordModalAnswers.resolve(["q2": .text("9")], against: form)
        }
    }

    @Test("parse errors name the field")
    func errors() {
        #expect(throws: PlatformParseError.missingField("type")) {
            try DiscordParser.parseInteraction(body: Data(#"{"id":"1"}"#.utf8))
        }
        #expect(throws: PlatformParseError.missingField("member.user")) {
            try DiscordParser.parseInteraction(
                body: Data(#"{"type":2,"id":"1","token":"t","data":{"name":"cop"}}"#.utf8))
        }
        #expect(throws: PlatformParseError.invalidValue(field: "data.custom_id", reason: "is not a Convener button id"))
        {
            try DiscordParser.parseInteraction(
                body: Data(#"{"type":3,"id":"1","token":"t","user":{"id":"1"},"data":{"custom_id":"foreign"}}"#.utf8))
        }
        #expect(throws: PlatformParseError.unsupported("Discord interaction type 99")) {
            try DiscordParser.parseInteraction(body: Data(#"{"type":99,"id":"1"}"#.utf8))
        }
        #expect(throws: PlatformParseError.wrongType(field: "type", expected: "an integer")) {
            try DiscordParser.parseInteraction(body: Data(#"{"type":"2"}"#.utf8))
        }
    }
}

@Suite("Discord rendering")
struct DiscordRendererTests {
    private let member = MemberID(rawValue: "discord:42")

    @Test("an ephemeral reply with one button renders to exact JSON")
    func exact() throws {
        let message = OutboundMessage(
            id: "m1", audience: .ephemeral(member), text: "Vote?", actions: [MessageAction(id: "yes", label: "Yes")])
        #expect(
            String(decoding: try DiscordRenderer.interactionResponse(message), as: UTF8.self)
                == #"{"data":{"allowed_mentions":{"parse":["users"]},"components":[{"components":[{"custom_id":"2:m1yes","#
                + #""label":"Yes","style":1,"type":2}],"type":1}],"content":"Vote?","flags":64},"type":4}"#)
    }

    @Test("updates answer with type 7; channel messages carry no ephemeral flag")
    func types() throws {
        let updating = OutboundMessage(id: "m2", audience: .ephemeral(member), text: "x", updates: "m1")
        let update = try discordJSON(try DiscordRenderer.interactionResponse(updating, clickedMessageID: "m1"))
        #expect(update["type"] == 7)
        #expect(update["data"]?["flags"] == nil)
        #expect(try discordJSON(try DiscordRenderer.interactionResponse(updating))["type"] == 4)
        #expect(
            try discordJSON(DiscordRenderer.deferredMessage(ephemeral: true)) == ["type": 5, "data": ["flags": 64]])
        #expect(try discordJSON(DiscordRenderer.deferredUpdate) == ["type": 6])
        let created = try discordJSON(
            try DiscordRenderer.createMessage(OutboundMessage(id: "m", audience: .ephemeral(member), text: "x")))
        #expect(created["flags"] == nil)
    }

    @Test("long text continues in embeds within Discord's limits and ends with a marker")
    func longText() throws {
        let text = String(repeating: "abcdefghi ", count: 700)
        let data = try DiscordRenderer.messageData(OutboundMessage(id: "m", audience: .channel, text: text))
        let content = try #require(data["content"]?.stringValue)
        #expect(content.utf16.count <= 2000)
        let embeds = try #require(data["embeds"]?.arrayValue).compactMap { $0["description"]?.stringValue }
        #expect(embeds.allSatisfy { $0.utf16.count <= 4096 })
        #expect(embeds.reduce(0) { $0 + $1.utf16.count } <= 6000)
        #expect(embeds.count == 2)
        #expect(Bool(content + embeds.joined() == text), "every character is kept when it fits")
        let huge = String(repeating: "z", count: 20_000)
        let cut = try DiscordRenderer.messageData(OutboundMessage(id: "m", audience: .channel, text: huge))
        let hugeEmbeds = try #require(cut["embeds"]?.arrayValue).compactMap { $0["description"]?.stringValue }
        #expect(hugeEmbeds.reduce(0) { $0 + $1.utf16.count } <= 6000)
        #expect(hugeEmbeds.last?.hasSuffix("…(truncated)") == true)
    }

    @Test("buttons go in rows of 5, at most 5 rows, labels within 80, extra buttons noted")
    func buttons() throws {
        let actions = (0..<27).map {
            MessageAction(id: "o\($0)", label: String(repeating: "L", count: $0 == 0 ? 120 : 3))
        }
        let data = try DiscordRenderer.messageData(
            OutboundMessage(id: "m", audience: .channel, text: "Pick", actions: actions))
        let rows = try #require(data["components"]?.arrayValue)
        #expect(rows.count == 5)
        #expect(rows.allSatisfy { ($0["components"]?.arrayValue?.count ?? 0) == 5 })
        #expect(rows[0]["components"]?.arrayValue?.first?["label"]?.stringValue?.count == 80)
        #expect(data["content"]?.stringValue?.contains("2 more buttons not shown") == true)
        let tooLong = OutboundMessage(
            id: String(repeating: "m", count: 90), audience: .channel, text: "x",
            actions: [MessageAction(id: "abcdefghijk", label: "A")])
        #expect(throws: PlatformRenderError.self) { try DiscordRenderer.messageData(tooLong) }
    }

    @Test("a form becomes a modal of text inputs with options in the placeholder")
    func modal() throws {
        let form = MessageForm(
            id: "S2", title: "Quarterly community feedback survey, part one",
            fields: [
                FormField(id: "q1", label: "What went well?", kind: .text, required: true),
                FormField(id: "q2", label: "Anything else?", kind: .textarea),
                FormField(id: "q3", label: "How useful?", kind: .scale),
                FormField(
                    id: "q4", label: "Food", kind: .multi,
                    options: [MessageAction(id: "pizza", label: "Pizza"), MessageAction(id: "sushi", label: "Sushi")]),
            ])
        let modal = try discordJSON(try DiscordModalRenderer.modal(form))
        #expect(modal["type"] == 9)
        #expect(modal["data"]?["custom_id"] == "S2")
        #expect(modal["data"]?["title"]?.stringValue?.count == 45)
        let inputs = try #require(modal["data"]?["components"]?.arrayValue).compactMap {
            $0["components"]?.arrayValue?.first
        }
        #expect(inputs.compactMap { $0["style"] } == [1, 2, 1, 1])
        #expect(inputs[0]["required"] == true)
        #expect(inputs[2]["placeholder"] == "1 · 2 · 3 · 4 · 5")
        #expect(inputs[3]["placeholder"] == "Several, e.g. 1, 3: 1 Pizza · 2 Sushi")
        let six = MessageForm(
            id: "f", title: "T", fields: (0..<6).map { FormField(id: "q\($0)", label: "Q", kind: .text) })
        #expect(throws: PlatformRenderError.tooManyFields(formID: "f", count: 6, limit: 5)) {
            try DiscordModalRenderer.modal(six)
        }
    }
}

@Suite("Discord command registration")
struct DiscordCommandDefinitionTests {
    @Test("the /cop definition has one optional string option named text, within Discord's limits")
    func definition() throws {
        let json = try PlatformJSON.parse(DiscordCommandDefinition.cop, what: "definition")
        #expect(json["name"] == "cop")
        let option = try #require(json["options"]?.arrayValue?.first)
        #expect(option["name"] == "text")
        #expect(option["type"] == 3)
        #expect(option["required"] == false)
        #expect((json["description"]?.stringValue?.count ?? 0) <= 100)
        #expect((option["description"]?.stringValue?.count ?? 0) <= 100)
    }
}
