import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

/// A small deterministic generator so a failing case can be replayed from its seed.
private struct PlatformFuzzRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }
}

private let platformFuzzSeeds: [String] = [
    "command=%2Fcop&text=poll+%22Lunch%3F%22&user_id=U1&user_name=ann&trigger_id=1.2.3&channel_id=C1",
    #"{"type":"event_callback","event_id":"Ev1","team_id":"T1","event":{"type":"message","user":"U1","text":"hi"}}"#,
    #"{"type":"event_callback","event_id":"Ev2","event":{"type":"team_join","user":{"id":"U2","profile":{}}}}"#,
    #"{"type":"url_verification","challenge":"abc"}"#,
    #"{"type":3,"id":"1","token":"t","user":{"id":"1"},"data":{"custom_id":"2:m1yes"}}"#,
    #"{"type":5,"id":"1","token":"t","user":{"id":"1"},"data":{"custom_id":"f","components":[{"type":1,"#
        + #""components":[{"type":4,"custom_id":"q","value":"v"}]}]}}"#,
    #"{"user_id":"u","post_id":"p","context":{"convener":{"message":"m","action":"a","sig":"00"}}}"#,
    #"{"type":"dialog_submission","user_id":"u","callback_id":"f","state":"{}","submission":{"a":true}}"#,
]

@Suite("Parser robustness")
struct PlatformFuzzTests {
    private let now = Date(timeIntervalSince1970: 1_763_900_000)

    /// Runs every parser on `body`; any of them may throw, none may crash.
    private func parseEverywhere(_ body: Data) {
        _ = try? SlackParser.parseCommand(body: body, now: now)
        _ = try? SlackParser.parseInteraction(body: body, now: now)
        _ = try? SlackParser.parseEvent(body: body)
        _ = try? MattermostParser.parseCommand(form: body, now: now)
        _ = try? MattermostParser.parseCallback(body: body, now: now)
        _ = try? DiscordParser.parseInteraction(body: body)
        var payload = Data("payload=".utf8)
        payload.append(body)
        _ = try? SlackParser.parseInteraction(body: payload, now: now)
    }

    @Test("10,000 mutated payloads never crash a parser", arguments: [1, 2, 3, 4])
    func mutations(seed: UInt64) {
        var random = PlatformFuzzRandom(state: seed)
        let alphabet = Array(#"{}[]":,%+&=\0123456789abcdefTxyz-_. "#.utf8) + [0xFF, 0xC3, 0x00, 0x80]
        for _ in 0..<2500 {
            var bytes = Array(platformFuzzSeeds[random.below(platformFuzzSeeds.count)].utf8)
            for _ in 0..<(1 + random.below(6)) {
                let position = random.below(bytes.count + 1)
                switch random.below(3) {
                case 0: bytes.insert(alphabet[random.below(alphabet.count)], at: position)
                case 1 where position < bytes.count: bytes.remove(at: position)
                default:
                    if position < bytes.count { bytes[position] = alphabet[random.below(alphabet.count)] }
                }
            }
            parseEverywhere(Data(bytes))
        }
    }

    @Test("deeply nested and truncated JSON is a typed error")
    func nesting() {
        let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: PlatformParseError.self) { try DiscordParser.parseInteraction(body: deep) }
        let deepObject = Data(
            (String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)).utf8)
        #expect(throws: PlatformParseError.self) { try SlackParser.parseEvent(body: deepObject) }
        #expect(throws: PlatformParseError.self) { try DiscordParser.parseInteraction(body: Data(#"{"type":1"#.utf8)) }
        #expect(throws: PlatformParseError.self) { try DiscordParser.parseInteraction(body: Data()) }
    }

    @Test("packed action references survive any ids and reject junk")
    func packedReferences() {
        for (message, action) in [("m", "a"), ("in-1:2", "vote:3"), ("é🙂", "x|y"), ("12:ab", ":")] {
            let packed = PlatformActionReference(messageID: message, actionID: action).packed
            #expect(
                PlatformActionReference(packed: packed) == PlatformActionReference(messageID: message, actionID: action)
            )
        }
        for junk in ["", ":", "x:ab", "5:ab", "2:ab", "99999999:a", "-1:ab", "1:"] {
            #expect(PlatformActionReference(packed: junk) == nil)
        }
    }

    @Test("the JSON reader handles escapes, surrogates and numbers, and the writer is its inverse")
    func jsonRoundTrip() throws {
        let text = #"{"s":"a\"b\\c\/d\n\u00e9\ud83d\ude42","i":-12,"d":1.5,"e":2E3,"t":true,"f":false,"z":null,"a":[]}"#
        let value = try PlatformJSON.parse(Data(text.utf8), what: "test")
        #expect(value["s"] == .string("a\"b\\c/d\né🙂"))
        #expect(value["i"] == .int(-12))
        #expect(value["d"] == .number(1.5))
        #expect(value["e"] == .number(2000))
        #expect(value["z"] == .null)
        #expect(try PlatformJSON.parse(value.encoded, what: "again") == value)
        #expect(
            value.encodedString
                == #"{"a":[],"d":1.5,"e":2000.0,"f":false,"i":-12,"s":"a\"b\\c/d\né🙂","t":true,"z":null}"#)
        for bad in [
            "{\"a\":1,}", "[1 2]", "01", "1.", "\"\\x\"", "\"\\ud800\"", "tru", "{\"a\" 1}", "\"a\u{1}\"", "[] []",
        ] {
            #expect(throws: PlatformParseError.self, "\(bad)") { try PlatformJSON.parse(Data(bad.utf8), what: "bad") }
        }
        #expect(throws: PlatformParseError.malformedBody("The body is not valid JSON: expected ',' or '}' at byte 6."))
        {
            try PlatformJSON.parse(Data(#"{"a":1]"#.utf8), what: "The body")
        }
    }
}
