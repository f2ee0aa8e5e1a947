/// Why a rule cannot be compiled: which rule, which part, and (for expressions and templates) where in the text.
public struct RuleProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule's position in the list it was compiled with.
    public var ruleIndex: Int
    /// The rule's id as written ("" when it has none).
    public var ruleID: String
    /// The part of the rule, as YAML keys: `trigger.schedule.cron`, `conditions[1]`, `actions[0].post.text`.
    public var path: String
    /// What is wrong and what to do.
    public var message: String
    /// The 1-based line inside the expression or template text, when the problem is inside one.
    public var line: Int?
    /// The 1-based column (Unicode scalars) inside the expression or template text.
    public var column: Int?

    /// A problem.
    public init(ruleIndex: Int, ruleID: String, path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.ruleIndex = ruleIndex
        self.ruleID = ruleID
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    /// `rule 'id': path: message (at 1:12 in the expression)`.
    public var description: String {
        var text = ruleID.isEmpty ? "rule #\(ruleIndex + 1)" : "rule '\(ruleID)'"
        if !path.isEmpty { text += ": \(path)" }
        text += ": \(message)"
        if let line, let column { text += " (at \(line):\(column) in the text)" }
        return text
    }
}

/// Every problem found while compiling rules, in rule order.
public struct RuleProblems: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems.
    public var problems: [RuleProblem]

    /// Wraps `problems`.
    public init(_ problems: [RuleProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
