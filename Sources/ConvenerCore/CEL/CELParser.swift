/// A recursive-descent parser for CEL's grammar, producing `CELNode` trees.
struct CELParser {
    private var tokens: [CELToken]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 100
    private static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "in",
    ]

    /// Parses `source` into an expression tree.
    static func parse(_ source: String) throws(CELError) -> CELNode {
        var lexer = CELLexer(source)
        var parser = CELParser(tokens: try lexer.tokenize())
        let node = try parser.expression()
        guard case .end = parser.current.kind else {
            throw CELError(
                .syntax, "unexpected \(parser.describe(parser.current)) after the expression",
                at: parser.current.position)
        }
        return node
    }

    private init(tokens: [CELToken]) {
        self.tokens = tokens
    }

    private var current: CELToken { tokens[index] }

    private func isPunctuation(_ text: String) -> Bool {
        if case .punctuation(let value) = current.kind { return value == text }
        return false
    }

    private mutating func accept(_ text: String) -> Bool {
        guard isPunctuation(text) else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ text: String, _ context: String) throws(CELError) {
        guard accept(text) else {
            throw CELError(
                .syntax, "expected '\(text)' \(context) but found \(describe(current))",
                at: current.position)
        }
    }

    private func describe(_ token: CELToken) -> String {
        switch token.kind {
        case .identifier(let name): "'\(name)'"
        case .quotedIdentifier(let name): "`\(name)`"
        case .intLiteral(let value): "'\(value)'"
        case .uintLiteral(let value): "'\(value)u'"
        case .doubleLiteral(let value): "'\(value)'"
        case .stringLiteral: "a string literal"
        case .bytesLiteral: "a bytes literal"
        case .punctuation(let text): "'\(text)'"
        case .end: "the end of the expression"
        }
    }

    private mutating func nested<T>(_ body: (inout CELParser) throws(CELError) -> T) throws(CELError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw CELError(.syntax, "expression nests more than \(Self.maximumDepth) levels deep", at: current.position)
        }
        return try body(&self)
    }

    private mutating func expression() throws(CELError) -> CELNode {
        try nested { (parser: inout CELParser) throws(CELError) -> CELNode in
            let condition = try parser.logicalOr()
            guard parser.isPunctuation("?") else { return condition }
            let position = parser.current.position
            parser.index += 1
            let whenTrue = try parser.logicalOr()
            try parser.expect(":", "in a conditional (a ? b : c)")
            let whenFalse = try parser.expression()
            return CELNode(kind: .conditional(condition, whenTrue, whenFalse), position: position)
        }
    }

    private mutating func logicalOr() throws(CELError) -> CELNode {
        var left = try logicalAnd()
        while isPunctuation("||") {
            let position = current.position
            index += 1
            let right = try logicalAnd()
            left = CELNode(kind: .binary("||", left, right), position: position)
        }
        return left
    }

    private mutating func logicalAnd() throws(CELError) -> CELNode {
        var left = try relation()
        while isPunctuation("&&") {
            let position = current.position
            index += 1
            let right = try relation()
            left = CELNode(kind: .binary("&&", left, right), position: position)
        }
        return left
    }

    private mutating func relation() throws(CELError) -> CELNode {
        var left = try addition()
        while true {
            let position = current.position
            let op: String
            switch current.kind {
            case .punctuation(let text) where ["<", "<=", ">", ">=", "==", "!="].contains(text): op = text
            case .identifier("in"): op = "in"
            default: return left
            }
            index += 1
            let right = try addition()
            left = CELNode(kind: .binary(op, left, right), position: position)
        }
    }

    private mutating func addition() throws(CELError) -> CELNode {
        var left = try multiplication()
        while isPunctuation("+") || isPunctuation("-") {
            let position = current.position
            guard case .punctuation(let op) = current.kind else { break }
            index += 1
            let right = try multiplication()
            left = CELNode(kind: .binary(op, left, right), position: position)
        }
        return left
    }

    private mutating func multiplication() throws(CELError) -> CELNode {
        var left = try unary()
        while isPunctuation("*") || isPunctuation("/") || isPunctuation("%") {
            let position = current.position
            guard case .punctuation(let op) = current.kind else { break }
            index += 1
            let right = try unary()
            left = CELNode(kind: .binary(op, left, right), position: position)
        }
        return left
    }

    private mutating func unary() throws(CELError) -> CELNode {
        var operators: [(String, CELSourcePosition)] = []
        while isPunctuation("!") || isPunctuation("-") {
            guard case .punctuation(let op) = current.kind else { break }
            operators.append((op, current.position))
            index += 1
        }
        var operand: CELNode
        // Fold a minus directly before an integer literal so -9223372036854775808 is representable.
        if let last = operators.last, last.0 == "-", case .intLiteral(let magnitude) = current.kind,
            !(tokens[index + 1].kind == .punctuation(".") || tokens[index + 1].kind == .punctuation("["))
        {
            guard magnitude <= UInt64(Int64.max) + 1 else {
                throw CELError(.syntax, "integer literal -\(magnitude) is out of range", at: current.position)
            }
            let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            operand = CELNode(kind: .literal(.int(value)), position: last.1)
            index += 1
            operators.removeLast()
            operand = try memberSuffixes(operand)
        } else {
            operand = try member()
        }
        for (op, position) in operators.reversed() {
            operand = CELNode(kind: .unary(op, operand), position: position)
        }
        return operand
    }

    private mutating func member() throws(CELError) -> CELNode {
        try memberSuffixes(try primary())
    }

    private mutating func memberSuffixes(_ start: CELNode) throws(CELError) -> CELNode {
        var node = start
        while true {
            let position = current.position
            if accept(".") {
                let name: String
                switch current.kind {
                case .identifier(let identifier):
                    name = identifier
                case .quotedIdentifier(let identifier):
                    name = identifier
                    index += 1
                    node = CELNode(kind: .select(node, field: name), position: position)
                    continue
                default:
                    throw CELError(
                        .syntax, "expected a field or method name after '.' but found \(describe(current))",
                        at: current.position)
                }
                index += 1
                if accept("(") {
                    let arguments = try expressionList(closing: ")")
                    node = CELNode(kind: .call(name, target: node, arguments: arguments), position: position)
                } else {
                    node = CELNode(kind: .select(node, field: name), position: position)
                }
            } else if accept("[") {
                let subscriptNode = try expression()
                try expect("]", "to close the index")
                node = CELNode(kind: .index(node, subscriptNode), position: position)
            } else {
                return node
            }
        }
    }

    private mutating func expressionList(closing: String) throws(CELError) -> [CELNode] {
        var items: [CELNode] = []
        if accept(closing) { return items }
        while true {
            items.append(try expression())
            if accept(closing) { return items }
            try expect(",", "between items")
            if accept(closing) { return items }
        }
    }

    private mutating func primary() throws(CELError) -> CELNode {
        let token = current
        let position = token.position
        switch token.kind {
        case .intLiteral(let value):
            index += 1
            guard value <= UInt64(Int64.max) else {
                throw CELError(
                    .syntax, "integer literal \(value) is out of range for int; add 'u' for uint",
                    at: position)
            }
            return CELNode(kind: .literal(.int(Int64(value))), position: position)
        case .uintLiteral(let value):
            index += 1
            return CELNode(kind: .literal(.uint(value)), position: position)
        case .doubleLiteral(let value):
            index += 1
            return CELNode(kind: .literal(.double(value)), position: position)
        case .stringLiteral(let value):
            index += 1
            return CELNode(kind: .literal(.string(value)), position: position)
        case .bytesLiteral(let value):
            index += 1
            return CELNode(kind: .literal(.bytes(value)), position: position)
        case .identifier(let name):
            index += 1
            return try identifierOrCall(name, absolute: false, position: position)
        case .punctuation("."):
            index += 1
            guard case .identifier(let name) = current.kind else {
                throw CELError(.syntax, "expected an identifier after a leading '.'", at: current.position)
            }
            index += 1
            return try identifierOrCall(name, absolute: true, position: position)
        case .punctuation("("):
            index += 1
            let inner = try expression()
            try expect(")", "to close the parenthesis")
            return inner
        case .punctuation("["):
            index += 1
            let items = try nested { (parser: inout CELParser) throws(CELError) in
                try parser.expressionList(closing: "]")
            }
            return CELNode(kind: .list(items), position: position)
        case .punctuation("{"):
            index += 1
            return CELNode(kind: .map(try mapEntries()), position: position)
        default:
            throw CELError(.syntax, "expected an expression but found \(describe(token))", at: position)
        }
    }

    private mutating func identifierOrCall(_ name: String, absolute: Bool, position: CELSourcePosition)
        throws(CELError) -> CELNode
    {
        switch name {
        case "true" where !absolute: return CELNode(kind: .literal(.bool(true)), position: position)
        case "false" where !absolute: return CELNode(kind: .literal(.bool(false)), position: position)
        case "null" where !absolute: return CELNode(kind: .literal(.null), position: position)
        default: break
        }
        guard !Self.reservedWords.contains(name) else {
            throw CELError(.syntax, "'\(name)' is a reserved word and cannot be used as an identifier", at: position)
        }
        if accept("(") {
            let arguments = try expressionList(closing: ")")
            return CELNode(kind: .call(name, target: nil, arguments: arguments), position: position)
        }
        if isPunctuation("{") {
            try skipStructureBody()
            return CELNode(kind: .structure(name), position: position)
        }
        var node = CELNode(kind: .identifier(name, absolute: absolute), position: position)
        // Qualified message names (a.b.Msg{...}) are only recognised here to report them clearly.
        while isPunctuation("."), case .identifier = tokens[index + 1].kind {
            let save = index
            index += 1
            guard case .identifier(let field) = current.kind else { break }
            index += 1
            if isPunctuation("{") {
                try skipStructureBody()
                return CELNode(kind: .structure(field), position: position)
            }
            if isPunctuation("(") {
                index = save
                break
            }
            node = CELNode(kind: .select(node, field: field), position: tokens[save].position)
        }
        return node
    }

    private mutating func skipStructureBody() throws(CELError) {
        var balance = 0
        repeat {
            if isPunctuation("{") { balance += 1 }
            if isPunctuation("}") { balance -= 1 }
            if case .end = current.kind {
                throw CELError(.syntax, "unterminated message construction", at: current.position)
            }
            index += 1
        } while balance > 0
    }

    private mutating func mapEntries() throws(CELError) -> [CELMapEntryNode] {
        var entries: [CELMapEntryNode] = []
        if accept("}") { return entries }
        while true {
            let key = try expression()
            try expect(":", "between a map key and its value")
            let value = try expression()
            entries.append(CELMapEntryNode(key: key, value: value))
            if accept("}") { return entries }
            try expect(",", "between map entries")
            if accept("}") { return entries }
        }
    }
}
