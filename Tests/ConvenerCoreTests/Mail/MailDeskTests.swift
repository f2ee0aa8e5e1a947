import Foundation
import Testing

@testable import ConvenerCore

@Suite("Mail: opt-in, confirmation, unsubscribe, refused addresses, round-up mails")
struct MailDeskTests {
    typealias Support = EngagementTestSupport

    static func profile(list: String? = "list@example.org") -> CommunityProfile {
        var profile = EngagementHarness.profile
        profile.mail = CommunityMail(membersMaySubscribe: true, roundUpTo: list, chatLink: "https://chat.example.org")
        return profile
    }

    /// The confirmation mail queued by the outcome, if any.
    static func mails(_ outcome: Outcome) -> [OutboxEntry] {
        outcome.facts.compactMap { fact in
            if case .messageQueued(let entry) = fact, entry.mail != nil { return entry }
            return nil
        }
    }

    /// Ada subscribes and confirms through the token her confirmation mail carries.
    func subscribed() throws -> EngagementHarness {
        var harness = try EngagementHarness(profile: Self.profile())
        let asked = harness.command("ada", "me email ada@example.org", at: Support.at(day: 0))
        let token = try #require(Self.mails(asked).first?.mail?.token)
        let (result, facts) = MailDesk.confirm(
            token: token, state: harness.state, profile: Self.profile(), now: Support.at(day: 1), idPrefix: "web")
        #expect(result == .confirmed(address: "ada@example.org"))
        harness.state.apply(facts)
        return harness
    }

    @Test("me email mails a single-use link; the state keeps only the token's hash until it is confirmed")
    func optIn() throws {
        var harness = try EngagementHarness(profile: Self.profile())
        let outcome = harness.command("ada", "me email ada@example.org", at: Support.at(day: 0))
        #expect(outcome.replies.first?.text.contains("I mailed a confirmation link to ada@example.org") == true)
        let entry = try #require(Self.mails(outcome).first)
        let mail = try #require(entry.mail)
        #expect(mail.kind == .confirmation && mail.to == "ada@example.org" && mail.member == Support.member("ada"))
        let token = try #require(mail.token)
        #expect(token.count == 32)
        let subscription = try #require(harness.state.mail.subscriptions[Support.member("ada")])
        #expect(!subscription.isConfirmed && subscription.tokenHash != token)
        #expect(subscription.expiresAt == Support.at(day: 0).addingTimeInterval(48 * 3600))
        #expect(
            MailDesk.check(token: token, state: harness.state, now: Support.at(day: 1))
                == .confirmed(address: "ada@example.org"))
        // Checking (a GET) changes nothing; confirming (the POST) works once.
        let (first, facts) = MailDesk.confirm(
            token: token, state: harness.state, profile: Self.profile(), now: Support.at(day: 1), idPrefix: "web")
        #expect(first == .confirmed(address: "ada@example.org"))
        harness.state.apply(facts)
        #expect(harness.state.mail.subscriptions[Support.member("ada")]?.isConfirmed == true)
        let (second, again) = MailDesk.confirm(
            token: token, state: harness.state, profile: Self.profile(), now: Support.at(day: 1), idPrefix: "web2")
        #expect(second == .unknown && again.isEmpty)
    }

    @Test("Only a confirmed address is given out (for calendar invitations), never a pending one")
    func confirmedAddressOnly() throws {
        var harness = try EngagementHarness(profile: Self.profile())
        _ = harness.command("ben", "me email ben@example.org", at: Support.at(day: 0))
        #expect(harness.state.mail.confirmedAddress(of: Support.member("ben")) == nil)
        let confirmed = try subscribed()
        #expect(confirmed.state.mail.confirmedAddress(of: Support.member("ada")) == "ada@example.org")
        #expect(confirmed.state.mail.confirmedAddress(of: Support.member("cleo")) == nil)
    }

    @Test("A second confirmation mail waits 10 minutes, so the command cannot flood an inbox")
    func resendPause() throws {
        var harness = try EngagementHarness(profile: Self.profile())
        harness.command("ada", "me email ada@example.org", at: Support.at(day: 0))
        let soon = harness.command("ada", "me email other@example.org", at: Support.at(day: 0).addingTimeInterval(60))
        #expect(soon.replies.first?.text.contains("please wait 10 minutes") == true && Self.mails(soon).isEmpty)
        #expect(harness.state.mail.subscriptions[Support.member("ada")]?.address == "ada@example.org")
        let later = harness.command(
            "ada", "me email other@example.org", at: Support.at(day: 0).addingTimeInterval(11 * 60))
        #expect(Self.mails(later).first?.mail?.to == "other@example.org")
    }

    @Test("A confirmation link expires after 48 hours")
    func expiry() throws {
        var harness = try EngagementHarness(profile: Self.profile())
        let outcome = harness.command("ada", "me email ada@example.org", at: Support.at(day: 0))
        let token = try #require(Self.mails(outcome).first?.mail?.token)
        let (result, facts) = MailDesk.confirm(
            token: token, state: harness.state, profile: Self.profile(), now: Support.at(day: 2.01), idPrefix: "web")
        #expect(result == .expired && facts.isEmpty)
        #expect(
            MailDesk.check(token: "0" + token.dropFirst(), state: harness.state, now: Support.at(day: 1)) == .unknown)
    }

    @Test("Without SMTP set up, me email says so and stores nothing")
    func notSetUp() throws {
        var harness = try EngagementHarness()
        let outcome = harness.command("ada", "me email ada@example.org", at: Support.at(day: 0))
        #expect(outcome.replies.first?.text.contains("does not send mail yet") == true)
        #expect(harness.state.mail.subscriptions.isEmpty && Self.mails(outcome).isEmpty)
    }

    @Test("The round-up goes to each confirmed address and the mailing list, not to pending ones")
    func roundUp() throws {
        var harness = try subscribed()
        harness.command("bob", "me email bob@example.org", at: Support.at(day: 1))
        let outcome = harness.command("convenor", "digest now", at: Support.at(day: 2))
        let mails = Self.mails(outcome).compactMap(\.mail)
        #expect(mails.map(\.to) == ["ada@example.org", "list@example.org"])
        #expect(mails.allSatisfy { $0.kind == .roundUp && $0.subject == "Round-up of Test Community" })
        #expect(mails.map(\.member) == [Support.member("ada"), nil])
        let bodies = Self.mails(outcome).map(\.message.text)
        #expect(bodies.allSatisfy { $0.hasPrefix("🗞️ Round-up of Test Community") })
    }

    @Test("Unsubscribing deletes the address and tells the member; me email off does the same")
    func unsubscribe() throws {
        var harness = try subscribed()
        let facts = MailDesk.unsubscribe(
            member: Support.member("ada"), state: harness.state, profile: Self.profile(), now: Support.at(day: 2),
            idPrefix: "web")
        harness.state.apply(facts)
        #expect(harness.state.mail.subscriptions.isEmpty)
        #expect(
            facts.contains {
                if case .messageQueued(let entry) = $0 {
                    entry.message.audience == .direct(Support.member("ada"))
                } else {
                    false
                }
            })
        #expect(
            MailDesk.unsubscribe(
                member: Support.member("ada"), state: harness.state, profile: Self.profile(), now: Support.at(day: 2),
                idPrefix: "web"
            ).isEmpty)
        var other = try subscribed()
        let off = other.command("ada", "me email off", at: Support.at(day: 2))
        #expect(off.compactsJournal && other.state.mail.subscriptions.isEmpty)
    }

    @Test("A refused address stops mail and tells the member; other permanent failures change nothing")
    func refused() throws {
        var harness = try subscribed()
        let outcome = harness.command("convenor", "digest now", at: Support.at(day: 2))
        let entry = try #require(Self.mails(outcome).first { $0.mail?.member != nil })
        let other = MailDesk.undeliverable(
            entry, reason: "email: login denied", state: harness.state, profile: Self.profile(), now: Support.at(day: 2)
        )
        #expect(other.isEmpty)
        let facts = MailDesk.undeliverable(
            entry, reason: OutboxMail.refusedReason + ": 550", state: harness.state, profile: Self.profile(),
            now: Support.at(day: 2))
        harness.state.apply(facts)
        #expect(harness.state.mail.subscriptions.isEmpty)
        let told = facts.compactMap { fact -> OutboxEntry? in
            if case .messageQueued(let entry) = fact { return entry }
            return nil
        }
        #expect(told.count == 1 && told[0].mail == nil && told[0].message.audience == .direct(Support.member("ada")))
        #expect(told[0].message.text.contains("refused mail to ada@example.org"))
    }

    @Test("me shows the address, export carries it, and forget deletes it with the queued mails")
    func memberData() throws {
        var harness = try subscribed()
        let me = harness.command("ada", "me", at: Support.at(day: 2))
        #expect(me.replies.first?.text.contains("• email: ada@example.org, confirmed") == true)
        let export = harness.command("ada", "me export", at: Support.at(day: 2))
        #expect(export.replies.first?.text.contains("ada@example.org") == true)
        harness.command("convenor", "digest now", at: Support.at(day: 2))
        #expect(harness.state.outbox.contains { $0.mail?.to == "ada@example.org" })
        harness.command("ada", "me forget confirm", at: Support.at(day: 3))
        let encoded = String(decoding: try JSONEncoder().encode(harness.state), as: UTF8.self)
        #expect(!encoded.contains("ada@example.org"))
    }
}
