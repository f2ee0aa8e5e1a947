import ConvenerConfig
import ConvenerCore
import Testing

@Suite("The polls section")
struct PollSettingsConfigTests {
    @Test("Without a polls section the defaults hold: k = 5, five open polls per member")
    func defaults() throws {
        let config = try #require(ConfigLoader.parse(yaml: "log_level: info\n", file: "convener.yaml").successValue)
        #expect(config.settings.polls == .defaults)
        #expect(config.settings.polls.anonymousMinimum == 5)
        #expect(config.settings.polls.maxOpenPerMember == 5)
    }

    @Test("Both keys are read")
    func keys() throws {
        let yaml = "polls:\n  anonymous_minimum: 8\n  max_open_per_member: 2\n"
        let config = try #require(ConfigLoader.parse(yaml: yaml, file: "convener.yaml").successValue)
        #expect(config.settings.polls == PollSettings(anonymousMinimum: 8, maxOpenPerMember: 2))
    }

    @Test(
        "Broken values are reported at their line and column",
        arguments: [
            (
                "polls:\n  anonymous_minimum: 2\n",
                "convener.yaml:2:22: polls.anonymous_minimum: '2' is not a number of voters; "
                    + "use a whole number from 3 to 100"
            ),
            (
                "polls:\n  max_open_per_member: lots\n",
                "convener.yaml:2:24: polls.max_open_per_member: 'lots' is not a number of polls; "
                    + "use a whole number from 1 to 100"
            ),
            (
                "polls:\n  anonymous_minimum: 5\n  max_open_per_membr: 3\n",
                "convener.yaml:3:3: polls.max_open_per_membr: unknown key; did you mean max_open_per_member? "
                    + "allowed keys: anonymous_minimum, max_open_per_member"
            ),
            ("polls: 5\n", "convener.yaml:1:8: polls: expected a mapping, got a number"),
        ])
    func broken(yaml: String, expected: String) {
        let result = ConfigLoader.parse(yaml: yaml, file: "convener.yaml")
        guard case .failure(let errors) = result else {
            Issue.record("expected diagnostics, the config loaded")
            return
        }
        #expect(errors.diagnostics.map(\.description) == [expected])
    }
}
