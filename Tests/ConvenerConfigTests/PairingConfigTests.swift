import ConvenerConfig
import ConvenerCore
import Testing

@Suite("The pairing section")
struct PairingConfigTests {
    @Test("Without a pairing section the defaults hold: weekly coffee and monthly mentorship")
    func defaults() throws {
        let config = try #require(ConfigLoader.parse(yaml: "log_level: info\n", file: "c.yaml").successValue)
        let pairing = config.settings.pairing
        #expect(pairing.programs.map(\.id) == ["coffee", "mentorship"])
        #expect(pairing.programs.map(\.kind) == [.coffee, .mentorship])
        #expect(pairing.programs[0].cadence == "0 9 * * MON")
        #expect(pairing.programs[0].repeatWindow == 6)
        #expect(pairing.followUpDays == 4)
    }

    @Test("Programs, weights, working hours and limits are read")
    func programs() throws {
        let yaml = """
            pairing:
              follow_up_days: 3
              prune_above: 500
              prune_k: 12
              programs:
                - id: trios
                  kind: coffee
                  group_size: 3
                  cadence: "0 8 * * FRI"
                  repeat_window: 10
                  working_hours: "22:00-06:00"
                  weights: {interests: 5, timezone_overlap: 0.5, tier_mix: 0, since_last_met: 2}
                - id: mentors
                  kind: mentorship
            """
        let config = try #require(ConfigLoader.parse(yaml: yaml, file: "c.yaml").successValue)
        let pairing = config.settings.pairing
        #expect(pairing.followUpDays == 3 && pairing.pruneAbove == 500 && pairing.pruneK == 12)
        let trios = try #require(pairing.program("trios"))
        #expect(trios.groupSize == 3)
        #expect(trios.cadence == "0 8 * * FRI")
        #expect(trios.repeatWindow == 10)
        #expect(trios.workingHours == PairingWorkingHours(startMinute: 22 * 60, lengthMinutes: 8 * 60))
        #expect(trios.weights == PairingWeights(interests: 5, timezoneOverlap: 0.5, tierMix: 0, sinceLastMet: 2))
        let mentors = try #require(pairing.program("mentors"))
        #expect(mentors.kind == .mentorship && mentors.cadence == nil && mentors.repeatWindow == 6)
    }

    @Test("A broken pairing section gives every problem with file, line, column and key path")
    func broken() {
        let yaml = """
            pairing:
              follow_up_days: 0
              programs:
                - id: Coffee Club
                  kind: speed-dating
                - id: mentors
                  kind: mentorship
                  group_size: 3
                  cadence: "0 25 * * *"
                - id: mentors
                  kind: mentorship
                - id: late
                  kind: coffee
                  repeat_window: 99
                  working_hours: "nine to five"
                  weights: {interests: -1, timezone: 2}
                - kind: coffee
            """
        guard case .failure(let errors) = ConfigLoader.parse(yaml: yaml, file: "convener.yaml") else {
            Issue.record("expected diagnostics, the config loaded")
            return
        }
        #expect(
            errors.diagnostics.map(\.description) == [
                "convener.yaml:2:19: pairing.follow_up_days: '0' is not a number of days; use a whole number from 1 to 30",
                "convener.yaml:4:11: pairing.programs[0].id: 'Coffee Club' is not a program id; "
                    + "use 1-40 lowercase letters, digits and dashes",
                "convener.yaml:5:13: pairing.programs[0].kind: 'speed-dating' is not a pairing kind; "
                    + "allowed: coffee, mentorship",
                "convener.yaml:8:19: pairing.programs[1].group_size: group_size is for coffee programs; "
                    + "mentoring is always one mentor and one mentee",
                "convener.yaml:9:16: pairing.programs[1].cadence: '0 25 * * *' is not a cron schedule (field 2 (hour) "
                    + "at column 3: '25' is out of range; use 0-23); write five fields such as '0 9 * * MON'",
                "convener.yaml:10:7: pairing.programs[2]: a second program with id 'mentors'; "
                    + "every program needs its own id",
                "convener.yaml:14:22: pairing.programs[3].repeat_window: '99' is not a number of rounds; "
                    + "use a whole number from 0 to 52",
                "convener.yaml:15:22: pairing.programs[3].working_hours: 'nine to five' is not a working-hours "
                    + "window; write HH:MM-HH:MM, e.g. 09:00-17:00",
                "convener.yaml:16:28: pairing.programs[3].weights.interests: '-1' is not a weight; "
                    + "use a number from 0 to 100, e.g. 2 or 0.5",
                "convener.yaml:16:32: pairing.programs[3].weights.timezone: unknown key; did you mean "
                    + "timezone_overlap? allowed keys: interests, timezone_overlap, tier_mix, since_last_met",
                "convener.yaml:17:7: pairing.programs[4].id: missing required key; name the program, e.g. id: coffee",
            ])
    }
}
