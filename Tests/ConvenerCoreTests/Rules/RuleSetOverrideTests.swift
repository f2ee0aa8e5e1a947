import Testing

@testable import ConvenerCore

/// A community's own rules on top of the shared ones.
@Suite("Rule set overrides")
struct RuleSetOverrideTests {
    static func set(_ rules: [(String, Bool)]) throws -> RuleSet {
        try RuleCompiler.compile(
            rules.map { id, enabled in
                RuleSpec(
                    id: id, enabled: enabled, trigger: .event("member.joined"),
                    actions: [.post(text: RuleTemplate(id), channel: nil)])
            }
        ).get()
    }

    @Test("a rule with a shared id takes its place; new ones follow; enabled: false turns a shared one off")
    func overriding() throws {
        let shared = try Self.set([("welcome", true), ("nudge", true), ("digest", true)])
        let own = try Self.set([("extra", true), ("nudge", false), ("welcome", true)])
        let merged = shared.overriding(with: own)
        #expect(merged.rules.map(\.id) == ["welcome", "nudge", "digest", "extra"])
        #expect(merged.rule("nudge")?.spec.enabled == false)
        #expect(
            merged.rules(triggeredBy: RuleEvent(type: "member.joined")).map(\.id) == ["welcome", "digest", "extra"])
        #expect(shared.overriding(with: .empty).rules.map(\.id) == shared.rules.map(\.id))
    }
}
