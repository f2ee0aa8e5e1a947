import ConvenerCore
import Foundation
import Testing

@testable import ConvenerConfig

/// The broken rule files in `Corpus/`: each starts with `# expect: PATH LINE:COLUMN | MESSAGE FRAGMENT`, the
/// diagnostic the loader must report first.
enum RuleCorpus {
    /// The corpus folder, next to this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// The corpus file names, sorted.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// The file's text and its expectation.
    static func load(_ name: String) throws -> (yaml: String, path: String, line: Int, column: Int, fragment: String) {
        let yaml = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let header = yaml.prefix { $0 != "\n" }
        guard header.hasPrefix("# expect: ") else { throw CorpusError(message: "\(name): no '# expect:' line") }
        let body = header.dropFirst("# expect: ".count)
        let halves = body.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let words = halves[0].split(separator: " ").map(String.init)
        guard halves.count == 2, words.count == 2 else { throw CorpusError(message: "\(name): malformed expectation") }
        let place = words[1].split(separator: ":").compactMap { Int($0) }
        guard place.count == 2 else { throw CorpusError(message: "\(name): malformed LINE:COLUMN") }
        return (yaml, words[0] == "-" ? "" : words[0], place[0], place[1], halves[1])
    }

    /// A corpus file that does not follow the format.
    struct CorpusError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

@Suite("Rule corpus")
struct RuleCorpusTests {
    @Test("the corpus holds at least 40 broken rule files")
    func corpusSize() {
        #expect(RuleCorpus.names.count >= 40)
    }

    @Test(
        "each broken rule file is rejected with the expected path, line, column and message",
        arguments: RuleCorpus.names)
    func rejected(_ name: String) throws {
        let expected = try RuleCorpus.load(name)
        switch RuleLoader.parse(yaml: expected.yaml, file: name) {
        case .success:
            Issue.record("\(name) was accepted")
        case .failure(let errors):
            let first = try #require(errors.diagnostics.first)
            #expect(first.file == name)
            #expect(first.path == expected.path, "\(first)")
            #expect(first.line == expected.line, "\(first)")
            #expect(first.column == expected.column, "\(first)")
            #expect(first.message.contains(expected.fragment), "\(first)")
        }
    }
}
