/// What a survey's answers add up to, with every aggregate that covers fewer than k answers left out.
public struct SurveyResults: Codable, Sendable, Equatable {
    /// How many responses the results are computed from.
    public var responses: Int
    /// The threshold k the results respect.
    public var threshold: Int
    /// Per question, in template order.
    public var questions: [SurveyQuestionResult]

    /// Results.
    public init(responses: Int, threshold: Int, questions: [SurveyQuestionResult]) {
        self.responses = responses
        self.threshold = threshold
        self.questions = questions
    }

    /// Tallies `responses` of `template`, hiding every aggregate that covers fewer than `threshold` answers;
    /// free text is included only when `shuffleTexts` is given, in the order it leaves them.
    static func tally(
        _ template: SurveyTemplate, responses: [SurveyResponse], threshold: Int,
        shuffleTexts: ((inout [String]) -> Void)?
    ) -> SurveyResults {
        let questions = template.questions.map { question -> SurveyQuestionResult in
            let answers = responses.compactMap { $0.answers[question.id] }
            var result = SurveyQuestionResult(id: question.id, text: question.text, kind: question.kind)
            guard answers.count >= threshold else { return result }
            result.answered = answers.count
            switch question.kind {
            case .scale:
                let values = answers.compactMap { answer -> Int? in
                    if case .scale(let value) = answer { return value }
                    return nil
                }
                result.counts = (1...5).map { value in
                    SurveyOptionCount(label: "\(value)", count: values.count { $0 == value })
                }
                result.mean = values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
            case .single, .multi:
                let chosen = answers.flatMap { answer -> [String] in
                    if case .choices(let ids) = answer { return ids }
                    return []
                }
                result.counts = question.options.map { option in
                    SurveyOptionCount(label: option.label, count: chosen.count { $0 == option.id })
                }
            case .text:
                guard let shuffleTexts else { break }
                var texts = answers.compactMap { answer -> String? in
                    if case .text(let text) = answer { return text }
                    return nil
                }
                shuffleTexts(&texts)
                result.texts = texts
            }
            return result
        }
        return SurveyResults(responses: responses.count, threshold: threshold, questions: questions)
    }

    /// The results as members and convenors read them, once the survey has closed.
    public var lines: [String] {
        var lines: [String] = []
        for (index, question) in questions.enumerated() {
            let head = "\(index + 1). \(question.text)"
            guard let answered = question.answered else {
                lines.append(
                    "\(head)\n   Hidden: fewer than \(threshold) answers, so nobody's answer can be singled out.")
                continue
            }
            switch question.kind {
            case .scale:
                let mean = question.mean.map { String(($0 * 10).rounded() / 10) } ?? "-"
                let spread = (question.counts ?? []).map { "\($0.label): \($0.count)" }.joined(separator: ", ")
                lines.append("\(head)\n   Average \(mean) of 5 from \(answered) answers (\(spread))")
            case .single, .multi:
                let counts = (question.counts ?? []).map { "\($0.label): \($0.count)" }.joined(separator: ", ")
                lines.append("\(head)\n   \(counts) (\(answered) answers)")
            case .text:
                let texts = (question.texts ?? []).map { "   • \($0)" }.joined(separator: "\n")
                lines.append("\(head) (\(answered) answers, in random order)\n\(texts)")
            }
        }
        return lines
    }
}

/// The aggregate of one question; every field stays nil when fewer than k answered it.
public struct SurveyQuestionResult: Codable, Sendable, Equatable {
    /// The question's id.
    public var id: String
    /// The question.
    public var text: String
    /// Its kind.
    public var kind: SurveyQuestion.Kind
    /// How many responses answered it, when at least k did.
    public var answered: Int?
    /// How often each option (or scale value 1-5) was chosen.
    public var counts: [SurveyOptionCount]?
    /// The average of a scale question.
    public var mean: Double?
    /// The free-text answers, in random order, after close.
    public var texts: [String]?

    /// A result with nothing shown yet.
    public init(id: String, text: String, kind: SurveyQuestion.Kind) {
        self.id = id
        self.text = text
        self.kind = kind
    }

    /// Whether anything about the answers is shown.
    public var isShown: Bool { answered != nil || counts != nil || mean != nil || texts != nil }
}

/// How many answers chose one option.
public struct SurveyOptionCount: Codable, Sendable, Equatable {
    /// The option's label, or the scale value.
    public var label: String
    /// How many chose it.
    public var count: Int

    /// A count.
    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }
}
