import Foundation
import Testing

@testable import ConvenerCore

@Suite("Pairing commands through the reducer")
struct PairingCommandTests {
    typealias F = PairingFixture

    @Test("`pair join` with flags saves the profile and says which programs the member is in")
    func join() throws {
        let reducer = try F.reducer()
        var state = CommunityState()
        let outcome = F.send(
            reducer, &state, "alice", .command("pair join --role mentee --interests testing,ci --tz Europe/Berlin"))
        let profile = try #require(state.pairing.profiles[F.id("alice")])
        #expect(profile.role == .mentee)
        #expect(profile.interests == ["testing", "ci"])
        #expect(profile.timeZone == "Europe/Berlin")
        #expect(profile.optedIn)
        let text = outcome.replies.first?.text ?? ""
        #expect(text.hasPrefix("You're in!"))
        #expect(text.contains("Coffee (next round 2026-01-05)"))
        #expect(text.contains("Mentorship"))
        // Joining again with one flag keeps the others.
        let again = F.send(reducer, &state, "alice", .command("pair join --interests design"))
        #expect(state.pairing.profiles[F.id("alice")]?.role == .mentee)
        #expect(state.pairing.profiles[F.id("alice")]?.interests == ["design"])
        #expect(again.replies.first?.text.hasPrefix("Your pairing profile is updated.") == true)
    }

    @Test("`pair leave`, `pause`, `resume` and `status` change and report the profile")
    func lifecycle() throws {
        let reducer = try F.reducer()
        var state = CommunityState()
        let notIn = F.send(reducer, &state, "bob", .command("pair leave"))
        #expect(notIn.replies.first?.text.contains("You were not taking part") == true)
        F.send(reducer, &state, "bob", .command("pair join"))
        let paused = F.send(reducer, &state, "bob", .command("pair pause 2w"))
        #expect(paused.replies.first?.text.contains("until 2026-01-19") == true)
        #expect(state.pairing.profiles[F.id("bob")]?.isPaused(at: F.start.addingTimeInterval(86_400)) == true)
        let status = F.send(reducer, &state, "bob", .command("pair status"))
        #expect(status.replies.first?.text.contains("Paused until 2026-01-19") == true)
        F.send(reducer, &state, "bob", .command("pair resume"))
        #expect(state.pairing.profiles[F.id("bob")]?.pausedUntil == nil)
        let resumeAgain = F.send(reducer, &state, "bob", .command("pair resume"))
        #expect(resumeAgain.replies.first?.text.contains("was not paused") == true)
        F.send(reducer, &state, "bob", .command("pair leave"))
        #expect(state.pairing.profiles[F.id("bob")]?.optedIn == false)
        let after = F.send(reducer, &state, "bob", .command("pair status"))
        #expect(after.replies.first?.text.hasPrefix("You left pairing.") == true)
    }

    @Test("`pair not @member` is kept once and never told to the other member")
    func avoid() throws {
        let reducer = try F.reducer()
        var state = CommunityState()
        F.send(reducer, &state, "carol", .message("hi"))
        F.send(reducer, &state, "dave", .command("pair join"))
        let first = F.send(reducer, &state, "dave", .command("pair not @carol"))
        #expect(state.pairing.profiles[F.id("dave")]?.avoid == [F.id("carol")])
        #expect(first.replies.count == 1)
        #expect(F.directMessages(first.facts).isEmpty)
        let second = F.send(reducer, &state, "dave", .command("pair not @carol"))
        #expect(second.replies.first?.text.contains("already asked") == true)
        let me = F.send(reducer, &state, "dave", .command("pair not @dave"))
        #expect(me.replies.first?.text.contains("yourself") == true)
    }

    @Test("The `pair.join.mentee` button joins as a mentee with the defaults")
    func menteeButton() throws {
        let reducer = try F.reducer()
        var state = CommunityState()
        let outcome = F.send(reducer, &state, "erin", .action(messageID: "welcome.1", actionID: "pair.join.mentee"))
        #expect(state.pairing.profiles[F.id("erin")]?.role == .mentee)
        #expect(outcome.replies.first?.text.hasPrefix("You're in!") == true)
    }
}
