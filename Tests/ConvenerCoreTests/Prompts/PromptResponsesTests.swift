import Foundation
import Testing

@testable import ConvenerCore

/// A small community whose convenor posts prompts on Slack, and members who answer them.
private struct PromptDesk {
    static let themes = ["show-and-tell", "reflection", "celebrating-wins"]
    static let library = PromptLibrary(
        themes: themes.map { theme in
            PromptTheme(
                id: theme, title: theme.capitalized, description: "",
                prompts: (1...3).map {
                    DiscussionPrompt(id: "\(theme)-0\($0)", theme: theme, text: "About \(theme) \($0)?")
                })
        })
    static let convenor = MemberID(platform: "slack", user: "UCONV")
    static let start = Date(timeIntervalSince1970: 1_767_571_200)  // Monday 2026-01-05 00:00 UTC

    var reducer: CommunityReducer
    var state = CommunityState()
    var inputs = 0

    init(settings: CommunitySettings = .defaults, seed: UInt64 = 7) {
        reducer = CommunityReducer(
            profile: CommunityProfile(id: "c", name: "Craft", convenors: ["slack:UCONV"]), prompts: Self.library,
            settings: settings, randomness: .seeded(seed))
    }

    static func member(_ number: Int) -> MemberID { MemberID(platform: "slack", user: "U\(number)") }

    @discardableResult
    mutating func send(_ event: InputEvent, from member: MemberID, respondsTo: String? = nil, at: Date) -> Outcome {
        inputs += 1
        var rules = state.ruleEngineState
        let outcome = reducer.reduce(
            state,
            Input(id: "in.\(inputs)", member: member, displayName: member.user, event: event, respondsTo: respondsTo),
            rules: &rules, now: at)
        state.apply(outcome.facts)
        return outcome
    }

    /// Posts a prompt with `/cop prompt now` and delivers it to Slack as message `ts`; returns its outbox id.
    mutating func postPrompt(ts: String, at: Date) -> String? {
        let outcome = send(.command("prompt now"), from: Self.convenor, at: at)
        let id = outcome.facts.lazy.compactMap { fact -> String? in
            if case .prompt(.posted(let message, _, _, _)) = fact { return message }
            return nil
        }.first
        if let id {
            state.apply(
                .messageDelivered(
                    id: id, reference: PlatformMessageReference(platform: "slack", channel: "C1", messageID: ts)))
        }
        return id
    }

    mutating func tick(at: Date) {
        var rules = state.ruleEngineState
        state.apply(reducer.reduceTick(state, rules: &rules, now: at).facts)
    }

    var running: WeekCounts { state.analytics.running }
}

@Suite("What members respond to: replies, reactions and answerers of prompts")
struct PromptResponsesTests {
    @Test("Thread replies and reactions on a delivered prompt count, once per answerer, under its theme")
    func countsAnswers() throws {
        var desk = PromptDesk()
        let at = PromptDesk.start.addingTimeInterval(3600)
        let posted = desk.postPrompt(ts: "1767574800.000100", at: at)
        let message = try #require(posted)
        #expect(desk.state.prompts.prompt(at: "1767574800.000100", on: "slack")?.message == message)
        let theme = try #require(desk.state.prompts.open.first?.theme)
        #expect(desk.running.promptThemes[theme]?.posted == 1)

        for (number, minutes) in [(1, 5.0), (2, 6.0), (1, 7.0)] {
            desk.send(
                .message("my answer"), from: PromptDesk.member(number), respondsTo: "1767574800.000100",
                at: at.addingTimeInterval(minutes * 60))
        }
        desk.send(.reaction(emoji: "tada"), from: PromptDesk.member(3), respondsTo: "1767574800.000100", at: at + 600)
        // A reply in another thread, a plain message and the same ts on another platform are not answers.
        desk.send(.message("elsewhere"), from: PromptDesk.member(4), respondsTo: "1767574800.999999", at: at + 700)
        desk.send(.message("top level"), from: PromptDesk.member(5), at: at + 800)
        desk.send(
            .message("wrong platform"), from: MemberID(platform: "matrix", user: "@x:example.org"),
            respondsTo: "1767574800.000100", at: at + 900)

        let counts = try #require(desk.running.promptThemes[theme])
        #expect(counts == PromptThemeCounts(posted: 1, replies: 3, reactions: 1, answerers: 2))
        #expect(desk.running.promptReplies == 3 && desk.running.promptReactions == 1)
        #expect(desk.running.promptAnswerers == 2)
        // The answers are ordinary activity as well.
        #expect(desk.running.messages == 6 && desk.running.reactions == 1)
    }

    @Test(
        "The answer window closes on the tick: the answerers are forgotten, the counts stay, late answers do not count")
    func windowCloses() throws {
        var desk = PromptDesk()
        let at = PromptDesk.start.addingTimeInterval(3600)
        let posted = desk.postPrompt(ts: "100.1", at: at)
        #expect(posted != nil)
        desk.send(.message("early"), from: PromptDesk.member(1), respondsTo: "100.1", at: at + 60)
        #expect(desk.state.prompts.open.first?.answerers == [PromptDesk.member(1)])
        desk.tick(at: at + 6 * 86_400)
        #expect(desk.state.prompts.open.count == 1)
        desk.tick(at: at + 7 * 86_400)
        #expect(desk.state.prompts.open.isEmpty)
        desk.send(.message("late"), from: PromptDesk.member(2), respondsTo: "100.1", at: at + 7 * 86_400 + 60)
        // The week closed at Monday 00:00; its counts hold the answer made inside the window.
        let week = try #require(desk.state.analytics.weeks.first)
        #expect(week.counts.promptReplies == 1 && week.counts.promptAnswerers == 1)
        #expect(desk.running.promptReplies == 0)
        // Nothing in the state names a member of the closed prompt any more.
        let json = String(decoding: try JSONEncoder().encode(desk.state.prompts), as: UTF8.self)
        #expect(!json.contains("U1"))
    }

    @Test("An answer after the window but before the tick closes it does not count")
    func answerAfterTheWindowBeforeTheTick() throws {
        var desk = PromptDesk()
        let at = PromptDesk.start.addingTimeInterval(3600)
        let posted = desk.postPrompt(ts: "100.1", at: at)
        #expect(posted != nil)
        desk.send(.message("late"), from: PromptDesk.member(1), respondsTo: "100.1", at: at + 7 * 86_400 + 1)
        #expect(desk.running.promptReplies == 0)
    }

    @Test("Forgetting a member drops them from the open prompts' answerers")
    func forgetting() throws {
        var desk = PromptDesk()
        let at = PromptDesk.start.addingTimeInterval(3600)
        let posted = desk.postPrompt(ts: "100.1", at: at)
        #expect(posted != nil)
        desk.send(.message("hi"), from: PromptDesk.member(1), respondsTo: "100.1", at: at + 60)
        desk.state.apply(.memberForgotten(member: PromptDesk.member(1)))
        #expect(desk.state.prompts.open.first?.answerers.isEmpty == true)
        #expect(desk.running.promptAnswerers == 1)
    }

    @Test("The state with open prompts survives a JSON round trip")
    func roundTrip() throws {
        var desk = PromptDesk()
        let posted = desk.postPrompt(ts: "100.1", at: PromptDesk.start + 60)
        #expect(posted != nil)
        desk.send(.message("hi"), from: PromptDesk.member(1), respondsTo: "100.1", at: PromptDesk.start + 120)
        let decoded = try JSONDecoder().decode(CommunityState.self, from: JSONEncoder().encode(desk.state))
        #expect(decoded.prompts == desk.state.prompts)
        #expect(decoded.analytics == desk.state.analytics)
    }

    @Test("/cop prompt stats shows the per-theme table to convenors, with figures below k hidden")
    func statsCommand() throws {
        var desk = PromptDesk()
        let at = PromptDesk.start.addingTimeInterval(3600)
        let posted = desk.postPrompt(ts: "100.1", at: at)
        #expect(posted != nil)
        for number in 1...6 {
            desk.send(
                .message("hi"), from: PromptDesk.member(number), respondsTo: "100.1", at: at + Double(60 * number))
        }
        desk.send(.reaction(emoji: "+1"), from: PromptDesk.member(1), respondsTo: "100.1", at: at + 900)
        let outcome = desk.send(.command("prompt stats"), from: PromptDesk.convenor, at: at + 1000)
        let text = try #require(outcome.replies.first?.text)
        let theme = try #require(desk.state.prompts.open.first?.theme)
        #expect(text.contains("• \(theme): 1 prompt, 6 replies, < 5 reactions, 6 answerers, response rate 6.0"))
        let refused = desk.send(.command("prompt stats"), from: PromptDesk.member(1), at: at + 1100)
        #expect(refused.replies.first?.text.contains("convenor") == true)
    }

    @Test("The table ranks shown rates first, hides rates below k and says when nothing was posted")
    func table() {
        let table = PromptStatsTable(
            totals: [
                "a": PromptThemeCounts(posted: 4, replies: 30, reactions: 9, answerers: 20),
                "b": PromptThemeCounts(posted: 2, replies: 40, reactions: 2, answerers: 18),
                "c": PromptThemeCounts(posted: 3, replies: 3, reactions: 1, answerers: 3),
                "d": PromptThemeCounts(),
            ], k: 5)
        #expect(table.rows.map(\.theme) == ["b", "a", "c"])
        #expect(table.rows[0].responseRate == 9 && table.rows[1].responseRateText == "5.0")
        #expect(table.rows[2].responseRate == nil && table.rows[2].answerers == .belowK(5))
        #expect(table.rows[2].reactions.text == "< 5")
        #expect(PromptStatsTable(totals: [:], k: 5).text.hasPrefix("No prompt has been posted yet"))
    }
}

@Suite("The rotation that prefers themes that draw answers")
struct PromptThemeChoiceTests {
    static let totals: [String: PromptThemeCounts] = [
        "lively": PromptThemeCounts(posted: 10, answerers: 80),
        "middling": PromptThemeCounts(posted: 10, answerers: 20),
        "silent": PromptThemeCounts(posted: 10, answerers: 0),
    ]

    @Test("Weights follow the smoothed response rate, and no theme falls below the floor")
    func weights() throws {
        let themes = ["lively", "middling", "silent", "new"]
        let weights = PromptThemeChoice.weights(themes: themes, totals: Self.totals)
        let lively = try #require(weights["lively"])
        let middling = try #require(weights["middling"])
        let silent = try #require(weights["silent"])
        let new = try #require(weights["new"])
        #expect(lively > middling && middling > silent)
        // Silent's own smoothed rate, (0 + 100/30) / 11, is below a quarter of the mean weight: it gets the floor.
        let unfloored = (lively + middling + (100.0 / 30.0) / 11 + new) / 4
        #expect(abs(silent - unfloored * PromptThemeChoice.floorShare) < 1e-9)
        #expect(silent > (100.0 / 30.0) / 11)
        // A theme never posted starts at the mean rate (100 answerers over 30 prompts), not at zero.
        #expect(abs(new - 100.0 / 30.0) < 1e-9)
    }

    @Test("Draws favour the lively theme and still pick the silent one now and then")
    func draws() {
        let randomness = CommunityRandomness.seeded(42)
        var picked: [String: Int] = [:]
        for _ in 0..<2_000 {
            let theme = PromptThemeChoice.pick(
                themes: ["lively", "middling", "silent"], totals: Self.totals, randomness: randomness)
            picked[theme ?? "none", default: 0] += 1
        }
        #expect((picked["lively"] ?? 0) > (picked["middling"] ?? 0))
        #expect((picked["middling"] ?? 0) > (picked["silent"] ?? 0))
        #expect((picked["silent"] ?? 0) > 20)
        #expect(PromptThemeChoice.pick(themes: [], totals: [:], randomness: randomness) == nil)
    }

    @Test("Off by default: /cop prompt now keeps to the usual theme; on, it draws among the themes")
    func setting() throws {
        var off = PromptDesk()
        for day in 0..<6 {
            _ = off.postPrompt(ts: "off.\(day)", at: PromptDesk.start + Double(day) * 86_400 + 60)
        }
        #expect(Set(off.state.prompts.open.map(\.theme)).count == 1)

        var settings = CommunitySettings.defaults
        settings.prompts.preferAnsweredThemes = true
        var on = PromptDesk(settings: settings)
        for day in 0..<12 {
            _ = on.postPrompt(ts: "on.\(day)", at: PromptDesk.start + Double(day) * 86_400 + 60)
        }
        #expect(Set(on.state.prompts.open.map(\.theme)).count > 1)
    }
}
