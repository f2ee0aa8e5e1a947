/// Why one field of a submitted survey was refused, and what to do, so a platform can show it next to the field.
public struct SurveyFieldProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field's id (the question's id).
    public var field: String
    /// What is wrong and what to do.
    public var message: String

    /// A problem.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
