/// A problem with one argument, before the parser knows which usage to show with it.
struct CommandProblem: Error, Sendable, Equatable {
    /// One sentence naming the problem.
    let message: String
}
