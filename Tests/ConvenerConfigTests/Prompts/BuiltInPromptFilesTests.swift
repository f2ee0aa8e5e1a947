import ConvenerCore
import Foundation
import Testing

@testable import ConvenerConfig

/// The compiled-in library is `Prompts/` itself: the generated file never drifts from the folder.
@Suite("Built-in prompt files")
struct BuiltInPromptFilesTests {
    @Test("the compiled-in files are the Prompts folder's files (run scripts/generate-prompts after editing)")
    func matchesTheFolder() throws {
        let root = try #require(PromptLibraryLoaderTests.repositoryRoot(), "set CONVENER_REPO_ROOT to the repository")
        let folder = root.appendingPathComponent("Prompts")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(BuiltInPromptFiles.files.map(\.path) == names.sorted().map { "Prompts/\($0)" })
        for file in BuiltInPromptFiles.files {
            let onDisk = try String(contentsOf: root.appendingPathComponent(file.path), encoding: .utf8)
            #expect(Self.normalized(file.contents) == Self.normalized(onDisk), "\(file.path) differs")
        }
    }

    @Test("the built-in library loads with no folder on disk, and says where each prompt came from")
    func loadsWithoutFolders() {
        let loaded = PromptLibraryLoader.loadBuiltIn(plusFolders: [])
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.library.themes.count == 10)
        #expect(loaded.sources == [PromptSourceSummary(name: "built in", added: loaded.library.promptCount)])
        #expect(loaded.sources.map(\.description) == ["built in: \(loaded.library.promptCount) prompts"])
    }

    @Test("a convenor folder adds and replaces by id, and the summary counts both")
    func folderAddsAndReplaces() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        theme: reflection
        prompts:
          - id: reflection-01
            text: Ours instead?
          - id: reflection-50
            text: Only ours?
        """.write(to: folder.appendingPathComponent("reflection.yaml"), atomically: true, encoding: .utf8)
        let builtIn = PromptLibraryLoader.loadBuiltIn(plusFolders: []).library.promptCount
        let loaded = PromptLibraryLoader.loadBuiltIn(plusFolders: [folder.path])
        #expect(loaded.diagnostics.map(\.description) == [])
        #expect(loaded.library.promptCount == builtIn + 1)
        #expect(loaded.library.prompt(id: "reflection-01")?.text == "Ours instead?")
        #expect(loaded.sources.last == PromptSourceSummary(name: folder.path, added: 1, replaced: 1))
    }

    /// The lines with trailing blanks removed, and no blank lines at the end (the generator drops both).
    private static func normalized(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: \.isWhitespace).reversed())
        }
        return Array(lines.reversed().drop(while: \.isEmpty).reversed())
    }
}
