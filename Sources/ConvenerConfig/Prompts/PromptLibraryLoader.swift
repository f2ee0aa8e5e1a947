import ConvenerCore
import Foundation

/// Reads prompt files (see `Prompts/README.md`) into a `PromptLibrary`, with a line:column diagnostic per problem.
///
/// The first source is the built-in library (compiled in from `Prompts/`); later ones are the convenors' own
/// folders (`prompts_dir`, then `extra_prompts_dirs`), read in order. A later folder may add prompts to a theme,
/// start a new theme (with title and description), replace a theme's title or description, and replace a built-in
/// prompt by using its id (the replacement keeps the built-in prompt's place). Any other repeated id is an error,
/// as is one built-in id overridden twice.
public enum PromptLibraryLoader {
    /// The name the built-in library goes by in summaries.
    public static let builtInName = "built in"

    /// Loads one folder's files (the built-in library alone, or a test's files).
    public static func load(files: [(path: String, contents: String)]) -> PromptLibraryLoad {
        load(folders: [files])
    }

    /// Loads folders of files; files are taken in path order within each folder, folders in the given order.
    public static func load(folders: [[(path: String, contents: String)]]) -> PromptLibraryLoad {
        load(
            sources: folders.enumerated().map {
                (name: $0.offset == 0 ? builtInName : "folder \($0.offset)", $0.element)
            })
    }

    /// Loads named sources, the first being the built-in library, and counts what each one added or replaced.
    public static func load(sources: [(name: String, files: [(path: String, contents: String)])]) -> PromptLibraryLoad {
        var builder = PromptLibraryBuilder()
        var summaries: [PromptSourceSummary] = []
        for (index, source) in sources.enumerated() {
            builder.counts = PromptSourceSummary(name: source.name)
            for file in source.files.sorted(by: { $0.path < $1.path }) {
                let parsed = PromptFile.parse(
                    path: file.path, contents: file.contents, diagnostics: &builder.diagnostics)
                guard let parsed else { continue }
                builder.add(parsed, isBuiltIn: index == 0)
            }
            summaries.append(builder.counts)
        }
        return PromptLibraryLoad(
            library: builder.library, diagnostics: sorted(builder.diagnostics), sources: summaries)
    }

    /// The compiled-in library followed by the convenors' folders read from disk, in order.
    ///
    /// A folder or file that cannot be read is reported as a diagnostic; everything else still loads.
    public static func loadBuiltIn(plusFolders folderPaths: [String]) -> PromptLibraryLoad {
        var unreadable: [ConfigDiagnostic] = []
        var sources: [(name: String, files: [(path: String, contents: String)])] = [
            (builtInName, BuiltInPromptFiles.files)
        ]
        for folder in folderPaths {
            sources.append((folder, read(folder: folder, problems: &unreadable)))
        }
        var loaded = load(sources: sources)
        loaded.diagnostics = sorted(loaded.diagnostics + unreadable)
        return loaded
    }

    /// Reads every `*.yaml` file of each folder (the first standing for the built-in library) and loads them.
    ///
    /// A folder or file that cannot be read is reported as a diagnostic; the other files still load.
    public static func load(folderPaths: [String]) -> PromptLibraryLoad {
        var unreadable: [ConfigDiagnostic] = []
        let sources = folderPaths.map { folder in (name: folder, files: read(folder: folder, problems: &unreadable)) }
        var loaded = load(sources: sources)
        loaded.diagnostics = sorted(loaded.diagnostics + unreadable)
        return loaded
    }

    private static func read(
        folder: String, problems: inout [ConfigDiagnostic]
    ) -> [(path: String, contents: String)] {
        var files: [(path: String, contents: String)] = []
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            for name in names.sorted() where name.hasSuffix(".yaml") {
                let path = ConfigPaths.join(folder, name)
                do {
                    files.append((path, try String(contentsOfFile: path, encoding: .utf8)))
                } catch {
                    problems.append(
                        ConfigDiagnostic(
                            file: path, line: nil, column: nil, path: "",
                            message: "cannot read the prompt file: \(error.localizedDescription)"))
                }
            }
        } catch {
            problems.append(
                ConfigDiagnostic(
                    file: folder, line: nil, column: nil, path: "",
                    message: "cannot read the prompts folder: \(error.localizedDescription); "
                        + "check the path in prompts_dir or extra_prompts_dirs"))
        }
        return files
    }

    // By file, then place; problems without a place last in their file; otherwise in the order found.
    private static func sorted(_ diagnostics: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        diagnostics.enumerated()
            .sorted { lhs, rhs in
                let left = (lhs.element.file, lhs.element.line ?? .max, lhs.element.column ?? .max, lhs.offset)
                let right = (rhs.element.file, rhs.element.line ?? .max, rhs.element.column ?? .max, rhs.offset)
                return left < right
            }
            .map(\.element)
    }
}

/// Merges validated files into a library, checking ids across files and folders.
private struct PromptLibraryBuilder {
    private struct Origin {
        let file: String
        let position: ConfigPosition
        let isBuiltIn: Bool
        var overriddenAt: (file: String, position: ConfigPosition)?
    }

    var diagnostics: [ConfigDiagnostic] = []
    /// What the source being read has added and replaced so far.
    var counts = PromptSourceSummary(name: "")
    private var themes: [PromptTheme] = []
    private var origins: [String: Origin] = [:]

    var library: PromptLibrary { PromptLibrary(themes: themes) }

    mutating func add(_ file: PromptFile, isBuiltIn: Bool) {
        let index: Int
        if let existing = themes.firstIndex(where: { $0.id == file.theme }) {
            index = existing
            if let title = file.title { themes[index].title = title }
            if let description = file.description { themes[index].description = description }
        } else {
            guard let title = file.title, let description = file.description else {
                let missing = [file.title == nil ? "title" : nil, file.description == nil ? "description" : nil]
                    .compactMap(\.self).joined(separator: " and ")
                report(
                    file.path, file.themePosition, "theme",
                    "theme '\(file.theme)' is new, so it needs \(missing); add them next to theme")
                return
            }
            themes.append(PromptTheme(id: file.theme, title: title, description: description))
            index = themes.count - 1
        }
        for (offset, entry) in file.entries.enumerated() {
            add(entry, at: "prompts[\(offset)].id", file: file.path, theme: index, isBuiltIn: isBuiltIn)
        }
    }

    private mutating func add(_ entry: PromptFile.Entry, at path: String, file: String, theme: Int, isBuiltIn: Bool) {
        let id = entry.prompt.id
        guard var origin = origins[id] else {
            origins[id] = Origin(file: file, position: entry.position, isBuiltIn: isBuiltIn)
            themes[theme].prompts.append(entry.prompt)
            counts.added += 1
            return
        }
        if origin.isBuiltIn, !isBuiltIn, origin.overriddenAt == nil,
            let slot = themes[theme].prompts.firstIndex(where: { $0.id == id })
        {
            themes[theme].prompts[slot] = entry.prompt
            origin.overriddenAt = (file, entry.position)
            origins[id] = origin
            counts.replaced += 1
            return
        }
        let earlier = origin.overriddenAt ?? (origin.file, origin.position)
        let rule =
            origin.isBuiltIn && !isBuiltIn
            ? "a built-in prompt may be overridden only once"
            : "ids must be unique; only a built-in id may be overridden"
        report(
            file, entry.position, path,
            "duplicate id '\(id)', already defined at \(earlier.file):\(earlier.position); \(rule); "
                + "pick another number (50 and up for your own prompts)")
    }

    private mutating func report(_ file: String, _ position: ConfigPosition, _ path: String, _ message: String) {
        diagnostics.append(
            ConfigDiagnostic(file: file, line: position.line, column: position.column, path: path, message: message))
    }
}
