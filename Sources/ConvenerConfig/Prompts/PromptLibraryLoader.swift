import ConvenerCore
import Foundation

/// Reads prompt files (see `Prompts/README.md`) into a `PromptLibrary`, with a line:column diagnostic per problem.
///
/// The first folder is the built-in library; later folders are the convenors' own (`extra_prompts_dirs`), read
/// in order. A later folder may add prompts to a theme, start a new theme (with title and description), replace
/// a theme's title or description, and replace a built-in prompt by using its id (the replacement keeps the
/// built-in prompt's place). Any other repeated id is an error, as is one built-in id overridden twice.
public enum PromptLibraryLoader {
    /// Loads one folder's files (the built-in library alone, or a test's files).
    public static func load(files: [(path: String, contents: String)]) -> PromptLibraryLoad {
        load(folders: [files])
    }

    /// Loads folders of files; files are taken in path order within each folder, folders in the given order.
    public static func load(folders: [[(path: String, contents: String)]]) -> PromptLibraryLoad {
        var builder = PromptLibraryBuilder()
        for (index, files) in folders.enumerated() {
            for file in files.sorted(by: { $0.path < $1.path }) {
                let parsed = PromptFile.parse(
                    path: file.path, contents: file.contents, diagnostics: &builder.diagnostics)
                guard let parsed else { continue }
                builder.add(parsed, isBuiltIn: index == 0)
            }
        }
        return PromptLibraryLoad(library: builder.library, diagnostics: sorted(builder.diagnostics))
    }

    /// Reads every `*.yaml` file of each folder (the first being the built-in library) and loads them.
    ///
    /// A folder or file that cannot be read is reported as a diagnostic; the other files still load.
    public static func load(folderPaths: [String]) -> PromptLibraryLoad {
        var unreadable: [ConfigDiagnostic] = []
        var folders: [[(path: String, contents: String)]] = []
        for folder in folderPaths {
            var files: [(path: String, contents: String)] = []
            do {
                let names = try FileManager.default.contentsOfDirectory(atPath: folder)
                for name in names.sorted() where name.hasSuffix(".yaml") {
                    let path = ConfigPaths.join(folder, name)
                    do {
                        files.append((path, try String(contentsOfFile: path, encoding: .utf8)))
                    } catch {
                        unreadable.append(
                            ConfigDiagnostic(
                                file: path, line: nil, column: nil, path: "",
                                message: "cannot read the prompt file: \(error.localizedDescription)"))
                    }
                }
            } catch {
                unreadable.append(
                    ConfigDiagnostic(
                        file: folder, line: nil, column: nil, path: "",
                        message: "cannot read the prompts folder: \(error.localizedDescription); "
                            + "check the path in extra_prompts_dirs"))
            }
            folders.append(files)
        }
        var loaded = load(folders: folders)
        loaded.diagnostics = sorted(loaded.diagnostics + unreadable)
        return loaded
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
            return
        }
        if origin.isBuiltIn, !isBuiltIn, origin.overriddenAt == nil,
            let slot = themes[theme].prompts.firstIndex(where: { $0.id == id })
        {
            themes[theme].prompts[slot] = entry.prompt
            origin.overriddenAt = (file, entry.position)
            origins[id] = origin
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
