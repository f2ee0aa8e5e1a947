/// Every problem found in a configuration, in file order; loading fails with this when there is at least one.
public struct ConfigErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by line and column; problems without a place come last.
    public var diagnostics: [ConfigDiagnostic]

    /// Collects diagnostics, sorting them by position while keeping the order of equal positions.
    public init(_ diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics.enumerated()
            .sorted { lhs, rhs in
                let left = (lhs.element.line ?? .max, lhs.element.column ?? .max, lhs.offset)
                let right = (rhs.element.line ?? .max, rhs.element.column ?? .max, rhs.offset)
                return left < right
            }
            .map(\.element)
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
