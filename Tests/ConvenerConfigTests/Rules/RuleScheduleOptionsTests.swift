import ConvenerCore
import Testing

@testable import ConvenerConfig

@Suite("Schedule options in rule files")
struct RuleScheduleOptionsTests {
    @Test("catchUp, maxLateness and holidays are read; left out, they take their defaults")
    func options() throws {
        let yaml = """
            - id: every-morning
              trigger:
                schedule: {cron: "0 9 * * *", catchUp: all, maxLateness: 2h, holidays: postpone}
              actions:
                - post: "Good morning"
            - id: plain
              trigger:
                schedule: {cron: "0 9 * * MON"}
              actions:
                - post: "Monday"
            """
        let rules = try RuleLoader.parse(yaml: yaml, file: "rules.yaml").get()
        let morning = try #require(rules.rule("every-morning")).spec.scheduleOptions
        #expect(morning.catchUp.policy == .all)
        #expect(morning.catchUp.maxLateness == 7_200)
        #expect(morning.holidays == .postpone)
        let plain = try #require(rules.rule("plain")).spec.scheduleOptions
        #expect(plain == .standard)
        #expect(plain.catchUp.policy == .latest && plain.catchUp.maxLateness == nil && plain.holidays == .skip)
    }
}
