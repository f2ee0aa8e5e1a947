/// One answer to one question.
public enum SurveyAnswer: Codable, Sendable, Hashable {
    /// A number from 1 to 5.
    case scale(Int)
    /// The ids of the chosen options (one for `single`).
    case choices([String])
    /// Free text.
    case text(String)
}

/// One member's answers to a survey, by question id; it never says who gave them or when.
public struct SurveyResponse: Codable, Sendable, Hashable {
    /// The answers, by question id; unanswered optional questions are absent.
    public var answers: [String: SurveyAnswer]

    /// A response.
    public init(answers: [String: SurveyAnswer]) {
        self.answers = answers
    }
}

/// An answer waiting for its shuffled batch. In memory it names the member only so the batch can count their
/// activity; it is never encoded into state and its fact is never journaled. On disk it waits in the survey's
/// sealed pool file, with no member id and apart from its token (see `SealedPoolImage`).
public struct SurveyPoolEntry: Codable, Sendable, Equatable {
    /// Who answered; nil once restored from the sealed pool after a restart, which never says. A restored entry's
    /// token and response are each one of the pool's, not necessarily each other's: a batch separates them anyway.
    public var member: MemberID?
    /// Their participation token.
    public var token: String
    /// What they answered.
    public var response: SurveyResponse

    /// An entry.
    public init(member: MemberID?, token: String, response: SurveyResponse) {
        self.member = member
        self.token = token
        self.response = response
    }
}
