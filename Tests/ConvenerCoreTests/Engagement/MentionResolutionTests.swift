import Foundation
import Testing

@testable import ConvenerCore

/// A member typed by a member (`<@U…|name>`, `<@!id>`, `@username`) resolves to that member, and the reply mentions
/// them back natively.
@Suite("Typed mentions resolve to members")
struct MentionResolutionTests {
    private static let joined = Date(timeIntervalSince1970: 1_767_225_600)

    private static func state(_ members: [(MemberID, String)]) -> CommunityState {
        var state = CommunityState()
        state.apply(members.map { .memberJoined(member: $0.0, displayName: $0.1, at: joined) })
        return state
    }

    @Test(
        "Each platform's own mention names the member on the actor's platform",
        arguments: [
            ("<@U024BE7LH|bob>", "slack:U0ACTOR", "slack:U024BE7LH"),
            ("<@U024BE7LH>", "slack:U0ACTOR", "slack:U024BE7LH"),
            ("<@!80351110224678912>", "discord:1", "discord:80351110224678912"),
            ("<@80351110224678912>", "discord:1", "discord:80351110224678912"),
            ("@cy.lee", "mattermost:actor0000000000000000000000", "mattermost:qz9x7kcbutdq8b1kz1w3xsy3ha"),
            ("@CY.LEE", "mattermost:actor0000000000000000000000", "mattermost:qz9x7kcbutdq8b1kz1w3xsy3ha"),
        ])
    func resolves(_ typed: String, _ actor: String, _ expected: String) throws {
        let state = Self.state([
            (MemberID(rawValue: "mattermost:qz9x7kcbutdq8b1kz1w3xsy3ha"), "cy.lee"),
            (MemberID(rawValue: "slack:U024BE7LH"), "bob"),
        ])
        let mention = try #require(MemberMention.parse(typed))
        let resolved = EngagementDirectory(state: state).resolve(mention, from: MemberID(rawValue: actor))
        #expect(resolved == MemberID(rawValue: expected))
        let reply = OutboundMessage(
            id: "m", audience: .channel, text: "Thanks " + state.mention(try #require(resolved)))
        #expect(reply.mentions.map(\.member) == [MemberID(rawValue: expected)])
    }

    @Test("A user name nobody has on a chat platform resolves to nobody")
    func unknown() throws {
        let mention = try #require(MemberMention.parse("@nobody"))
        #expect(
            EngagementDirectory(state: Self.state([])).resolve(mention, from: MemberID(rawValue: "slack:U1")) == nil)
    }
}
