import ConvenerCore
import Foundation
import Testing

@testable import ConvenerPlatforms

@Suite("Playground adapter")
struct PlaygroundMessageTests {
    @Test("A core message renders to the playground's Message shape")
    func rendering() throws {
        let alice = MemberID(platform: "playground", user: "alice")
        let message = OutboundMessage(
            id: "m1", audience: .ephemeral(alice), text: "hi", actions: [MessageAction(id: "a", label: "A")],
            updates: "m0"
        )
        let rendered = PlaygroundMessage(message)
        #expect(rendered.ephemeral)
        #expect(rendered.actions == [PlaygroundAction(id: "a", label: "A")])
        #expect(rendered.updates == "m0")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(rendered), as: UTF8.self)
        #expect(
            json
                == #"{"actions":[{"id":"a","label":"A"}],"ephemeral":true,"id":"m1","mentions":[],"text":"hi","updates":"m0"}"#
        )
    }

    @Test("Channel and direct messages are not ephemeral")
    func audiences() {
        let bob = MemberID(platform: "playground", user: "bob")
        #expect(!PlaygroundMessage(OutboundMessage(id: "1", audience: .channel, text: "")).ephemeral)
        #expect(!PlaygroundMessage(OutboundMessage(id: "2", audience: .direct(bob), text: "")).ephemeral)
    }

    @Test(
        "Member names",
        arguments: [
            ("alice", true), ("Bob_2", true), ("a.b-c", true), ("", false), ("with space", false),
            ("<script>", false), (String(repeating: "x", count: 33), false), ("émile", false),
        ])
    func memberNames(name: String, valid: Bool) {
        #expect((PlaygroundMemberName.problem(with: name) == nil) == valid)
    }

    @Test("Member ids are case-insensitive playground ids")
    func memberIDs() {
        #expect(PlaygroundMemberName.memberID("Alice") == MemberID(rawValue: "playground:alice"))
    }

    @Test("Form values decode from a string or a list of option ids")
    func formValues() throws {
        let json = Data(#"{"member":"a","form":"f","values":{"q1":"4","q2":["x","y"]}}"#.utf8)
        let request = try JSONDecoder().decode(PlaygroundFormRequest.self, from: json)
        #expect(request.values["q1"]?.formValue == .text("4"))
        #expect(request.values["q2"]?.formValue == .choices(["x", "y"]))
    }
}
