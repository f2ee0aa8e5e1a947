import ConvenerConfig
import ConvenerCore
import Foundation
import Testing

@Suite("Prompt library loading")
struct PromptLibraryLoaderTests {
    /// The repository root: the first folder above this file holding `Package.swift` and `Tests/oracles`.
    static func repositoryRoot(file: String = #filePath) -> URL? {
        var folder = URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent()
        let manager = FileManager.default
        while folder.path != "/" {
            if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
                manager.fileExists(atPath: folder.appendingPathComponent("Tests/oracles").path)
            {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        return ProcessInfo.processInfo.environment["CONVENER_REPO_ROOT"].map { URL(fileURLWithPath: $0) }
    }

    static let documentedThemes = [
        "onboarding", "reflection", "show-and-tell", "problem-solving", "learning-from-mistakes",
        "resources-and-tools", "retrospectives", "celebrating-wins", "purpose-and-values", "pairing-starters",
    ]

    @Test("the built-in library loads without a single diagnostic")
    func builtInLibrary() throws {
        let root = try #require(Self.repositoryRoot(), "set CONVENER_REPO_ROOT to the repository")
        let loaded = PromptLibraryLoader.load(folderPaths: [root.appendingPathComponent("Prompts").path])
        #expect(loaded.diagnostics.map(\.description) == [])
        let library = loaded.library
        #expect(library.promptCount >= 120)
        #expect(Set(library.themes.map(\.id)) == Set(Self.documentedThemes))
        for theme in library.themes {
            #expect(theme.prompts.count >= 10, "\(theme.id)")
            #expect(!theme.title.isEmpty && !theme.description.isEmpty)
            for prompt in theme.prompts {
                #expect(prompt.theme == theme.id)
                #expect(prompt.text.count <= 400 && !prompt.text.contains("\n"))
                #expect(prompt.followUp != nil, "\(prompt.id) has no follow-up")
            }
        }
        #expect(Set(library.allPrompts.map(\.id)).count == library.promptCount)
        #expect(library.prompt(id: "reflection-01")?.theme == "reflection")
    }

    static let reflection = """
        # Reflection: the weekly staple.
        theme: reflection
        title: Reflection on practice
        description: Prompts about how we work.
        prompts:
          - id: reflection-01
            text: >-
              What is one habit you picked up
              from someone else?
            follow_up: Who was it?
          - id: reflection-02
            text: "What changed this year?"
        """

    @Test("folded text is joined into one paragraph")
    func validFile() throws {
        let loaded = PromptLibraryLoader.load(files: [("Prompts/reflection.yaml", Self.reflection)])
        #expect(loaded.diagnostics.isEmpty)
        let theme = try #require(loaded.library.theme("reflection"))
        #expect(theme.title == "Reflection on practice")
        #expect(theme.prompts.map(\.id) == ["reflection-01", "reflection-02"])
        #expect(theme.prompts[0].text == "What is one habit you picked up from someone else?")
        #expect(theme.prompts[0].followUp == "Who was it?")
        #expect(theme.prompts[1].followUp == nil)
    }

    struct BrokenCase: Sendable, CustomTestStringConvertible {
        let name: String
        let file: String
        let yaml: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let header = "theme: reflection\ntitle: Reflection\ndescription: About work.\nprompts:\n"

    static let brokenCases: [BrokenCase] = [
        BrokenCase(
            name: "unknown top-level key", file: "reflection.yaml",
            yaml: header + "  - id: reflection-01\n    text: Hi?\ncolour: blue\n",
            expected: ["reflection.yaml:7:1: colour: unknown key; allowed keys: theme, title, description, prompts"]),
        BrokenCase(
            name: "misspelt prompt key", file: "reflection.yaml",
            yaml: header + "  - id: reflection-01\n    text: Hi?\n    folow_up: And?\n",
            expected: [
                "reflection.yaml:7:5: prompts[0].folow_up: unknown key; did you mean follow_up? "
                    + "allowed keys: id, text, follow_up"
            ]),
        BrokenCase(
            name: "missing text", file: "reflection.yaml", yaml: header + "  - id: reflection-01\n",
            expected: ["reflection.yaml:5:5: prompts[0].text: missing required key; write the prompt in text"]),
        BrokenCase(
            name: "empty text", file: "reflection.yaml", yaml: header + "  - id: reflection-01\n    text: \"  \"\n",
            expected: ["reflection.yaml:6:11: prompts[0].text: is empty; write the text or remove the key"]),
        BrokenCase(
            name: "bad id", file: "reflection.yaml", yaml: header + "  - id: reflection-7\n    text: Hi?\n",
            expected: [
                "reflection.yaml:5:9: prompts[0].id: 'reflection-7' is not a valid id for theme 'reflection'; "
                    + "use reflection-NN: two digits (reflection-07), three from 100 on (reflection-100)"
            ]),
        BrokenCase(
            name: "id of another theme", file: "reflection.yaml",
            yaml: header + "  - id: onboarding-01\n    text: Hi?\n",
            expected: [
                "reflection.yaml:5:9: prompts[0].id: 'onboarding-01' is not a valid id for theme 'reflection'; "
                    + "use reflection-NN: two digits (reflection-07), three from 100 on (reflection-100)"
            ]),
        BrokenCase(
            name: "duplicate id in a file", file: "reflection.yaml",
            yaml: header + "  - id: reflection-01\n    text: A?\n  - id: reflection-01\n    text: B?\n",
            expected: [
                "reflection.yaml:7:9: prompts[1].id: duplicate id 'reflection-01'; it is already used at line 5; "
                    + "give each prompt its own id"
            ]),
        BrokenCase(
            name: "theme not matching the file name", file: "reflect.yaml",
            yaml: header + "  - id: reflection-01\n    text: Hi?\n",
            expected: [
                "reflect.yaml:1:8: theme: theme 'reflection' does not match the file name; "
                    + "name the file reflection.yaml"
            ]),
        BrokenCase(
            name: "bad theme id", file: "Show.yaml",
            yaml: "theme: Show And Tell\ntitle: T\ndescription: D\nprompts: []\n",
            expected: [
                "Show.yaml:1:8: theme: 'Show And Tell' is not a theme id; "
                    + "use lower-case letters and digits in words joined by hyphens"
            ]),
        BrokenCase(
            name: "text too long", file: "reflection.yaml",
            yaml: header + "  - id: reflection-01\n    text: \(String(repeating: "a", count: 401))\n",
            expected: ["reflection.yaml:6:11: prompts[0].text: is 401 characters long; keep it to at most 400"]),
        BrokenCase(
            name: "follow-up too long", file: "reflection.yaml",
            yaml: header
                + "  - id: reflection-01\n    text: Hi?\n    follow_up: \(String(repeating: "b", count: 301))\n",
            expected: ["reflection.yaml:7:16: prompts[0].follow_up: is 301 characters long; keep it to at most 300"]),
        BrokenCase(
            name: "new theme without title", file: "handovers.yaml",
            yaml: "theme: handovers\nprompts:\n  - id: handovers-01\n    text: Hi?\n",
            expected: [
                "handovers.yaml:1:8: theme: theme 'handovers' is new, so it needs title and description; "
                    + "add them next to theme"
            ]),
        BrokenCase(
            name: "prompts not a list", file: "reflection.yaml",
            yaml: "theme: reflection\ntitle: R\ndescription: D\nprompts: none\n",
            expected: ["reflection.yaml:4:10: prompts: expected a list, got a string"]),
        BrokenCase(
            name: "empty file", file: "reflection.yaml", yaml: "# nothing yet\n",
            expected: ["reflection.yaml: the file is empty; a prompt file has theme, title, description and prompts"]),
        BrokenCase(
            name: "YAML syntax error", file: "reflection.yaml", yaml: header + "  - id: [reflection-01\n",
            expected: ["reflection.yaml:6:1: invalid YAML"]),
    ]

    @Test("every problem is reported with its line and column", arguments: brokenCases)
    func broken(_ scenario: BrokenCase) {
        let loaded = PromptLibraryLoader.load(files: [(scenario.file, scenario.yaml)])
        let descriptions = loaded.diagnostics.map(\.description)
        #expect(descriptions.count == scenario.expected.count, "\(descriptions)")
        for (actual, expected) in zip(descriptions, scenario.expected) {
            #expect(actual.hasPrefix(expected), "\(actual)")
        }
        #expect(throws: ConfigErrors.self) { try loaded.result.get() }
    }

    @Test("a problem in one prompt leaves the others loaded")
    func partialLoad() {
        let yaml = Self.header + "  - id: reflection-01\n    text: A?\n  - id: nope\n    text: B?\n"
        let loaded = PromptLibraryLoader.load(files: [("reflection.yaml", yaml)])
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.library.theme("reflection")?.prompts.map(\.id) == ["reflection-01"])
    }

    static let builtIn: [(path: String, contents: String)] = [
        ("Prompts/reflection.yaml", reflection),
        (
            "Prompts/onboarding.yaml",
            "theme: onboarding\ntitle: Onboarding\ndescription: Welcome.\nprompts:\n"
                + "  - id: onboarding-01\n    text: Hi?\n"
        ),
    ]

    @Test("convenors add prompts and themes, and override built-in prompts in place")
    func overrides() throws {
        let own: [(path: String, contents: String)] = [
            (
                "/etc/convener/prompts/reflection.yaml",
                "theme: reflection\nprompts:\n  - id: reflection-50\n    text: Ours?\n"
                    + "  - id: reflection-01\n    text: Our wording?\n"
            ),
            (
                "/etc/convener/prompts/handovers.yaml",
                "theme: handovers\ntitle: Handovers\ndescription: Passing work on.\nprompts:\n"
                    + "  - id: handovers-01\n    text: What do you hand over?\n"
            ),
        ]
        let loaded = PromptLibraryLoader.load(folders: [Self.builtIn, own])
        #expect(loaded.diagnostics.map(\.description) == [])
        let reflection = try #require(loaded.library.theme("reflection"))
        #expect(reflection.title == "Reflection on practice")
        #expect(reflection.prompts.map(\.id) == ["reflection-01", "reflection-02", "reflection-50"])
        #expect(reflection.prompts[0].text == "Our wording?")
        #expect(reflection.prompts[0].followUp == nil)
        #expect(loaded.library.themes.map(\.id) == ["onboarding", "reflection", "handovers"])
    }

    @Test("ids must be unique across the convenors' folders; a built-in id is overridden at most once")
    func duplicatesAcrossFolders() {
        let first: [(path: String, contents: String)] = [
            (
                "/a/reflection.yaml",
                "theme: reflection\nprompts:\n  - id: reflection-50\n    text: A?\n"
                    + "  - id: reflection-02\n    text: Override A?\n"
            )
        ]
        let second: [(path: String, contents: String)] = [
            (
                "/b/reflection.yaml",
                "theme: reflection\nprompts:\n  - id: reflection-50\n    text: B?\n"
                    + "  - id: reflection-02\n    text: Override B?\n"
            )
        ]
        let loaded = PromptLibraryLoader.load(folders: [Self.builtIn, first, second])
        #expect(
            loaded.diagnostics.map(\.description) == [
                "/b/reflection.yaml:3:9: prompts[0].id: duplicate id 'reflection-50', already defined at "
                    + "/a/reflection.yaml:3:9; ids must be unique; only a built-in id may be overridden; "
                    + "pick another number (50 and up for your own prompts)",
                "/b/reflection.yaml:5:9: prompts[1].id: duplicate id 'reflection-02', already defined at "
                    + "/a/reflection.yaml:5:9; a built-in prompt may be overridden only once; "
                    + "pick another number (50 and up for your own prompts)",
            ])
        #expect(loaded.library.prompt(id: "reflection-50")?.text == "A?")
        #expect(loaded.library.prompt(id: "reflection-02")?.text == "Override A?")
    }

    @Test("an unreadable folder is reported and the rest still loads")
    func missingFolder() throws {
        let root = try #require(Self.repositoryRoot(), "set CONVENER_REPO_ROOT to the repository")
        let loaded = PromptLibraryLoader.load(folderPaths: [
            root.appendingPathComponent("Prompts").path, "/nonexistent/convener-prompts",
        ])
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.file == "/nonexistent/convener-prompts")
        #expect(loaded.library.promptCount >= 120)
    }
}
