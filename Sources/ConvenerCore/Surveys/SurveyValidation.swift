import Foundation

/// Checks a submitted survey form against its template and turns it into a response.
enum SurveyValidation {
    /// The longest free-text answer, in characters.
    static let maximumTextLength = 2_000

    /// The response and every problem found (one per field, in question order, unknown fields last); the
    /// response counts only when there is no problem.
    static func response(_ values: [String: FormValue], template: SurveyTemplate)
        -> (response: SurveyResponse, problems: [SurveyFieldProblem])
    {
        var answers: [String: SurveyAnswer] = [:]
        var problems: [SurveyFieldProblem] = []
        for question in template.questions {
            switch answer(values[question.id], to: question) {
            case .success(let answer?): answers[question.id] = answer
            case .success(nil):
                if question.required {
                    problems.append(SurveyFieldProblem(field: question.id, message: missing(question)))
                }
            case .failure(let problem): problems.append(problem)
            }
        }
        for field in values.keys.sorted() where template.question(field) == nil {
            problems.append(
                SurveyFieldProblem(
                    field: field, message: "this survey has no question '\(field)'; leave it out and send again."))
        }
        return (SurveyResponse(answers: answers), problems)
    }

    private static func answer(_ value: FormValue?, to question: SurveyQuestion)
        -> Result<SurveyAnswer?, SurveyFieldProblem>
    {
        let words: [String]
        switch value {
        case nil: words = []
        case .text(let text):
            let trimmed = text.trimmingWhitespace
            words = trimmed.isEmpty ? [] : [trimmed]
        case .choices(let ids): words = ids.filter { !$0.isEmpty }
        }
        guard !words.isEmpty else { return .success(nil) }
        let fail = { (message: String) in
            Result<SurveyAnswer?, SurveyFieldProblem>.failure(
                SurveyFieldProblem(field: question.id, message: message))
        }
        switch question.kind {
        case .scale:
            guard words.count == 1, let number = Int(words[0]), (1...5).contains(number) else {
                return fail("pick one number from 1 to 5.")
            }
            return .success(.scale(number))
        case .single:
            guard words.count == 1 else { return fail("pick just one option.") }
            guard question.options.contains(where: { $0.id == words[0] }) else {
                return fail("'\(words[0])' is not one of the options; pick one of \(optionList(question)).")
            }
            return .success(.choices(words))
        case .multi:
            if let unknown = words.first(where: { id in !question.options.contains { $0.id == id } }) {
                return fail("'\(unknown)' is not one of the options; pick from \(optionList(question)).")
            }
            guard Set(words).count == words.count else { return fail("pick each option at most once.") }
            // Stored in the template's order, so the order of clicks says nothing.
            return .success(.choices(question.options.map(\.id).filter(words.contains)))
        case .text:
            guard words.count == 1 else { return fail("write your answer as one text.") }
            guard words[0].count <= maximumTextLength else {
                return fail("shorten your answer to \(maximumTextLength) characters (it has \(words[0].count)).")
            }
            return .success(.text(words[0]))
        }
    }

    private static func missing(_ question: SurveyQuestion) -> String {
        switch question.kind {
        case .scale: "this question needs an answer: pick a number from 1 to 5."
        case .single: "this question needs an answer: pick one option."
        case .multi: "this question needs an answer: pick at least one option."
        case .text: "this question needs an answer: write a few words."
        }
    }

    private static func optionList(_ question: SurveyQuestion) -> String {
        question.options.map(\.id).joined(separator: ", ")
    }
}
