/// Why a survey could not be opened or changed, in one sentence that says what to do.
public struct SurveyProblem: Error, Sendable, Equatable {
    /// The sentence.
    public var message: String

    /// A problem.
    public init(_ message: String) {
        self.message = message
    }
}
