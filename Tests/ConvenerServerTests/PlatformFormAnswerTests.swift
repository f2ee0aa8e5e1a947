import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

@testable import ConvenerServer

@Suite("Answers to submitted platform forms")
struct PlatformFormAnswerTests {
    static let member = MemberID(platform: "slack", user: "U0BOB")

    static func json(_ data: Data) throws -> PlatformJSON {
        try PlatformJSON.parse(data, what: "test")
    }

    @Test("Slack: field errors keep the modal open with errors by block id; else the modal shows the text")
    func slack() throws {
        let refused = OutboundMessage(
            id: "r", audience: .ephemeral(Self.member), text: "Nothing was recorded yet",
            fieldErrors: ["energy": "Pick one number from 1 to 5."])
        let errors = try Self.json(SlackPlatform.submissionAnswer(refused))
        #expect(errors["response_action"]?.stringValue == "errors")
        #expect(errors["errors"]?["energy"]?.stringValue == "Pick one number from 1 to 5.")
        let thanks = OutboundMessage(id: "t", audience: .ephemeral(Self.member), text: "Thank you!")
        let update = try Self.json(SlackPlatform.submissionAnswer(thanks))
        #expect(update["response_action"]?.stringValue == "update")
    }

    @Test("Mattermost: field errors by element name (a multi field's on its first box); else an empty object")
    func mattermost() throws {
        let signer = MattermostActionSigner(serverSecret: "a-server-secret-of-16-bytes")
        let form = MessageForm(
            id: "survey.S1", title: "T",
            fields: [
                FormField(id: "energy", label: "E", kind: .scale, required: true),
                FormField(
                    id: "helps", label: "H", kind: .multi,
                    options: [MessageAction(id: "kudos", label: "Kudos"), MessageAction(id: "pairs", label: "Pairs")]),
            ])
        let body: PlatformJSON = [
            "type": "dialog_submission", "user_id": "U0BOB", "callback_id": "survey.S1",
            "state": .string(signer.dialogState(for: form, member: nil)), "submission": [:],
        ]
        guard case .dialog(let submission) = try MattermostParser.parseCallback(body: body.encoded, now: Date())
        else {
            Issue.record("not parsed as a dialog submission")
            return
        }
        let refused = OutboundMessage(
            id: "r", audience: .ephemeral(Self.member), text: "Nothing was recorded yet",
            fieldErrors: ["energy": "Pick a number.", "helps": "Pick each option at most once."])
        let errors = try Self.json(MattermostPlatform.submissionAnswer(refused, submission: submission))
        #expect(errors["errors"]?["energy"]?.stringValue == "Pick a number.")
        #expect(errors["errors"]?["helps#0"]?.stringValue == "Pick each option at most once.")
        let fine = MattermostPlatform.submissionAnswer(
            OutboundMessage(id: "t", audience: .ephemeral(Self.member), text: "Thank you!"), submission: submission)
        #expect(String(decoding: fine, as: UTF8.self) == "{}")
    }
}
