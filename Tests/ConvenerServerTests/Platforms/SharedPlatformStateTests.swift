import ConvenerStore
import Foundation
import Logging
import Testing

@testable import ConvenerServer

@Suite(
    "Platform documents shared through the database",
    .enabled(if: ProcessInfo.processInfo.environment["CONVENER_TEST_DATABASE_URL"].map { !$0.isEmpty } ?? false))
struct SharedPlatformStateTests {
    private struct Rooms: Codable, Sendable, Equatable {
        var rooms: [String: String] = [:]
    }

    @Test("two daemons' changes to one document are both kept, and each reads the other's")
    func bothChangesKept() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["CONVENER_TEST_DATABASE_URL"])
        let settings = PostgresSettings(url: url.contains("?") ? url : url + "?sslmode=disable", poolSize: 4)
        let logger = Logger(label: "test")
        try await PostgresDatabase.with(settings, logger: logger) { database in
            try await database.prepareSchema()
            let name = "test.\(UUID().uuidString.prefix(8))"
            let place = PlatformStatePlace.database(database)
            let first = try await place.document(name, file: "unused.json", initial: Rooms(), logger: logger)
            let second = try await place.document(name, file: "unused.json", initial: Rooms(), logger: logger)
            try await first.update { $0.rooms["@ana"] = "!a" }
            // The second daemon never read the first one's write: its change is reapplied on top, not over it.
            try await second.update { $0.rooms["@ben"] = "!b" }
            try await first.update { $0.rooms["@cy"] = "!c" }
            let expected = Rooms(rooms: ["@ana": "!a", "@ben": "!b", "@cy": "!c"])
            #expect(await first.read() == expected)
            #expect(await second.read() == expected)
            let reopened = try await place.document(name, file: "unused.json", initial: Rooms(), logger: logger)
            #expect(await reopened.read() == expected)
        }
    }
}
