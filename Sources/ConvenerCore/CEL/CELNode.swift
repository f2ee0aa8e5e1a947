/// A parsed CEL expression node with its source position.
struct CELNode: Sendable {
    /// The syntactic form of a node.
    indirect enum Kind: Sendable {
        /// A constant value.
        case literal(CELValue)
        /// A variable or type name; `absolute` for a leading dot (`.x`).
        case identifier(String, absolute: Bool)
        /// Field selection `operand.field`.
        case select(CELNode, field: String)
        /// Indexing `container[key]`.
        case index(CELNode, CELNode)
        /// A function call, global (`size(x)`) or receiver-style (`x.size()`).
        case call(String, target: CELNode?, arguments: [CELNode])
        /// A list literal.
        case list([CELNode])
        /// A map literal.
        case map([CELMapEntryNode])
        /// A message construction (`Foo{a: 1}`), parsed so it can be rejected with a clear error.
        case structure(String)
        /// A prefix operator (`!` or `-`).
        case unary(String, CELNode)
        /// An infix operator, including `&&`, `||` and `in`.
        case binary(String, CELNode, CELNode)
        /// The ternary `condition ? a : b`.
        case conditional(CELNode, CELNode, CELNode)
    }

    /// What the node is.
    var kind: Kind
    /// Where the node starts in the source.
    var position: CELSourcePosition
}

/// One `key: value` entry of a map literal.
struct CELMapEntryNode: Sendable {
    /// The key expression.
    var key: CELNode
    /// The value expression.
    var value: CELNode
}
