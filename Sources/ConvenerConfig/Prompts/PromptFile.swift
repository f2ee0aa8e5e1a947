import ConvenerCore
import Foundation

/// One prompt file, validated on its own: its theme, optional title and description, and its prompts with places.
struct PromptFile {
    /// A prompt with where its id was written.
    struct Entry {
        /// The prompt.
        let prompt: DiscussionPrompt
        /// Where the id is written.
        let position: ConfigPosition
    }

    /// The file's path as given.
    let path: String
    /// The theme id.
    let theme: String
    /// Where `theme` is written.
    let themePosition: ConfigPosition
    /// The theme title, if given.
    let title: String?
    /// The theme description, if given.
    let description: String?
    /// The valid prompts, in file order.
    let entries: [Entry]

    static let keys = ["theme", "title", "description", "prompts"]
    static let promptKeys = ["id", "text", "follow_up"]
    static let maximumTextLength = 400
    static let maximumFollowUpLength = 300

    /// Parses and checks `contents`, reporting problems into `diagnostics`; nil when the file has no usable theme.
    static func parse(path: String, contents: String, diagnostics: inout [ConfigDiagnostic]) -> PromptFile? {
        let root: ConfigNode
        switch ConfigDocument.compose(yaml: contents, file: path) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(nil):
            diagnostics.append(
                ConfigDiagnostic(
                    file: path, line: nil, column: nil, path: "",
                    message: "the file is empty; a prompt file has theme, title, description and prompts"))
            return nil
        case .success(let node?):
            root = node
        }
        var context = ConfigContext(file: path, baseDirectory: "")
        defer { diagnostics.append(contentsOf: context.diagnostics) }
        guard let table = ConfigField(node: root, path: "").table(&context, keys: keys) else { return nil }
        let themeHint = "name the theme, e.g. theme: \(baseName(of: path) ?? "reflection")"
        guard let themeField = table.required("theme", &context, hint: themeHint),
            let theme = themeID(themeField, path: path, &context)
        else { return nil }
        let title = table.optional("title", &context).flatMap { $0.text(&context, length: 1...100) }
        let description = table.optional("description", &context).flatMap { $0.text(&context, length: 1...600) }
        var entries: [Entry] = []
        let promptsHint = "list the prompts, each with id and text"
        if let list = table.required("prompts", &context, hint: promptsHint)?.list(&context) {
            var seen: [String: ConfigPosition] = [:]
            for item in list {
                guard let entry = prompt(item, theme: theme, &context) else { continue }
                if let first = seen[entry.prompt.id] {
                    context.report(
                        at: entry.position, path: "\(item.path).id",
                        "duplicate id '\(entry.prompt.id)'; it is already used at line \(first.line); "
                            + "give each prompt its own id")
                    continue
                }
                seen[entry.prompt.id] = entry.position
                entries.append(entry)
            }
        }
        return PromptFile(
            path: path, theme: theme, themePosition: themeField.node.position, title: title,
            description: description, entries: entries)
    }

    private static func themeID(_ field: ConfigField, path: String, _ context: inout ConfigContext) -> String? {
        guard let theme = field.string(&context) else { return nil }
        guard isThemeID(theme) else {
            context.report(
                field, "'\(theme)' is not a theme id; use lower-case letters and digits in words joined by hyphens")
            return nil
        }
        if let base = baseName(of: path), base != theme {
            context.report(field, "theme '\(theme)' does not match the file name; name the file \(theme).yaml")
        }
        return theme
    }

    private static func prompt(_ item: ConfigField, theme: String, _ context: inout ConfigContext) -> Entry? {
        guard let table = item.table(&context, keys: promptKeys) else { return nil }
        let idField = table.required("id", &context, hint: "give the prompt an id such as \(theme)-01")
        let id = idField.flatMap { field -> String? in
            guard let id = field.string(&context) else { return nil }
            guard isPromptID(id, theme: theme) else {
                let rule = "use \(theme)-NN: two digits (\(theme)-07), three from 100 on (\(theme)-100)"
                context.report(field, "'\(id)' is not a valid id for theme '\(theme)'; \(rule)")
                return nil
            }
            return id
        }
        let text = table.required("text", &context, hint: "write the prompt in text")
            .flatMap { promptText($0, limit: maximumTextLength, &context) }
        let followUp = table.optional("follow_up", &context)
            .map { promptText($0, limit: maximumFollowUpLength, &context) }
        guard let idField, let id, let text, followUp != .some(nil) else { return nil }
        return Entry(
            prompt: DiscussionPrompt(id: id, theme: theme, text: text, followUp: followUp ?? nil),
            position: idField.node.position)
    }

    private static func promptText(_ field: ConfigField, limit: Int, _ context: inout ConfigContext) -> String? {
        guard let raw = field.string(&context) else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            context.report(field, "is empty; write the text or remove the key")
            return nil
        }
        guard text.count <= limit else {
            context.report(field, "is \(text.count) characters long; keep it to at most \(limit)")
            return nil
        }
        return text
    }

    /// Whether `text` is lower-case ASCII letters and digits in words joined by single hyphens.
    static func isThemeID(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return !words.isEmpty
            && words.allSatisfy { word in
                !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
    }

    /// Whether `id` is `<theme>-NN` (01-99) or `<theme>-NNN` (100-999).
    static func isPromptID(_ id: String, theme: String) -> Bool {
        guard id.hasPrefix(theme + "-") else { return false }
        let number = id.dropFirst(theme.count + 1)
        guard number.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let value = Int(number) else {
            return false
        }
        switch number.count {
        case 2: return value >= 1
        case 3: return value >= 100
        default: return false
        }
    }

    /// The file name without folder and `.yaml`, if the path ends in `.yaml`.
    static func baseName(of path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasSuffix(".yaml") else { return nil }
        return String(name.dropLast(".yaml".count))
    }
}
