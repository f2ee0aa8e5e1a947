import ConvenerCore
import Foundation
import Testing

@testable import ConvenerConfig

@Suite("Rule loader")
struct RuleLoaderTests {
    /// The repository root: the first folder above this file with `Package.swift` and `Deploy`.
    private static var repositoryRoot: URL? {
        if let root = ProcessInfo.processInfo.environment["CONVENER_REPO_ROOT"] { return URL(fileURLWithPath: root) }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            let manager = FileManager.default
            if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
                manager.fileExists(atPath: folder.appendingPathComponent("Deploy/rules").path)
            {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    @Test("the default rules in Deploy/rules load and compile")
    func defaultRules() throws {
        let root = try #require(Self.repositoryRoot)
        let file = root.appendingPathComponent("Deploy/rules/default.yaml").path
        let rules = try RuleLoader.load(paths: [file]).get()
        #expect(
            rules.rules.map(\.id) == [
                "welcome-newcomer", "weekly-prompt", "poll-results", "nudge-quiet-members", "welcome-back",
                "weekly-roundup", "pairing-round",
            ])
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let schedules = rules.schedules(communityTimeZone: berlin)
        #expect(schedules.map(\.ruleID) == ["weekly-prompt", "weekly-roundup", "pairing-round"])
        #expect(schedules.allSatisfy { $0.schedule.timeZone.identifier == "Europe/Berlin" })
    }

    @Test("a config's rules: list takes inline rules and rules files, with ids unique across both")
    func configSection() throws {
        let config = """
            listen: 127.0.0.1:8080
            rules:
              - id: hello
                trigger: member.joined
                actions:
                  - post: "Hi {{ member.name }}"
              - more-rules.yaml
            """
        let more = """
            - id: hello
              trigger: member.left
              actions:
                - post: bye
            """
        let result = RuleLoader.parse(configYAML: config, file: "/etc/convener/convener.yaml") { path in
            #expect(path == "/etc/convener/more-rules.yaml")
            return more
        }
        guard case .failure(let errors) = result else {
            Issue.record("duplicate ids across files must be rejected")
            return
        }
        let diagnostic = try #require(errors.diagnostics.first)
        #expect(diagnostic.file == "/etc/convener/more-rules.yaml")
        #expect(diagnostic.line == 1 && diagnostic.column == 7)
        #expect(diagnostic.message.contains("/etc/convener/convener.yaml:3:9 already defines it"))
        #expect(try RuleLoader.parse(configYAML: "listen: 127.0.0.1:8080\n", file: "c.yaml").get().rules.isEmpty)
    }

    @Test("a mapping with a rules: key is accepted as a rules file")
    func mappingRoot() throws {
        let yaml = """
            rules:
              - id: w
                trigger: {event: member.joined}
                mode: queued
                max: 3
                conditions: "member.tier == 'newcomer'"
                actions:
                  - member.tag: newcomer
                  - poll.start: {question: "Coffee or tea, {{ member.name }}?", options: [coffee, tea], closesAfter: 2d}
            """
        let rules = try RuleLoader.parse(yaml: yaml, file: "r.yaml").get()
        let rule = try #require(rules.rule("w"))
        #expect(rule.spec.mode == .queued(max: 3))
        #expect(rule.spec.conditions == ["member.tier == 'newcomer'"])
        if case .startPoll(let poll)? = rule.spec.actions.last {
            #expect(poll.closesAfter == 172_800)
        } else {
            Issue.record("expected a poll action")
        }
    }

    @Test("the diagnostic reads file:line:column: path: rule 'id': message")
    func diagnosticText() throws {
        let yaml = """
            - id: a
              trigger: member.joined
              conditions:
                - member.teir == 'core'
              actions:
                - post: hi
            """
        guard case .failure(let errors) = RuleLoader.parse(yaml: yaml, file: "rules.yaml") else {
            Issue.record("must fail")
            return
        }
        #expect(errors.description.hasPrefix("rules.yaml:4:13: rules[0].conditions[0]: rule 'a': "))
    }
}

@Suite("Rule source positions")
struct RuleSourcePositionTests {
    @Test("escapes in a double-quoted condition are counted as written in the file")
    func doubleQuotedEscapes() throws {
        let yaml = """
            - id: a
              trigger: member.joined
              conditions:
                - "member.name == \\"Zo\\u00eb\\" && member.tgs"
              actions:
                - post: hi
            """
        guard case .failure(let errors) = RuleLoader.parse(yaml: yaml, file: "r.yaml") else {
            Issue.record("must fail")
            return
        }
        let diagnostic = try #require(errors.diagnostics.first)
        #expect(diagnostic.line == 4)
        #expect(diagnostic.column == 45)
    }

    @Test("a folded expression is placed at its value, with the position inside the text in the message")
    func foldedFallsBack() throws {
        let yaml = """
            - id: a
              trigger: member.joined
              conditions:
                - >-
                  member.tier == 'core'
                  && member.tgs.size() > 0
              actions:
                - post: hi
            """
        guard case .failure(let errors) = RuleLoader.parse(yaml: yaml, file: "r.yaml") else {
            Issue.record("must fail")
            return
        }
        let diagnostic = try #require(errors.diagnostics.first)
        #expect(diagnostic.line == 4 && diagnostic.column == 7)
        #expect(diagnostic.message.contains("of the text)"))
    }
}

@Suite("Rule reference example")
struct RuleReferenceExampleTests {
    @Test("the README's example rule loads")
    func readmeExample() throws {
        let yaml = """
            rules:
              - id: nudge-quiet-members              # unique: a-z, 0-9, - _ .
                description: One gentle nudge after 30 quiet days.
                enabled: true                        # default true
                trigger:
                  schedule: {cron: "0 11 * * MON", timezone: Europe/Berlin}   # or an event type
                conditions:                          # CEL; all must be true
                  - "community.memberCount > 5"
                foreach: >-                          # optional: one run of the actions per member listed
                  members.filter(m, m.daysSinceActive >= 30 && !m.away && !('nudged' in m.tags))
                actions:
                  - nudge: {style: gentle}
                  - member.tag: nudged
                  - notify.convenors: "Nudged {{ member.name }} ({{ member.daysSinceActive }} quiet days)."
                mode: single                         # single | queued | parallel, with max: N
                rateLimit: {perMember: 1/30d, global: 20/day}
            """
        let rules = try RuleLoader.parse(yaml: yaml, file: "README.md").get()
        let rule = try #require(rules.rule("nudge-quiet-members"))
        #expect(
            rule.spec.rateLimit
                == RuleRateLimit(
                    global: RuleRate(count: 20, seconds: 86_400), perMember: RuleRate(count: 1, seconds: 30 * 86_400)))
        #expect(rule.spec.actions.map(\.key) == ["nudge", "member.tag", "notify.convenors"])
    }
}
