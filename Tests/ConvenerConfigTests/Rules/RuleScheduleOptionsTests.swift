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

    @Test("a reminder trigger names the event and the lead, with the catch-up keys of schedules")
    func reminder() throws {
        let yaml = """
            - id: meetup-reminder
              trigger:
                reminder: {event: meetup, minutesBefore: 30, maxLateness: 10m}
              actions:
                - post: "{{ event.payload.title }} starts at {{ event.payload.when }}"
            """
        let rules = try RuleLoader.parse(yaml: yaml, file: "rules.yaml").get()
        let rule = try #require(rules.rule("meetup-reminder"))
        #expect(rule.spec.trigger == .reminder(event: "meetup", minutesBefore: 30))
        #expect(rule.spec.scheduleOptions.catchUp.maxLateness == 600)
        #expect(rules.reminders().map(\.ruleID) == ["meetup-reminder"])
        #expect(rules.schedules(communityTimeZone: .gmt).isEmpty)
    }
}
