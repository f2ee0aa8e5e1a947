import Testing

@testable import ConvenerCore

@Suite("Rule compiler")
struct RuleCompilerTests {
    private func problems(_ spec: RuleSpec) -> [RuleProblem] {
        if case .failure(let found) = RuleCompiler.compile([spec]) { return found.problems }
        return []
    }

    @Test("a typo in a member field is caught at load with its column in the expression")
    func fieldTypo() {
        let found = problems(
            RuleSpec(
                id: "a", trigger: .event("member.joined"), conditions: ["member.teir == 'core'"],
                actions: [.postPrompt(theme: nil)]))
        #expect(found.count == 1)
        #expect(found.first?.path == "conditions[0]")
        #expect(found.first?.line == 1)
        #expect(found.first?.column == 7)
    }

    @Test("dm needs a member: a schedule without foreach is rejected")
    func dmNeedsMember() {
        let found = problems(
            RuleSpec(
                id: "a", trigger: .schedule(cron: "@daily", timeZone: "UTC"),
                actions: [.directMessage(text: RuleTemplate("hi"))]))
        #expect(found.map(\.path) == ["actions[0].dm"])
    }

    @Test("template placeholders report the column inside the whole template")
    func templateColumn() {
        let found = problems(
            RuleSpec(
                id: "a", trigger: .event("member.joined"),
                actions: [.post(text: RuleTemplate("Hi {{ member.nme }}"), channel: nil)]))
        #expect(found.first?.path == "actions[0].post.text")
        #expect(found.first?.column == 13)
    }

    @Test("template text splits into literal text and placeholders")
    func templateSplit() {
        let template = RuleTemplate("a {{ x }} b {{ 'y}}' }}")
        #expect(template.segments.count == 4)
        #expect(template.syntaxProblem == nil)
        #expect(RuleTemplate("a {{ x").syntaxProblem?.column == 3)
    }

    @Test("rates parse from COUNT/PERIOD text")
    func rates() {
        #expect(RuleRate(parsing: "3/day") == RuleRate(count: 3, seconds: 86_400))
        #expect(RuleRate(parsing: "1/30d") == RuleRate(count: 1, seconds: 30 * 86_400))
        #expect(RuleRate(parsing: "0/day") == nil)
        #expect(RuleRate(parsing: "3/fortnight") == nil)
    }
}
