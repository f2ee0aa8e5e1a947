/// The variables an expression may use, with their static types, checked when a program compiles.
public struct CELDeclarations: Sendable {
    /// Declared variables by name; qualified names such as `a.b.c` are allowed.
    public var variables: [String: CELType]
    /// When false, unknown variables, unknown functions and type mismatches surface as evaluation errors
    /// instead of compile errors (the conformance suite's `disable_check`).
    public var typeChecking: Bool

    /// Declarations of `variables`, type-checked unless `typeChecking` is false.
    public init(_ variables: [String: CELType] = [:], typeChecking: Bool = true) {
        self.variables = variables
        self.typeChecking = typeChecking
    }

    /// No variables; type checking on.
    public static let none = CELDeclarations()
}

/// The variable bindings an expression is evaluated against.
public struct CELActivation: Sendable {
    /// Values by variable name.
    public var variables: [String: CELValue]

    /// An activation binding `variables`.
    public init(_ variables: [String: CELValue] = [:]) {
        self.variables = variables
    }

    /// The value bound to `name`, or nil.
    public subscript(name: String) -> CELValue? {
        get { variables[name] }
        set { variables[name] = newValue }
    }
}
