import ConvenerPlatforms
import Foundation
import Testing

/// A folder of real platform payloads under `Tests/`, each a JSON document naming where it was copied from
/// (`provenance`: repository, a 40-hex commit, path, where in the file, and what was changed) beside what Convener
/// should read in it.
enum ProvenancedCorpus {
    /// Every document of `Tests/<folder>`, by file name in order, once each provenance is checked; records an issue
    /// when fewer than `atLeast` are there.
    static func documents(in folder: String, atLeast: Int) throws -> [(file: String, document: PlatformJSON)] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".json")
        }.sorted()
        #expect(files.count >= atLeast, "\(folder)")
        return try files.map { file in
            let document = try PlatformJSON.parse(
                try Data(contentsOf: directory.appendingPathComponent(file)), what: file)
            let provenance = try #require(document["provenance"], "\(file)")
            for key in ["repository", "commit", "path", "where", "changes"] {
                #expect(provenance[key]?.stringValue?.isEmpty == false, "\(file): provenance.\(key)")
            }
            #expect(provenance["commit"]?.stringValue?.count == 40, "\(file)")
            return (file, document)
        }
    }
}
