/// An error from parsing, checking or evaluating a CEL expression, with its 1-based source position.
public struct CELError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The phase that produced an error.
    public enum Kind: String, Sendable, Equatable {
        /// The source text is not valid CEL syntax.
        case syntax
        /// The expression is syntactically valid but refers to unknown names or mismatched types.
        case check
        /// The expression failed while being evaluated (division by zero, missing key, overflow, ...).
        case evaluation
    }

    /// The phase that produced this error.
    public var kind: Kind
    /// A human-readable explanation of what went wrong and, where possible, what to do.
    public var message: String
    /// The 1-based line of the offending token (0 when unknown).
    public var line: Int
    /// The 1-based column of the offending token, counted in Unicode scalars (0 when unknown).
    public var column: Int

    /// Creates an error of `kind` with `message` at `line`:`column`.
    public init(_ kind: Kind, _ message: String, line: Int, column: Int) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    /// Creates an error of `kind` with `message` at `position`.
    init(_ kind: Kind, _ message: String, at position: CELSourcePosition) {
        self.init(kind, message, line: position.line, column: position.column)
    }

    /// The error as `line:column: message`, the form `convener rules eval` prints.
    public var description: String {
        "\(line):\(column): \(kind.rawValue) error: \(message)"
    }
}

/// A 1-based line and column in a CEL source text.
public struct CELSourcePosition: Sendable, Equatable {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a position at `line`:`column`.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
