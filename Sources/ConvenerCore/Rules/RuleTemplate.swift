import Foundation

/// Text with `{{ expression }}` placeholders, each a CEL expression over the rule's variables.
///
/// A template is built from its source text (`RuleTemplate(source)`), which only splits it; `RuleCompiler`
/// compiles the placeholders against the rule's declarations, and `render` evaluates them.
public struct RuleTemplate: Sendable, CustomStringConvertible {
    /// One piece of a template.
    public enum Segment: Sendable {
        /// Literal text.
        case text(String)
        /// A placeholder: the CEL source, where it starts in the template (1-based line and column of the
        /// expression's first character), and the compiled program once compiled.
        case expression(source: String, line: Int, column: Int, program: CELProgram?)
    }

    /// The template as written.
    public let source: String
    /// The pieces in order.
    public private(set) var segments: [Segment]
    /// Why the template cannot be split (an unclosed `{{`), with its position; nil when it is well formed.
    public let syntaxProblem: (message: String, line: Int, column: Int)?

    /// Splits `source` into text and placeholders.
    public init(_ source: String) {
        self.source = source
        var segments: [Segment] = []
        var problem: (String, Int, Int)?
        var literal = ""
        var scalars = Array(source.unicodeScalars)[...]
        var line = 1
        var column = 1
        func advance(_ count: Int) -> String {
            var taken = String.UnicodeScalarView()
            for _ in 0..<count {
                guard let scalar = scalars.popFirst() else { break }
                taken.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return String(taken)
        }
        while !scalars.isEmpty {
            if scalars.starts(with: "{{".unicodeScalars) {
                let openLine = line
                let openColumn = column
                _ = advance(2)
                guard let close = Self.closingIndex(in: scalars) else {
                    problem = (
                        "'{{' at line \(openLine), column \(openColumn) is never closed; close it with '}}'",
                        openLine, openColumn
                    )
                    literal += "{{" + advance(scalars.count)
                    break
                }
                while let first = scalars.first, first == " " || first == "\t" || first == "\n" { _ = advance(1) }
                let startLine = line
                let startColumn = column
                let length = scalars.distance(from: scalars.startIndex, to: close)
                let expression = advance(length).trimmingCharacters(in: .whitespacesAndNewlines)
                _ = advance(2)
                if !literal.isEmpty { segments.append(.text(literal)) }
                literal = ""
                segments.append(.expression(source: expression, line: startLine, column: startColumn, program: nil))
            } else {
                literal += advance(1)
            }
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        self.segments = segments
        self.syntaxProblem = problem.map { (message: $0.0, line: $0.1, column: $0.2) }
    }

    /// The template as written.
    public var description: String { source }

    /// Whether the template has no placeholders.
    public var isConstant: Bool {
        !segments.contains { if case .expression = $0 { true } else { false } }
    }

    /// The variables the compiled placeholders read.
    var variablesRead: Set<String> {
        segments.reduce(into: []) { names, segment in
            if case .expression(_, _, _, let program?) = segment { names.formUnion(program.variablesRead) }
        }
    }

    /// Compiles every placeholder with `compile`, which returns the program or throws the problem.
    mutating func compilePlaceholders(_ compile: (String) throws(CELError) -> CELProgram) throws(CELError) {
        for index in segments.indices {
            guard case .expression(let source, let line, let column, _) = segments[index] else { continue }
            guard !source.isEmpty else {
                throw CELError(
                    .syntax, "empty placeholder '{{ }}'; write an expression such as {{ member.name }}",
                    line: line, column: column)
            }
            do throws(CELError) {
                let program = try compile(source)
                segments[index] = .expression(source: source, line: line, column: column, program: program)
            } catch {
                // Report the position inside the whole template text, not inside the placeholder.
                let errorColumn = error.line <= 1 ? column + max(error.column, 1) - 1 : error.column
                throw CELError(error.kind, error.message, line: line + max(error.line, 1) - 1, column: errorColumn)
            }
        }
    }

    /// The text with every placeholder replaced by its value; the first evaluation error, if any.
    public func render(_ activation: CELActivation) -> Result<String, CELError> {
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text):
                output += text
            case .expression(let source, let line, let column, let program):
                guard let program else {
                    return .failure(
                        CELError(
                            .check, "placeholder '\(source)' was not compiled", line: line,
                            column: column))
                }
                switch program.evaluate(activation) {
                case .success(let value): output += RuleValueText.text(of: value)
                case .failure(let error): return .failure(error)
                }
            }
        }
        return .success(output)
    }

    private static func closingIndex(in scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar>.Index? {
        var index = scalars.startIndex
        var quote: Unicode.Scalar?
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" {
                    index += 1
                } else if scalar == open {
                    quote = nil
                }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "}", index + 1 < scalars.endIndex, scalars[index + 1] == "}" {
                return index
            }
            index += 1
        }
        return nil
    }
}
