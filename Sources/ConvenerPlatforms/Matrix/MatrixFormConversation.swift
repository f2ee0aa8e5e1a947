import ConvenerCore
import Foundation

/// A form (a survey, a reply to feedback) answered in the member's 1:1 room one question at a time, since Matrix
/// has no modals: each answer is checked as it comes (a choice by number or label, as Discord's typed answers
/// are), `skip` passes an optional question, `cancel` stops without submitting; after the last question the
/// answers are submitted together, like any platform's form.
public struct MatrixFormConversation: Codable, Sendable, Equatable {
    /// The form being answered.
    public var form: MessageForm
    /// The answers so far, as typed, by field id.
    public var answers: [String: String]
    /// The index of the question being asked.
    public var next: Int

    /// A conversation about to ask `form`'s first question.
    public init(form: MessageForm) {
        self.form = form
        self.answers = [:]
        self.next = 0
    }

    /// What the member's answer leads to.
    public enum Step: Sendable, Equatable {
        /// Ask `text` (the next question, or the same one again with why the answer was refused).
        case ask(MatrixFormConversation, text: String)
        /// Submit these values: the last question is answered.
        case submit(formID: String, values: [String: FormValue])
        /// The member stopped; nothing is submitted.
        case cancelled
    }

    /// The current question, as the room shows it.
    public var question: String {
        guard form.fields.indices.contains(next) else { return "" }
        let field = form.fields[next]
        var text = "Question \(next + 1) of \(form.fields.count): \(field.label)"
        switch field.kind {
        case .single: text += "\nAnswer with one number: " + DiscordModalRenderer.listing(for: field)
        case .multi: text += "\nAnswer with numbers separated by commas: " + DiscordModalRenderer.listing(for: field)
        case .scale: text += "\nAnswer with one of: " + DiscordModalRenderer.listing(for: field)
        case .text, .textarea: break
        }
        text += field.required ? "" : "\n(Optional: reply `skip` to leave it out.)"
        return text
    }

    /// The step `text`, the member's reply to the current question, leads to.
    public func answering(_ text: String) -> Step {
        let reply = text.trimmingWhitespace
        if reply.lowercased() == "cancel" { return .cancelled }
        guard form.fields.indices.contains(next) else { return .cancelled }
        let field = form.fields[next]
        var following = self
        if reply.lowercased() == "skip" || reply.isEmpty {
            guard !field.required else { return .ask(self, text: "This question needs an answer.\n\n" + question) }
        } else {
            let one = MessageForm(id: form.id, title: form.title, fields: [field])
            do {
                _ = try DiscordModalAnswers.resolve([field.id: .text(reply)], against: one)
            } catch {
                return .ask(self, text: "\(error)\n\n" + question)
            }
            following.answers[field.id] = reply
        }
        following.next += 1
        guard following.next == form.fields.count else { return .ask(following, text: following.question) }
        do {
            let values = try DiscordModalAnswers.resolve(following.answers.mapValues { .text($0) }, against: form)
            return .submit(formID: form.id, values: values)
        } catch {
            return .ask(self, text: "\(error)\n\n" + question)
        }
    }
}
