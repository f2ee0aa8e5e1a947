/// The state of one validation pass: which file, where relative paths start, and every problem found so far.
struct ConfigContext {
    /// The file name used in diagnostics.
    let file: String
    /// The folder relative paths in the file are resolved against ("" means the working directory).
    let baseDirectory: String
    /// Problems found so far, in the order they were found.
    private(set) var diagnostics: [ConfigDiagnostic] = []
    /// Where each key path that was read was written, for diagnostics raised after validation.
    private(set) var positions: [String: ConfigPosition] = [:]

    /// Starts a pass over `file`.
    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    /// Records a problem with `field`'s value.
    mutating func report(_ field: ConfigField, _ message: String) {
        report(at: field.node.position, path: field.path, message)
    }

    /// Records a problem at an explicit place.
    mutating func report(at position: ConfigPosition, path: String, _ message: String) {
        diagnostics.append(
            ConfigDiagnostic(file: file, line: position.line, column: position.column, path: path, message: message)
        )
    }

    /// Remembers where `field` was written.
    mutating func record(_ field: ConfigField) {
        positions[field.path] = field.node.position
    }
}
