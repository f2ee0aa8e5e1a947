import Foundation
import Testing

@testable import ConvenerCore

@Suite("Opening survey forms from a chat button")
struct SurveyFormOpeningTests {
    static let openAction = "form.open.survey.S1"

    @Test("The open button answers with the survey form while the member has not answered")
    func opens() throws {
        var harness = SurveyLifecycleTests.community()
        harness.command("convenor", "survey start community-health --k 3")
        let dm = try #require(harness.directMessages(to: "bob").first)
        let buttons = FormOpening.buttons(of: dm)
        #expect(buttons == [MessageAction(id: Self.openAction, label: "Open the survey")])
        let outcome = harness.send("bob", .action(messageID: dm.id, actionID: Self.openAction))
        let reply = try #require(outcome.replies.first)
        #expect(reply.form == dm.form)
        #expect(reply.audience == .ephemeral(SurveyHarness.id("bob")))
        #expect(outcome.facts.isEmpty)
    }

    @Test("After answering, or once closed, the button refuses with the reason and no form")
    func refuses() throws {
        var harness = SurveyLifecycleTests.community()
        harness.command("convenor", "survey start community-health --k 3")
        harness.submit("bob", "survey.S1", SurveyLifecycleTests.answers(4))
        let answered = harness.send("bob", .action(messageID: "m", actionID: Self.openAction))
        #expect(answered.replies.first?.form == nil)
        #expect(answered.replyText.contains("already answered survey S1"))
        harness.tick(after: 8 * 86_400)
        let closed = harness.send("carol", .action(messageID: "m", actionID: Self.openAction))
        #expect(closed.replies.first?.form == nil)
        #expect(closed.replyText.contains("has closed"))
        let unknown = harness.send("carol", .action(messageID: "m", actionID: "form.open.survey.S9"))
        #expect(unknown.replyText.contains("no survey behind this button"))
        let other = harness.send("carol", .action(messageID: "m", actionID: "form.open.feedback.reply.1"))
        #expect(other.replyText.contains("no longer open"))
    }

    @Test("A refused submission carries field errors for the form's own fields only")
    func fieldErrors() throws {
        var harness = SurveyLifecycleTests.community()
        harness.command("convenor", "survey start community-health --k 3")
        var values = SurveyLifecycleTests.answers(4)
        values["belonging"] = .text("7")
        values["safety"] = nil
        values["colour"] = .text("blue")
        let reply = try #require(harness.submit("alice", "survey.S1", values).replies.first)
        #expect(Set(reply.fieldErrors.keys) == ["belonging", "safety"])
        #expect(reply.fieldErrors["belonging"] == "Pick one number from 1 to 5.")
        let good = try #require(harness.submit("alice", "survey.S1", SurveyLifecycleTests.answers(4)).replies.first)
        #expect(good.fieldErrors.isEmpty)
        #expect(harness.state.surveys.form(formID: "survey.S1")?.id == "survey.S1")
        #expect(harness.state.surveys.form(formID: "survey.S7") == nil)
    }

    @Test("Field errors survive encoding and old messages without them still decode")
    func coding() throws {
        let message = OutboundMessage(
            id: "m1", audience: .channel, text: "t", fieldErrors: ["belonging": "Pick one number from 1 to 5."])
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(OutboundMessage.self, from: data) == message)
        let plain = try JSONEncoder().encode(OutboundMessage(id: "m2", audience: .channel, text: "t"))
        #expect(!String(decoding: plain, as: UTF8.self).contains("fieldErrors"))
        let old = Data(#"{"id":"m3","audience":{"channel":{}},"text":"hi","actions":[]}"#.utf8)
        #expect(try JSONDecoder().decode(OutboundMessage.self, from: old).fieldErrors.isEmpty)
    }
}
