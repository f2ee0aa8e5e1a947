import ConvenerCore

/// The outcome of loading prompt folders: every prompt that was valid, and every problem found.
public struct PromptLibraryLoad: Sendable {
    /// The library built from the valid files and prompts (problems leave out only what they concern).
    public var library: PromptLibrary
    /// Every problem, sorted by file, line and column.
    public var diagnostics: [ConfigDiagnostic]
    /// Where the prompts came from: each source in reading order, with what it added and replaced.
    public var sources: [PromptSourceSummary]

    /// Creates a load outcome.
    public init(library: PromptLibrary, diagnostics: [ConfigDiagnostic], sources: [PromptSourceSummary] = []) {
        self.library = library
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// The library if nothing was wrong, else all the problems.
    public var result: Result<PromptLibrary, ConfigErrors> {
        diagnostics.isEmpty ? .success(library) : .failure(ConfigErrors(diagnostics))
    }
}
