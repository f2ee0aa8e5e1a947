import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

private let bot = "@convener:example.org"

private func response(_ content: String, type: String = "org.matrix.msc3381.poll.response") throws -> MatrixEvent {
    let json = #"{"event_id": "$v", "sender": "@bob:example.org", "type": "\#(type)", "content": \#(content)}"#
    return try #require(MatrixEvent(json: try PlatformJSON.parse(Data(json.utf8), what: "event"), roomID: "!r:x"))
}

private let lunch = MessagePoll(
    question: "Lunch?",
    answers: [
        MessageAction(id: "poll.P1.vote.1", label: "Pizza"), MessageAction(id: "poll.P1.vote.2", label: "Salad"),
    ],
    maxSelections: 1, isAnonymous: false, hidesResultsUntilClosed: false, isClosed: false)

@Suite("Matrix polls (MSC3381)")
struct MatrixPollTests {
    @Test("a poll starts in the unstable form Element shows, with both text fallbacks and the answers' ids")
    func start() throws {
        let message = OutboundMessage(
            id: "poll.P1", audience: .channel, text: "📊 Poll P1: Lunch?", actions: lunch.answers, poll: lunch)
        #expect(MatrixPolls.isNative(message))
        let content = MatrixPolls.startContent(message, poll: lunch)
        let start = try #require(content["org.matrix.msc3381.poll.start"])
        #expect(start["kind"] == "org.matrix.msc3381.poll.disclosed")
        #expect(start["max_selections"] == 1)
        #expect(start["question"]?["org.matrix.msc1767.text"] == "Lunch?")
        #expect(
            start["answers"]
                == [
                    ["id": "poll.P1.vote.1", "org.matrix.msc1767.text": "Pizza"],
                    ["id": "poll.P1.vote.2", "org.matrix.msc1767.text": "Salad"],
                ])
        #expect(content["org.matrix.msc1767.text"] == "Lunch?\n1. Pizza\n2. Salad")
        #expect(content["m.text"] == [["body": "Lunch?\n1. Pizza\n2. Salad"]])
        var hidden = lunch
        hidden.hidesResultsUntilClosed = true
        #expect(
            MatrixPolls.startContent(message, poll: hidden)["org.matrix.msc3381.poll.start"]?["kind"]
                == "org.matrix.msc3381.poll.undisclosed")
        // Anonymous polls, and messages that are no poll, are not native polls.
        var secret = lunch
        secret.isAnonymous = true
        #expect(!MatrixPolls.isNative(OutboundMessage(id: "poll.P2", audience: .channel, text: "?", poll: secret)))
        #expect(!MatrixPolls.isNative(OutboundMessage(id: "m", audience: .channel, text: "hi")))
    }

    @Test("the end refers to the start and carries the final results as text")
    func end() {
        let final = OutboundMessage(
            id: "poll.P1.final", audience: .channel, text: "📊 Poll P1: Lunch? (closed)\n• Pizza: 0\n• Salad: 2",
            updates: "poll.P1")
        let content = MatrixPolls.endContent(final, endingPoll: "$start")
        #expect(content["m.relates_to"] == ["rel_type": "m.reference", "event_id": "$start"])
        #expect(content["org.matrix.msc3381.poll.end"] == [:])
        #expect(content["org.matrix.msc1767.text"]?.stringValue?.contains("Salad: 2") == true)
    }

    @Test("responses in both forms are read; MSC3381's rules decide what a response votes for")
    func responses() throws {
        let poll = MatrixPoll(
            message: "poll.P1", answers: ["a", "b", "c"], maxSelections: 2, at: Date(timeIntervalSince1970: 0))
        let unstable = try #require(
            MatrixPollResponse(
                try response(
                    #"{"m.relates_to": {"rel_type": "m.reference", "event_id": "$s"}, "org.matrix.msc3381.poll.response": {"answers": ["b"]}}"#
                )))
        #expect(unstable.pollEventID == "$s" && poll.selection(of: unstable) == ["b"])
        let stable = try #require(
            MatrixPollResponse(
                try response(
                    #"{"m.relates_to": {"rel_type": "m.reference", "event_id": "$s"}, "m.selections": ["c", "a"]}"#,
                    type: "m.poll.response")))
        #expect(poll.selection(of: stable) == ["c", "a"])
        func vote(_ selections: String) throws -> [String] {
            let parsed = try #require(
                MatrixPollResponse(
                    try response(
                        #"{"m.relates_to": {"rel_type": "m.reference", "event_id": "$s"}, "m.selections": \#(selections)}"#
                    )))
            return poll.selection(of: parsed)
        }
        #expect(try vote(#"["a", "b", "zzz"]"#) == ["a", "b"], "cut to max_selections before checking")
        #expect(try vote(#"["a", "zzz"]"#) == [], "an unknown answer spoils the vote")
        #expect(try vote(#"["a", "a", "b"]"#) == ["a"], "a repeated answer counts once")
        #expect(try vote(#"[]"#) == [], "no selection takes the vote back")
        #expect(try vote(#"["a", 3]"#) == [], "a selection that is not a string spoils the vote")
        // Not a response to a poll: another relation, or none.
        #expect(
            MatrixPollResponse(
                try response(#"{"m.relates_to": {"rel_type": "m.annotation", "event_id": "$s"}, "m.selections": []}"#))
                == nil)
        #expect(MatrixPollResponse(try response(#"{"m.selections": ["a"]}"#)) == nil)
        // A vote is an input for the poll's message; the plain event reader leaves responses to it.
        let event = try response(
            #"{"m.relates_to": {"rel_type": "m.reference", "event_id": "$s"}, "m.selections": ["b"]}"#)
        guard case .input(let request) = MatrixEvents.vote(event, response: stable, poll: poll, displayName: "Bob")
        else {
            Issue.record("a vote")
            return
        }
        #expect(request.input.event == .vote(messageID: "poll.P1", answerIDs: ["c", "a"]))
        #expect(request.input.displayName == "Bob" && request.input.id == "matrix.$v")
        guard case .ignored = MatrixEvents.inbound(event, botUserID: bot) else {
            Issue.record("a response is not read as a plain event")
            return
        }
    }
}

@Suite("Matrix event corpus (Synapse's tests and MSC3381)")
struct MatrixEventCorpusTests {
    @Test("every event of the corpus has its provenance and is read as it says, or ignored cleanly")
    func corpus() throws {
        for (file, document) in try ProvenancedCorpus.documents(in: "matrix_corpus", atLeast: 15) {
            let reads = try #require(document["convener_reads"]?.stringValue, "\(file)")
            let json = try #require(document["event"], "\(file)")
            guard let event = MatrixEvent(json: json, roomID: "!corpus:example.org") else {
                // Examples without the ids a server adds are read with them added, so their meaning is still checked.
                #expect(reads.hasPrefix("not an event") || file.hasPrefix("msc3381"), "\(file): \(reads)")
                if file.hasPrefix("msc3381") { try check(withIDs(json), reads: reads, file: file) }
                continue
            }
            try check(event, reads: reads, file: file)
        }
    }

    private func withIDs(_ json: PlatformJSON) throws -> MatrixEvent {
        guard case .object(var object) = json else { throw PlatformParseError.wrongType(field: "event", expected: "") }
        object["event_id"] = object["event_id"] ?? "$corpus"
        object["sender"] = object["sender"] ?? "@member:example.org"
        return try #require(MatrixEvent(json: .object(object), roomID: "!corpus:example.org"))
    }

    private func check(_ event: MatrixEvent, reads: String, file: String) throws {
        let inbound = MatrixEvents.inbound(event, botUserID: bot)
        switch inbound {
        case .input(let request):
            #expect(reads == "message", "\(file): read as \(request.input.event)")
        case .reaction(let reaction):
            #expect(reads == "reaction \(reaction.emoji)", "\(file)")
        case .memberJoined:
            #expect(reads == "join", "\(file)")
        case .ignored:
            if reads.hasPrefix("poll response: ") {
                let response = try #require(MatrixPollResponse(event), "\(file)")
                #expect(response.selections == [String(reads.dropFirst("poll response: ".count))], "\(file)")
            } else {
                #expect(reads.hasPrefix("ignored"), "\(file): ignored, but the corpus says \(reads)")
                #expect(MatrixPollResponse(event) == nil, "\(file)")
            }
        default:
            Issue.record("\(file): \(inbound)")
        }
    }
}

@Suite("Matrix names and mentions")
struct MatrixNameTests {
    @Test("a message names its sender by the display name given; a join by its own displayname")
    func displayNames() throws {
        let said = MatrixEvent(
            roomID: "!r:x", eventID: "$m", sender: "@bob:example.org", type: "m.room.message",
            content: ["body": "!cop me"])
        guard case .input(let request) = MatrixEvents.inbound(said, botUserID: bot, displayName: "Bob Builder")
        else {
            Issue.record("a command")
            return
        }
        #expect(request.input.displayName == "Bob Builder")
        guard case .input(let fallback) = MatrixEvents.inbound(said, botUserID: bot) else { return }
        #expect(fallback.input.displayName == "bob")
        let joined = MatrixEvent(
            roomID: "!r:x", eventID: "$j", sender: "@bob:example.org", type: "m.room.member",
            stateKey: "@bob:example.org", content: ["membership": "join", "displayname": "Bob B."])
        guard case .memberJoined(let change) = MatrixEvents.inbound(joined, botUserID: bot, displayName: "Old") else {
            Issue.record("a join")
            return
        }
        #expect(change.displayName == "Bob B.")
        #expect(MatrixSyncBatch.names(in: [joined, said]) == ["@bob:example.org": "Bob B."])
    }

    @Test("pills, full user ids and known localparts become user ids the command grammar resolves")
    func mentions() {
        let known = ["@bob:example.org", "@carol:example.org", "@carol:other.org"]
        #expect(
            MatrixMentions.resolved(
                "kudos Bob Builder for the notes",
                formattedBody:
                    #"!cop kudos <a href="https://matrix.to/#/%40bob%3Aexample.org">Bob Builder</a> for the notes"#,
                knownUsers: known) == "kudos <@@bob:example.org> for the notes")
        #expect(
            MatrixMentions.resolved("kudos @bob: for the notes", formattedBody: nil, knownUsers: known)
                == "kudos <@@bob:example.org>: for the notes")
        #expect(
            MatrixMentions.resolved("kudos @dan:example.org thanks", formattedBody: nil, knownUsers: known)
                == "kudos <@@dan:example.org> thanks")
        // Two members share the localpart, or nobody has it: the name stays for display-name matching.
        #expect(
            MatrixMentions.resolved("kudos @carol thanks", formattedBody: nil, knownUsers: known)
                == "kudos @carol thanks")
        #expect(
            MatrixMentions.resolved("kudos @Zed thanks", formattedBody: nil, knownUsers: known) == "kudos @Zed thanks")
        #expect(MemberMention.parse("<@@bob:example.org>") == MemberMention(id: "@bob:example.org", kind: .userID))
        #expect(MemberMention.parse("<@@bob>") == nil)
        #expect(MemberMention.parse("<@@bob:x y>") == nil)
    }

    @Test("a limited timeline is a gap; the missed events go in front of the room's timeline, once each")
    func gaps() throws {
        let json =
            #"{"next_batch": "s9", "rooms": {"join": {"!a:x": {"timeline": {"limited": true, "prev_batch": "p1", "events": [{"event_id": "$3", "sender": "@ada:x", "type": "m.room.message", "content": {"body": "three"}}]}}, "!b:x": {"timeline": {"limited": false, "events": [{"event_id": "$b", "sender": "@ada:x", "type": "m.room.message", "content": {"body": "b"}}]}}}}}"#
        let batch = try MatrixSyncBatch.parse(Data(json.utf8))
        #expect(batch.gaps == [MatrixTimelineGap(roomID: "!a:x", previousBatch: "p1")])
        let page = MatrixMessagesPage(
            [
                "chunk": [
                    ["event_id": "$2", "sender": "@ada:x", "type": "m.room.message", "content": ["body": "two"]],
                    ["event_id": "$1", "sender": "@ada:x", "type": "m.room.message", "content": ["body": "one"]],
                ],
                "end": "p0",
                "state": [
                    [
                        "event_id": "$m", "sender": "@ada:x", "state_key": "@ada:x", "type": "m.room.member",
                        "content": ["membership": "join", "displayname": "Ada L."],
                    ]
                ],
            ], roomID: "!a:x")
        #expect(page.end == "p0" && page.memberNames == ["@ada:x": "Ada L."])
        let filled = batch.filling("!a:x", with: page.events.reversed() + [batch.events[0]])
        #expect(filled.events.map(\.eventID) == ["$1", "$2", "$3", "$b"])
        #expect(filled.gaps.isEmpty)
    }
}
