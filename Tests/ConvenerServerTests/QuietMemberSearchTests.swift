import ConvenerCore
import ConvenerStore
import Foundation
import Logging
import Testing

@testable import ConvenerServer

/// The runtime looks for quiet members once a minute (the search reads every member); the core's side, the flag
/// it asks with, is in `SchedulerTickTests`.
@Suite("Looking for quiet members")
struct QuietMemberSearchTests {
    @Test("the first tick of each minute looks for quiet members, and the other ticks of that minute do not")
    func oncePerMinute() async throws {
        let minute = Date(timeIntervalSince1970: 1_795_000_020)
        let clock = MovableClock(minute.addingTimeInterval(20 - 10 * 86_400))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quiet-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "test")
        let opened = try await StateStore<CommunityState>.open(directory: directory, logger: logger)
        let runtime = CommunityRuntime(
            profile: CommunityProfile(id: "t", name: "T", inactiveAfterDays: 10), store: opened.store,
            state: opened.state, clock: clock, logger: logger)
        // Ada's last word: she counts as quiet from 20 s into `minute` on.
        let ada = MemberID(platform: "playground", user: "ada")
        _ = try await runtime.handle(Input(id: "i1", member: ada, displayName: "ada", event: .command("me")))
        clock.set(minute.addingTimeInterval(1))
        try await runtime.tick()
        #expect(await runtime.health().quiet == 0)
        clock.set(minute.addingTimeInterval(40))
        try await runtime.tick()
        #expect(await runtime.health().quiet == 0, "the minute's search already ran")
        clock.set(minute.addingTimeInterval(60))
        try await runtime.tick()
        #expect(await runtime.health().quiet == 1)
        try await runtime.close()
    }
}
