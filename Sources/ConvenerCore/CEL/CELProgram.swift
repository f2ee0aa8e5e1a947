/// A compiled CEL expression: parse and check once, then evaluate many times against different activations.
public struct CELProgram: Sendable {
    /// The source text the program was compiled from.
    public let source: String
    /// The statically inferred type of the result (`dyn` when it depends on run-time values).
    public let resultType: CELType
    /// The variables the program reads from an activation; binding only these is enough to evaluate it.
    public let variablesRead: Set<String>
    private let root: CELEvaluator
    private let slotCount: Int

    /// Parses and type-checks `source` against `declarations`; errors carry line and column.
    public static func compile(_ source: String, declarations: CELDeclarations = .none) throws(CELError)
        -> CELProgram
    {
        let node = try CELParser.parse(source)
        var compiler = CELCompiler(declarations: declarations)
        let compiled = try compiler.compile(node)
        return CELProgram(
            source: source, resultType: compiled.type, variablesRead: compiler.variablesRead, root: compiled.evaluate,
            slotCount: compiler.slotCount)
    }

    private init(
        source: String, resultType: CELType, variablesRead: Set<String>, root: @escaping CELEvaluator, slotCount: Int
    ) {
        self.source = source
        self.resultType = resultType
        self.variablesRead = variablesRead
        self.root = root
        self.slotCount = slotCount
    }

    /// Evaluates the program with `activation`'s variable bindings.
    public func evaluate(_ activation: CELActivation) -> Result<CELValue, CELError> {
        let frame = CELFrame(variables: activation.variables, slotCount: slotCount)
        do throws(CELError) {
            return .success(try root(frame))
        } catch {
            return .failure(error)
        }
    }

    /// Evaluates the program as a rule condition, which must produce a bool.
    public func evaluateCondition(_ activation: CELActivation) -> Result<Bool, CELError> {
        switch evaluate(activation) {
        case .success(.bool(let flag)): .success(flag)
        case .success(let other):
            .failure(
                CELError(
                    .evaluation, "the condition must evaluate to a bool, but produced \(other.celTypeName)",
                    line: 1, column: 1))
        case .failure(let error): .failure(error)
        }
    }

    /// Evaluates the program with `variables` bound.
    public func evaluate(_ variables: [String: CELValue] = [:]) -> Result<CELValue, CELError> {
        evaluate(CELActivation(variables))
    }
}

/// A compiled node: evaluates against a frame, throwing CEL errors.
typealias CELEvaluator = @Sendable (CELFrame) throws(CELError) -> CELValue

/// The mutable state of one evaluation: the variable bindings and the comprehension variables' slots.
final class CELFrame {
    /// The activation's bindings.
    let variables: [String: CELValue]
    /// Comprehension variables by compile-time slot.
    var locals: [CELValue]

    /// A frame for one evaluation with `slotCount` comprehension slots.
    init(variables: [String: CELValue], slotCount: Int) {
        self.variables = variables
        locals = slotCount == 0 ? [] : Array(repeating: .null, count: slotCount)
    }
}
