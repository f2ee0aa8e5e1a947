/// A survey's questions, from the built-in library or the config's `surveys.templates`.
public struct SurveyTemplate: Codable, Sendable, Hashable {
    /// The name `/cop survey start` uses, like `community-health`.
    public var id: String
    /// The title members see.
    public var title: String
    /// A sentence or two above the questions: why it matters and that it is anonymous.
    public var intro: String
    /// The questions, in order.
    public var questions: [SurveyQuestion]

    /// A template.
    public init(id: String, title: String, intro: String = "", questions: [SurveyQuestion]) {
        self.id = id
        self.title = title
        self.intro = intro
        self.questions = questions
    }

    /// The question `id`, if any.
    func question(_ id: String) -> SurveyQuestion? {
        questions.first { $0.id == id }
    }
}

/// One question of a survey template.
public struct SurveyQuestion: Codable, Sendable, Hashable {
    /// The kinds of question.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A number from 1 to 5.
        case scale
        /// One of the options.
        case single
        /// Any number of the options.
        case multi
        /// Free text.
        case text
    }

    /// The key of the answer, unique in its template.
    public var id: String
    /// The question.
    public var text: String
    /// How it is answered.
    public var kind: Kind
    /// Whether every response must answer it.
    public var required: Bool
    /// The choices of `single` and `multi` questions.
    public var options: [SurveyOption]

    /// A question.
    public init(id: String, text: String, kind: Kind, required: Bool = false, options: [SurveyOption] = []) {
        self.id = id
        self.text = text
        self.kind = kind
        self.required = required
        self.options = options
    }

    /// The form field members fill in.
    var field: FormField {
        switch kind {
        case .scale:
            return FormField(
                id: id, label: "\(text) (1 = not at all, 5 = completely)", kind: .scale,
                options: (1...5).map { MessageAction(id: "\($0)", label: "\($0)") }, required: required)
        case .single:
            return FormField(id: id, label: text, kind: .single, options: options.map(\.action), required: required)
        case .multi:
            return FormField(id: id, label: text, kind: .multi, options: options.map(\.action), required: required)
        case .text:
            return FormField(id: id, label: text, kind: .textarea, required: required)
        }
    }
}

/// One choice of a `single` or `multi` question.
public struct SurveyOption: Codable, Sendable, Hashable {
    /// The id a submission sends, unique in its question.
    public var id: String
    /// What members read.
    public var label: String

    /// An option.
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }

    /// An option whose id is made from its label: lowercase letters and digits joined by `-`.
    public init(label: String) {
        self.init(id: Self.slug(label), label: label)
    }

    var action: MessageAction { MessageAction(id: id, label: label) }

    /// `Talks & demos` → `talks-demos`.
    public static func slug(_ label: String) -> String {
        var words: [String] = []
        var word = ""
        for character in label.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.isEmpty ? "option" : words.joined(separator: "-")
    }
}
