import Foundation

/// A node compiled to a closure, with its static type and, when known at compile time, its value.
struct CELCompiled {
    /// The static type.
    var type: CELType
    /// Evaluates the node.
    var evaluate: CELEvaluator
    /// The value, when known at compile time.
    var constant: CELValue?

    /// A node that always yields `value`.
    static func constant(_ value: CELValue, _ type: CELType) -> CELCompiled {
        CELCompiled(type: type, evaluate: { _ throws(CELError) in value }, constant: value)
    }
}

/// Resolves names, checks types and turns a `CELNode` tree into a tree of closures.
struct CELCompiler {
    /// The declared variables and checking mode.
    let declarations: CELDeclarations
    private(set) var slotCount = 0
    /// The declared (or, unchecked, possibly bound) variables the compiled expression reads.
    private(set) var variablesRead: Set<String> = []
    private var depth = 0
    // Compilation and evaluation recurse once per tree level; bound it so huge inputs cannot exhaust the stack.
    private static let maximumDepth = 250
    private var scopes: [(name: String, slot: Int, type: CELType)] = []

    /// Names that denote type values.
    static let typeNames: Set<String> = [
        "int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type",
        "google.protobuf.Timestamp", "google.protobuf.Duration",
    ]
    private static let macros: Set<String> = ["all", "exists", "exists_one", "map", "filter"]

    /// A compiler for `declarations`.
    init(declarations: CELDeclarations) {
        self.declarations = declarations
    }

    /// Throws a check error when type checking is on; otherwise lets evaluation report the problem.
    private func checkFailure(_ message: String, at position: CELSourcePosition) throws(CELError) {
        if declarations.typeChecking { throw CELError(.check, message, at: position) }
    }

    /// Compiles `node` and everything below it.
    mutating func compile(_ node: CELNode) throws(CELError) -> CELCompiled {
        let position = node.position
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw CELError(
                .syntax, "expression is too deeply nested (more than \(Self.maximumDepth) operations in a chain)",
                at: position)
        }
        switch node.kind {
        case .literal(let value):
            return .constant(value, Self.staticType(of: value))
        case .identifier(let name, _):
            return try resolve([(name, position)])
        case .select(let operand, let field):
            if let path = qualifiedPath(node), scopes.last(where: { $0.name == path[0].name }) == nil {
                return try resolve(path)
            }
            return try select(try compile(operand), field, at: position)
        case .index(let container, let key):
            return try index(try compile(container), try compile(key), at: position)
        case .call(let name, let target, let arguments):
            return try call(name, target: target, arguments: arguments, at: position)
        case .list(let items):
            return try list(items, at: position)
        case .map(let entries):
            return try map(entries, at: position)
        case .structure(let name):
            throw CELError(
                .check, "message construction '\(name){...}' is not supported; use a map literal",
                at: position)
        case .unary(let op, let operand):
            return try unary(op, try compile(operand), at: position)
        case .binary("&&", let left, let right):
            return try logical(and: true, try compile(left), try compile(right), at: position)
        case .binary("||", let left, let right):
            return try logical(and: false, try compile(left), try compile(right), at: position)
        case .binary(let op, let left, let right):
            return try binary(op, try compile(left), try compile(right), at: position)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return try conditional(
                try compile(condition), try compile(whenTrue), try compile(whenFalse),
                at: position)
        }
    }

    /// The static type of a constant.
    static func staticType(of value: CELValue) -> CELType {
        switch value {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list: .list(.dyn)
        case .map: .map(.dyn, .dyn)
        case .timestamp: .timestamp
        case .duration: .duration
        case .type: .type
        }
    }

    // MARK: - Names

    /// `a.b.c` as its names and their positions, when the node is a chain of selections on an identifier.
    private func qualifiedPath(_ node: CELNode) -> [(name: String, position: CELSourcePosition)]? {
        switch node.kind {
        case .identifier(let name, _): return [(name, node.position)]
        case .select(let operand, let field): return qualifiedPath(operand).map { $0 + [(field, node.position)] }
        default: return nil
        }
    }

    /// Resolves a (possibly qualified) name: locals first, then the longest declared prefix, then type names.
    private mutating func resolve(_ path: [(name: String, position: CELSourcePosition)]) throws(CELError)
        -> CELCompiled
    {
        let root = path[0]
        if let local = scopes.last(where: { $0.name == root.name }) {
            let slot = local.slot
            var result = CELCompiled(type: local.type, evaluate: { frame throws(CELError) in frame.locals[slot] })
            for field in path.dropFirst() { result = try select(result, field.name, at: field.position) }
            return result
        }
        for length in stride(from: path.count, through: 1, by: -1) {
            let name = path[0..<length].map(\.name).joined(separator: ".")
            var result: CELCompiled
            if let type = declarations.variables[name] {
                variablesRead.insert(name)
                let position = root.position
                result = CELCompiled(
                    type: type,
                    evaluate: { frame throws(CELError) in
                        guard let value = frame.variables[name] else {
                            throw CELError(.evaluation, "no value bound for variable '\(name)'", at: position)
                        }
                        return value
                    })
            } else if Self.typeNames.contains(name) {
                result = .constant(.type(name), .type)
            } else {
                continue
            }
            for field in path[length...] { result = try select(result, field.name, at: field.position) }
            return result
        }
        try checkFailure(
            "undeclared reference to '\(root.name)'; declared variables: "
                + declarations.variables.keys.sorted().joined(separator: ", "), at: root.position)
        // Unchecked: try the longest bound prefix at run time.
        let names = (1...path.count).reversed().map { path[0..<$0].map(\.name).joined(separator: ".") }
        variablesRead.formUnion(names)
        let fields = path.map { ($0.name, $0.position) }
        return CELCompiled(
            type: .dyn,
            evaluate: { frame throws(CELError) in
                for (offset, candidate) in names.enumerated() {
                    guard var value = frame.variables[candidate] else { continue }
                    for (field, position) in fields[(fields.count - offset)...] {
                        value = try Self.selectField(value, field, at: position)
                    }
                    return value
                }
                throw CELError(.evaluation, "undeclared reference to '\(root.name)'", at: root.position)
            })
    }

    // MARK: - Selection and indexing

    private func select(_ operand: CELCompiled, _ field: String, at position: CELSourcePosition) throws(CELError)
        -> CELCompiled
    {
        let type: CELType
        switch operand.type {
        case .object(let name, let fields):
            guard let fieldType = fields[field] else {
                throw CELError(
                    .check,
                    "'\(name)' has no field '\(field)'; known fields: "
                        + fields.keys.sorted().joined(separator: ", "), at: position)
            }
            type = fieldType
        case .map(let key, let value):
            if key != .string && !key.isDyn {
                try checkFailure("cannot select '.\(field)' on \(operand.type): keys are not strings", at: position)
            }
            type = value
        case .dyn: type = .dyn
        default:
            try checkFailure("type '\(operand.type)' has no fields (selecting '.\(field)')", at: position)
            type = .dyn
        }
        let evaluate = operand.evaluate
        return CELCompiled(
            type: type,
            evaluate: { frame throws(CELError) in
                try Self.selectField(try evaluate(frame), field, at: position)
            })
    }

    /// `value.field` at run time.
    static func selectField(_ value: CELValue, _ field: String, at position: CELSourcePosition) throws(CELError)
        -> CELValue
    {
        guard case .map(let map) = value else {
            throw CELError(
                .evaluation, "no such overload: cannot select field '\(field)' on \(value.celTypeName)",
                at: position)
        }
        guard let result = map[field] else {
            throw CELError(.evaluation, "no such key: '\(field)'", at: position)
        }
        return result
    }

    private func index(_ container: CELCompiled, _ key: CELCompiled, at position: CELSourcePosition)
        throws(CELError) -> CELCompiled
    {
        let type: CELType
        switch container.type {
        case .list(let element):
            if !(key.type == .int || key.type == .uint || key.type.isDyn) {
                try checkFailure("list index must be an int, not \(key.type)", at: position)
            }
            type = element
        case .map(let keyType, let value):
            if !keyType.isCompatible(with: key.type) && !(isNumeric(keyType) && isNumeric(key.type)) {
                try checkFailure("map with \(keyType) keys indexed by \(key.type)", at: position)
            }
            type = value
        case .object(_, let fields):
            type =
                key.constant.flatMap { constant in
                    if case .string(let name) = constant { fields[name] } else { nil }
                } ?? .dyn
        case .dyn: type = .dyn
        default:
            try checkFailure("type '\(container.type)' cannot be indexed", at: position)
            type = .dyn
        }
        let containerEval = container.evaluate
        let keyEval = key.evaluate
        return fold(
            CELCompiled(
                type: type,
                evaluate: { frame throws(CELError) in
                    try CELOperators.index(try containerEval(frame), try keyEval(frame), at: position)
                }), [container, key])
    }

    // MARK: - Literals

    private mutating func list(_ items: [CELNode], at position: CELSourcePosition) throws(CELError) -> CELCompiled {
        var compiled: [CELCompiled] = []
        for item in items { compiled.append(try compile(item)) }
        let elementType = compiled.dropFirst().reduce(compiled.first?.type ?? .dyn) { $0.joined(with: $1.type) }
        let evaluators = compiled.map(\.evaluate)
        return fold(
            CELCompiled(
                type: .list(elementType),
                evaluate: { frame throws(CELError) in
                    var values: [CELValue] = []
                    values.reserveCapacity(evaluators.count)
                    for evaluate in evaluators { values.append(try evaluate(frame)) }
                    return .list(values)
                }), compiled)
    }

    private mutating func map(_ entries: [CELMapEntryNode], at position: CELSourcePosition) throws(CELError)
        -> CELCompiled
    {
        var keys: [CELCompiled] = []
        var values: [CELCompiled] = []
        for entry in entries {
            let key = try compile(entry.key)
            switch key.type {
            case .bool, .int, .uint, .string, .dyn: break
            default:
                try checkFailure("map keys must be bool, int, uint or string, not \(key.type)", at: entry.key.position)
            }
            keys.append(key)
            values.append(try compile(entry.value))
        }
        let keyType = keys.dropFirst().reduce(keys.first?.type ?? .dyn) { $0.joined(with: $1.type) }
        let valueType = values.dropFirst().reduce(values.first?.type ?? .dyn) { $0.joined(with: $1.type) }
        let pairs = zip(zip(keys.map(\.evaluate), values.map(\.evaluate)), entries.map(\.key.position)).map {
            ($0.0, $0.1, $1)
        }
        return fold(
            CELCompiled(
                type: .map(keyType, valueType),
                evaluate: { frame throws(CELError) in
                    var map = CELMap()
                    for (keyEval, valueEval, keyPosition) in pairs {
                        let key = try keyEval(frame)
                        let value = try valueEval(frame)
                        guard CELMapKey.isValidKey(key) else {
                            throw CELError(.evaluation, "unsupported map key type \(key.celTypeName)", at: keyPosition)
                        }
                        guard map.insert(value, forKey: key) else {
                            throw CELError(
                                .evaluation, "Failed with repeated key: \(CELJSON.render(key))", at: keyPosition)
                        }
                    }
                    return .map(map)
                }), keys + values)
    }

    /// Evaluates nodes whose inputs are all constants once, at compile time (errors stay for run time).
    private func fold(_ node: CELCompiled, _ inputs: [CELCompiled]) -> CELCompiled {
        guard inputs.allSatisfy({ $0.constant != nil }) else { return node }
        do throws(CELError) {
            let value = try node.evaluate(CELFrame(variables: [:], slotCount: 0))
            return .constant(value, node.type)
        } catch {
            return node
        }
    }

    // MARK: - Operators

    private func isNumeric(_ type: CELType) -> Bool {
        type == .int || type == .uint || type == .double
    }

    private func unary(_ op: String, _ operand: CELCompiled, at position: CELSourcePosition) throws(CELError)
        -> CELCompiled
    {
        let evaluate = operand.evaluate
        if op == "!" {
            if operand.type != .bool && !operand.type.isDyn {
                try checkFailure("'!' needs a bool, not \(operand.type)", at: position)
            }
            return fold(
                CELCompiled(
                    type: .bool,
                    evaluate: { frame throws(CELError) in
                        let value = try evaluate(frame)
                        guard case .bool(let flag) = value else {
                            throw CELOperators.noOverload("!", [value], at: position)
                        }
                        return .bool(!flag)
                    }), [operand])
        }
        switch operand.type {
        case .int, .double, .duration, .dyn: break
        default: try checkFailure("unary '-' needs an int, double or duration, not \(operand.type)", at: position)
        }
        return fold(
            CELCompiled(
                type: operand.type,
                evaluate: { frame throws(CELError) in
                    try CELOperators.negate(try evaluate(frame), at: position)
                }), [operand])
    }

    /// `&&` / `||` with CEL's commutative semantics: a decisive value on either side absorbs errors.
    private func logical(and isAnd: Bool, _ left: CELCompiled, _ right: CELCompiled, at position: CELSourcePosition)
        throws(CELError) -> CELCompiled
    {
        let op = isAnd ? "&&" : "||"
        for side in [left, right] where side.type != .bool && !side.type.isDyn {
            try checkFailure("'\(op)' needs bool operands, not \(side.type)", at: position)
        }
        let leftEval = left.evaluate
        let rightEval = right.evaluate
        let decisive = !isAnd
        return fold(
            CELCompiled(
                type: .bool,
                evaluate: { frame throws(CELError) in
                    var pending: CELError?
                    do throws(CELError) {
                        let value = try leftEval(frame)
                        if case .bool(let flag) = value {
                            if flag == decisive { return value }
                        } else {
                            pending = CELOperators.noOverload(op, [value], at: position)
                        }
                    } catch {
                        pending = error
                    }
                    let value: CELValue
                    do throws(CELError) {
                        value = try rightEval(frame)
                    } catch {
                        throw pending ?? error
                    }
                    guard case .bool(let flag) = value else {
                        throw pending ?? CELOperators.noOverload(op, [value], at: position)
                    }
                    if flag == decisive { return value }
                    if let pending { throw pending }
                    return value
                }), [left, right])
    }

    private func conditional(
        _ condition: CELCompiled, _ whenTrue: CELCompiled, _ whenFalse: CELCompiled,
        at position: CELSourcePosition
    ) throws(CELError) -> CELCompiled {
        if condition.type != .bool && !condition.type.isDyn {
            try checkFailure("the condition of '?:' must be a bool, not \(condition.type)", at: position)
        }
        let conditionEval = condition.evaluate
        let trueEval = whenTrue.evaluate
        let falseEval = whenFalse.evaluate
        return fold(
            CELCompiled(
                type: whenTrue.type.joined(with: whenFalse.type),
                evaluate: { frame throws(CELError) in
                    let value = try conditionEval(frame)
                    guard case .bool(let flag) = value else {
                        throw CELOperators.noOverload("?:", [value], at: position)
                    }
                    return flag ? try trueEval(frame) : try falseEval(frame)
                }), [condition, whenTrue, whenFalse])
    }

    private func binary(_ op: String, _ left: CELCompiled, _ right: CELCompiled, at position: CELSourcePosition)
        throws(CELError) -> CELCompiled
    {
        let type = try binaryType(op, left.type, right.type, at: position)
        let l = left.evaluate
        let r = right.evaluate
        let evaluate: CELEvaluator
        switch op {
        case "==": evaluate = { frame throws(CELError) in .bool(try l(frame).celEquals(try r(frame))) }
        case "!=": evaluate = { frame throws(CELError) in .bool(!(try l(frame).celEquals(try r(frame)))) }
        case "<", "<=", ">", ">=":
            evaluate = { frame throws(CELError) in
                .bool(try CELOperators.compare(op, try l(frame), try r(frame), at: position))
            }
        case "in":
            evaluate = { frame throws(CELError) in
                .bool(try CELOperators.contains(try l(frame), in: try r(frame), at: position))
            }
        case "+":
            evaluate = { frame throws(CELError) in try CELOperators.add(try l(frame), try r(frame), at: position) }
        case "-":
            evaluate = { frame throws(CELError) in try CELOperators.subtract(try l(frame), try r(frame), at: position) }
        case "*":
            evaluate = { frame throws(CELError) in try CELOperators.multiply(try l(frame), try r(frame), at: position) }
        case "/":
            evaluate = { frame throws(CELError) in try CELOperators.divide(try l(frame), try r(frame), at: position) }
        default:
            evaluate = { frame throws(CELError) in
                try CELOperators.remainder(try l(frame), try r(frame), at: position)
            }
        }
        return fold(CELCompiled(type: type, evaluate: evaluate), [left, right])
    }

    /// The result type of a binary operator, or a check error when no overload can apply.
    private func binaryType(_ op: String, _ left: CELType, _ right: CELType, at position: CELSourcePosition)
        throws(CELError) -> CELType
    {
        let l = left.kindOnly
        let r = right.kindOnly
        let mismatch = "no matching overload for '\(op)' applied to (\(left), \(right))"
        switch op {
        case "==", "!=":
            if !left.isCompatible(with: right) && left != .null && right != .null
                && !(isNumeric(left) && isNumeric(right))
            {
                try checkFailure(mismatch, at: position)
            }
            return .bool
        case "<", "<=", ">", ">=":
            let orderable: [CELType] = [.int, .uint, .double, .string, .bytes, .bool, .timestamp, .duration]
            let valid = l.isDyn || r.isDyn || (l == r && orderable.contains(l)) || (isNumeric(l) && isNumeric(r))
            if !valid { try checkFailure(mismatch, at: position) }
            return .bool
        case "in":
            switch right {
            case .list(let element):
                if !element.isCompatible(with: left) && !(isNumeric(element) && isNumeric(left)) {
                    try checkFailure(mismatch, at: position)
                }
            case .map(let key, _):
                if !key.isCompatible(with: left) && !(isNumeric(key) && isNumeric(left)) {
                    try checkFailure(mismatch, at: position)
                }
            case .object, .dyn: break
            default: try checkFailure(mismatch, at: position)
            }
            return .bool
        default:
            if l.isDyn || r.isDyn {
                // With one side unknown, only same-type numeric/string/bytes overloads pin the result type;
                // timestamps and durations mix (timestamp - timestamp is a duration), so stay dynamic there.
                let known = l.isDyn ? r : l
                return [.int, .uint, .double, .string, .bytes].contains(known) ? known : .dyn
            }
            let result: CELType? =
                switch (op, l, r) {
                case (_, .int, .int): .int
                case (_, .uint, .uint): .uint
                case ("%", .double, .double): nil
                case (_, .double, .double): .double
                case ("+", .string, .string): .string
                case ("+", .bytes, .bytes): .bytes
                case ("+", .list, .list):
                    if case .list(let a) = left, case .list(let b) = right {
                        .list(a.joined(with: b))
                    } else {
                        .list(.dyn)
                    }
                case ("+", .timestamp, .duration), ("+", .duration, .timestamp), ("-", .timestamp, .duration):
                    .timestamp
                case ("+", .duration, .duration), ("-", .duration, .duration), ("-", .timestamp, .timestamp): .duration
                default: nil
                }
            guard let result else {
                try checkFailure(mismatch, at: position)
                return .dyn
            }
            return result
        }
    }

    // MARK: - Calls and macros

    private mutating func call(_ name: String, target: CELNode?, arguments: [CELNode], at position: CELSourcePosition)
        throws(CELError) -> CELCompiled
    {
        if name == "has" && target == nil {
            return try has(arguments, at: position)
        }
        if let target, Self.macros.contains(name) {
            return try comprehension(name, target, arguments, at: position)
        }
        guard let signature = CELFunctions.signatures[name] else {
            try checkFailure("unknown function '\(name)'", at: position)
            var compiled: [CELCompiled] = []
            if let target { compiled.append(try compile(target)) }
            for argument in arguments { compiled.append(try compile(argument)) }
            let evaluators = compiled.map(\.evaluate)
            return CELCompiled(
                type: .dyn,
                evaluate: { frame throws(CELError) in
                    for evaluate in evaluators { _ = try evaluate(frame) }
                    throw CELError(.evaluation, "unbound function '\(name)'", at: position)
                })
        }
        let allowed = target == nil ? signature.global : signature.member
        guard allowed.contains(arguments.count) else {
            let form = target == nil ? "\(name)(...)" : "x.\(name)(...)"
            let counts = allowed.sorted().map(String.init).joined(separator: " or ")
            let message =
                allowed.isEmpty
                ? "'\(name)' cannot be called as \(form)"
                : "\(form) takes \(counts) argument(s), not \(arguments.count)"
            throw CELError(.check, message, at: position)
        }
        var compiled: [CELCompiled] = []
        if let target { compiled.append(try compile(target)) }
        for argument in arguments { compiled.append(try compile(argument)) }
        if let accepted = CELFunctions.acceptedTypes(name) {
            for (argument, alternatives) in zip(compiled, accepted) where !argument.type.isDyn {
                if !alternatives.contains(where: { $0.kindOnly == argument.type.kindOnly }) {
                    let types = compiled.map(\.type.description).joined(separator: ", ")
                    try checkFailure("no matching overload for '\(name)' applied to (\(types))", at: position)
                }
            }
        }
        var compiledRegex: NSRegularExpression?
        if name == "matches", let constant = compiled.last?.constant, case .string(let pattern) = constant,
            !pattern.isEmpty
        {
            do throws(CELError) {
                compiledRegex = try CELFunctions.compileRegex(pattern, at: position)
            } catch {
                try checkFailure(error.message, at: position)
            }
        }
        let resultType = name == "dyn" ? .dyn : CELFunctions.resultType(name, compiled.map(\.type))
        let regex = compiledRegex
        let evaluators = compiled.map(\.evaluate)
        let evaluate: CELEvaluator
        if evaluators.count == 1, let only = evaluators.first {
            evaluate = { frame throws(CELError) in
                try CELFunctions.call(name, [try only(frame)], regex: nil, at: position)
            }
        } else {
            evaluate = { frame throws(CELError) in
                var values: [CELValue] = []
                values.reserveCapacity(evaluators.count)
                for evaluate in evaluators { values.append(try evaluate(frame)) }
                return try CELFunctions.call(name, values, regex: regex, at: position)
            }
        }
        return fold(CELCompiled(type: resultType, evaluate: evaluate), compiled)
    }

    private mutating func has(_ arguments: [CELNode], at position: CELSourcePosition) throws(CELError) -> CELCompiled {
        guard arguments.count == 1, case .select(let operandNode, let field) = arguments[0].kind else {
            throw CELError(.syntax, "has() takes one field selection, such as has(member.email)", at: position)
        }
        let operand = try compile(operandNode)
        switch operand.type {
        case .object(let name, let fields) where fields[field] == nil:
            throw CELError(
                .check,
                "'\(name)' has no field '\(field)'; known fields: "
                    + fields.keys.sorted().joined(separator: ", "), at: arguments[0].position)
        case .object, .map, .dyn: break
        default: try checkFailure("has() needs a map or object, not \(operand.type)", at: position)
        }
        let evaluate = operand.evaluate
        return fold(
            CELCompiled(
                type: .bool,
                evaluate: { frame throws(CELError) in
                    let value = try evaluate(frame)
                    guard case .map(let map) = value else {
                        throw CELError(.evaluation, "no such overload: has() on \(value.celTypeName)", at: position)
                    }
                    return .bool(map[field] != nil)
                }), [operand])
    }

    private mutating func comprehension(
        _ name: String, _ targetNode: CELNode, _ arguments: [CELNode],
        at position: CELSourcePosition
    ) throws(CELError) -> CELCompiled {
        let validCount = name == "map" ? [2, 3].contains(arguments.count) : arguments.count == 2
        guard validCount else {
            let expected = name == "map" ? "2 or 3" : "2"
            throw CELError(
                .syntax, "\(name)() takes \(expected) arguments, such as list.\(name)(x, x > 0)", at: position)
        }
        guard case .identifier(let variable, false) = arguments[0].kind else {
            throw CELError(
                .syntax, "the first argument of \(name)() must be a variable name", at: arguments[0].position)
        }
        let range = try compile(targetNode)
        let elementType: CELType
        switch range.type {
        case .list(let element): elementType = element
        case .map(let key, _): elementType = key
        case .object: elementType = .string
        case .dyn: elementType = .dyn
        default:
            try checkFailure("\(name)() needs a list or map, not \(range.type)", at: position)
            elementType = .dyn
        }
        let slot = slotCount
        slotCount += 1
        scopes.append((variable, slot, elementType))
        defer { scopes.removeLast() }
        var bodies: [CELCompiled] = []
        for argument in arguments.dropFirst() { bodies.append(try compile(argument)) }
        let isPredicate = name != "map" || arguments.count == 3
        if isPredicate, let predicate = bodies.first, predicate.type != .bool, !predicate.type.isDyn {
            try checkFailure("the condition of \(name)() must be a bool, not \(predicate.type)", at: position)
        }
        let rangeEval = range.evaluate
        let bodyEvals = bodies.map(\.evaluate)
        let macro = CELComprehension(kind: name, slot: slot, range: rangeEval, bodies: bodyEvals, position: position)
        let type: CELType =
            switch name {
            case "map": .list(bodies.last?.type ?? .dyn)
            case "filter": .list(elementType)
            default: .bool
            }
        return CELCompiled(type: type, evaluate: { frame throws(CELError) in try macro.run(frame) })
    }
}
