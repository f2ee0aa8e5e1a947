/// One problem found in a configuration: where it is, which key, and what is allowed instead.
///
/// `description` reads `file:line:column: path: message`, the form compilers use, so editors can jump to it.
public struct ConfigDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// The config file as the operator named it, or `embedded defaults`.
    public var file: String
    /// The 1-based line, when the problem has a place in the file.
    public var line: Int?
    /// The 1-based column (in Unicode scalars), when the problem has a place in the file.
    public var column: Int?
    /// The key path, e.g. `communities[0].timezone`; empty for problems of the document itself.
    public var path: String
    /// What is wrong and what is allowed.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int?, column: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: path: message`, leaving out the parts that are unknown.
    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}
