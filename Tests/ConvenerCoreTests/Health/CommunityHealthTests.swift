import Foundation
import Testing

@testable import ConvenerCore

@Suite("Community health figures")
struct CommunityHealthTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let day: TimeInterval = 86_400

    @Test("Counts members by recency, newness, quiet and away, and totals activity by kind")
    func figures() {
        var state = CommunityState()
        let ids = (0..<4).map { MemberID(platform: "playground", user: "m\($0)") }
        state.apply(.memberJoined(member: ids[0], displayName: "a", at: now.addingTimeInterval(-2 * day)))
        state.apply(.memberJoined(member: ids[1], displayName: "b", at: now.addingTimeInterval(-40 * day)))
        state.apply(.memberJoined(member: ids[2], displayName: "c", at: now.addingTimeInterval(-100 * day)))
        state.apply(.memberJoined(member: ids[3], displayName: "d", at: now.addingTimeInterval(-20 * day)))
        state.apply(.activityRecorded(member: ids[1], kind: .message, at: now.addingTimeInterval(-10 * day)))
        state.apply(.activityRecorded(member: ids[1], kind: .vote, at: now.addingTimeInterval(-10 * day)))
        state.apply(.activityRecorded(member: ids[0], kind: .kudos, at: now.addingTimeInterval(-1 * day)))
        state.apply(.memberInactiveRaised(member: ids[2], at: now.addingTimeInterval(-50 * day)))
        state.apply(.memberAwayChanged(member: ids[3], until: now.addingTimeInterval(3 * day)))
        let health = CommunityHealth(
            state: state, profile: CommunityProfile(id: "c", name: "Craft", convenors: ["x"]), now: now)
        #expect(health.community == "Craft")
        #expect(health.members == 4)
        #expect(health.newLast30Days == 2)
        #expect(health.activeLast7Days == 1)
        #expect(health.activeLast30Days == 3)
        #expect(health.quiet == 1)
        #expect(health.away == 1)
        #expect(health.lastActive.map(\.count) == [1, 1, 1, 0, 0, 0, 0, 0, 1])
        #expect(health.activity.first { $0.label == "messages" }?.count == 1)
        #expect(health.activity.first { $0.label == "votes" }?.count == 1)
        #expect(health.activity.first { $0.label == "kudos" }?.count == 1)
        #expect(health.tiers.map(\.label) == ["core", "active", "occasional", "peripheral"])
        #expect(health.tiers.map(\.count).reduce(0, +) == 4)
        let json = String(decoding: (try? JSONEncoder().encode(health)) ?? Data(), as: UTF8.self)
        #expect(!json.contains("playground:m"))
    }
}
