import ConvenerConfig
import ConvenerCore
import Foundation
import Testing

@Suite("The engagement section")
struct EngagementConfigTests {
    @Test("Every key is read over the defaults")
    func decodes() throws {
        let yaml = """
            engagement:
              weights: {message: 2, meeting: 5, kudos_received: 0}
              half_life_days: 14
              tiers:
                core_promote: 50
                core_keep: 30
                min_days_between_changes: 3
              kudos: {daily_allowance: 3, max_reason_length: 200}
              spotlight: false
              celebrations: {morning: "08:30", anniversaries: no, birthdays: true}
              roster: {weekday: thursday, time: "17:15", every_weeks: 2, announce_days_ahead: 5}
              on_leave: delete
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "convener.yaml").get()
        let settings = config.settings.engagement
        #expect(settings.scoring.weights.message == 2)
        #expect(settings.scoring.weights.pairingMeeting == 5)
        #expect(settings.scoring.weights.kudosReceived == 0)
        #expect(settings.scoring.weights.vote == 0.5)
        #expect(settings.scoring.halfLifeDays == 14)
        #expect(settings.scoring.corePromote == 50 && settings.scoring.coreKeep == 30)
        #expect(settings.scoring.activePromote == 12)
        #expect(settings.scoring.minDaysBetweenTierChanges == 3)
        #expect(settings.kudos.dailyAllowance == 3 && settings.kudos.maxReasonLength == 200)
        #expect(!settings.spotlight)
        #expect(settings.celebrations.hour == 8 && settings.celebrations.minute == 30)
        #expect(!settings.celebrations.anniversaries && settings.celebrations.birthdays)
        #expect(
            settings.roster
                == EngagementRosterCadence(weekday: 5, hour: 17, minute: 15, everyWeeks: 2, announceDaysAhead: 5))
        #expect(settings.onLeave == .delete)
    }

    @Test("Without the section, and in the example config, the defaults apply")
    func defaults() throws {
        let config = try ConfigLoader.parse(yaml: "listen: 127.0.0.1:8080\n", file: "convener.yaml").get()
        #expect(config.settings.engagement == .defaults)
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            let parent = folder.deletingLastPathComponent()
            try #require(parent.path != folder.path)
            folder = parent
        }
        let example = try String(
            contentsOf: folder.appendingPathComponent("Deploy/convener.example.yaml"), encoding: .utf8)
        let section = try #require(example.range(of: "\nengagement:")).lowerBound
        let loaded = try ConfigLoader.parse(yaml: String(example[section...]), file: "convener.yaml").get()
        #expect(loaded.settings.engagement == .defaults)
    }

    @Test("Broken engagement settings give exact diagnostics with file, line and column")
    func broken() {
        let yaml = """
            engagement:
              weights: {message: lots, votes: 1}
              half_life_days: 0
              tiers:
                core_promote: 20
                core_keep: 25
              kudos: {daily_allowance: 0}
              spotlight: maybe
              celebrations: {morning: "9am"}
              roster: {weekday: mondey, every_weeks: 13}
              on_leave: archive
            """
        guard case .failure(let errors) = ConfigLoader.parse(yaml: yaml, file: "convener.yaml") else {
            Issue.record("expected diagnostics, the config loaded")
            return
        }
        #expect(
            errors.diagnostics.map(\.description) == [
                "convener.yaml:2:22: engagement.weights.message: 'lots' is not a number from 0 to 100",
                "convener.yaml:2:28: engagement.weights.votes: unknown key; did you mean vote? allowed keys: "
                    + "message, command, vote, kudos_given, kudos_received, survey, meeting, reaction",
                "convener.yaml:3:19: engagement.half_life_days: '0' is not a number from 1 to 3650",
                "convener.yaml:6:16: engagement.tiers.core_keep: core_keep (25) must not exceed core_promote (20): "
                    + "a member keeps a tier down to the keep score",
                "convener.yaml:7:28: engagement.kudos.daily_allowance: '0' is not a whole number from 1 to 100",
                "convener.yaml:8:14: engagement.spotlight: 'maybe' is not true or false; allowed: true, false",
                "convener.yaml:9:27: engagement.celebrations.morning: '9am' is not a time of day; write HH:MM, "
                    + "e.g. 09:00",
                "convener.yaml:10:21: engagement.roster.weekday: 'mondey' is not a weekday; did you mean monday? "
                    + "allowed: sunday, monday, tuesday, wednesday, thursday, friday, saturday",
                "convener.yaml:10:42: engagement.roster.every_weeks: '13' is not a whole number from 1 to 12",
                "convener.yaml:11:13: engagement.on_leave: 'archive' is not an on_leave choice; allowed: keep, delete",
            ])
    }

    @Test("The default welcome rule sends the purpose, the guidelines and an offer of a mentor")
    func welcome() {
        let profile = CommunityProfile(
            id: "swift", name: "Swift Practitioners", purpose: "We share how we build server-side Swift.",
            guidelines: "Be kind; share what did not work too.", convenors: ["convenor"])
        let reducer = CommunityReducer(profile: profile, rules: RuleEngine(rules: DefaultRules.ruleSet))
        var rules = RuleEngineState()
        let ada = MemberID(platform: "playground", user: "ada")
        let outcome = reducer.reduce(
            CommunityState(), Input(id: "i1", member: ada, displayName: "Ada", event: .message("hi")), rules: &rules,
            now: Date(timeIntervalSince1970: 1_767_225_600))
        let direct = outcome.facts.compactMap { fact -> String? in
            guard case .messageQueued(let entry) = fact, entry.message.audience == .direct(ada) else { return nil }
            return entry.message.text
        }
        #expect(
            direct == [
                """
                Hi Ada, glad you joined Swift Practitioners.
                We share how we build server-side Swift.
                How we work together: Be kind; share what did not work too.
                Would you like a mentor? /cop pair join --role mentee pairs you with an experienced member.
                Try /cop help to see what you can do here, and /cop pair join to meet someone for coffee.

                """
            ])
    }
}
