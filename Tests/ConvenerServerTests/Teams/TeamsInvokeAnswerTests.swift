import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

@testable import ConvenerServer

/// What an `adaptiveCard/action` invoke is answered with: the card that replaces the clicked one, or a note for the
/// member who clicked.
@Suite("Teams invoke answers")
struct TeamsInvokeAnswerTests {
    static let member = MemberID(platform: "teams", user: "29:u")

    static func request(_ event: InputEvent, form: MessageForm? = nil) -> PlatformRequest {
        var request = PlatformRequest(
            input: Input(id: "teams.act.1", member: member, displayName: "U", event: event),
            context: PlatformReplyContext(platform: "teams"))
        request.form = form
        return request
    }

    static func answer(_ reply: OutboundMessage, to request: PlatformRequest) throws -> String {
        String(decoding: try TeamsPlatform.invokeAnswer(reply, to: request), as: UTF8.self)
    }

    @Test("a refused submission redraws the form with the error under its field")
    func refusedForm() throws {
        let form = MessageForm(
            id: "survey.S1", title: "Pulse",
            fields: [FormField(id: "energy", label: "Energy", kind: .scale, required: true)])
        let reply = OutboundMessage(
            id: "r", audience: .ephemeral(Self.member), text: "Nothing was recorded yet.",
            fieldErrors: ["energy": "Pick a number from 1 to 5."])
        let text = try Self.answer(reply, to: Self.request(.form(formID: "survey.S1", values: [:]), form: form))
        #expect(text.contains(#""type":"application/vnd.microsoft.card.adaptive""#))
        #expect(text.contains("Pick a number from 1 to 5.") && text.contains("Input.ChoiceSet"))
    }

    @Test("a click on the message an update replaces gets the refreshed card; other answers are a note")
    func clicks() throws {
        let update = OutboundMessage(
            id: "poll.P1.u2", audience: .channel, text: "Lunch? Pizza 1",
            actions: [MessageAction(id: "vote.0", label: "Pizza")], updates: "poll.P1")
        let click = Self.request(.action(messageID: "poll.P1", actionID: "vote.0"))
        #expect(try Self.answer(update, to: click).contains("application/vnd.microsoft.card.adaptive"))
        let note = OutboundMessage(id: "n", audience: .ephemeral(Self.member), text: "Your vote is now: Pizza.")
        let text = try Self.answer(note, to: click)
        #expect(text.contains("application/vnd.microsoft.activity.message") && text.contains("Pizza"))
    }

    @Test("a form too large for a card says why instead of showing the button again")
    func tooLarge() throws {
        let fields = (0..<40).map { index in
            FormField(
                id: "q\(index)", label: String(repeating: "Question \(index) ", count: 60), kind: .single,
                options: (0..<6).map { MessageAction(id: "o\($0)", label: String(repeating: "choice ", count: 28)) })
        }
        let reply = OutboundMessage(
            id: "f", audience: .ephemeral(Self.member), text: "Here it is",
            form: MessageForm(id: "survey.Big", title: "Big", fields: fields))
        let text = try Self.answer(reply, to: Self.request(.action(messageID: "dm", actionID: "form.open.survey.Big")))
        #expect(text.contains("cannot open on Teams"))
    }
}
