import Foundation
import Testing

@testable import ConvenerCore

@Suite("Polls: counters equal a recount")
struct PollPropertyTests {
    /// Poll definitions: flags, option count, and the most one member may pick.
    static let polls: [(flags: String, options: Int, max: Int)] = [
        ("", 3, 1), ("--max 2", 4, 2), ("--multi", 3, 3), ("--anonymous", 3, 1), ("--anonymous --max 2", 5, 2),
        ("--anonymous --multi --hidden", 2, 2),
    ]

    @Test(
        "Random clicks, with restarts in between: counts match the model, the stored choices and the voters",
        arguments: 0..<12)
    func randomSequences(seed: UInt64) throws {
        var harness = try PollHarness(seed: seed)
        var generator = CommunityRandomness.seeded(seed * 7_919 + 1).generator
        for (index, poll) in Self.polls.enumerated() {
            let options = (1...poll.options).map { "\"O\($0)\"" }.joined(separator: " ")
            harness.say("convenor", #"poll "Q\#(index)?" \#(options) \#(poll.flags)"#)
        }
        let members = (1...9).map { "m\($0)" }
        // The model: what each member has picked in each poll, by the rules the buttons promise.
        var model: [Int: [String: Set<Int>]] = [:]
        for step in 0..<400 {
            let pollIndex = Int.random(in: 0..<Self.polls.count, using: &generator)
            let spec = Self.polls[pollIndex]
            let member = members[Int.random(in: 0..<members.count, using: &generator)]
            let option = Int.random(in: 0..<spec.options, using: &generator)
            let id = "P\(pollIndex + 1)"
            harness.click(member, PollText.actionID(poll: id, option: option), message: "poll.\(id)")
            var picked = model[pollIndex, default: [:]][member, default: []]
            if picked.contains(option) {
                picked.remove(option)
            } else if spec.max == 1 {
                picked = [option]
            } else if picked.count < spec.max {
                picked.insert(option)
            }
            model[pollIndex, default: [:]][member] = picked
            if step % 97 == 96 { try harness.restart() }
        }
        for (index, spec) in Self.polls.enumerated() {
            let poll = try #require(harness.state.polls["P\(index + 1)"])
            let picks = model[index, default: [:]]
            var expected = Array(repeating: 0, count: spec.options)
            for choices in picks.values { for option in choices { expected[option] += 1 } }
            #expect(poll.counts == expected, "P\(index + 1)")
            #expect(poll.voterCount == picks.values.count { !$0.isEmpty })
            let stored = poll.isAnonymous ? Array(poll.tokenChoices.values) : Array(poll.ballots.values)
            var recount = Array(repeating: 0, count: spec.options)
            for choices in stored { for option in choices { recount[option] += 1 } }
            #expect(poll.counts == recount)
            #expect(stored.allSatisfy { !$0.isEmpty && $0.count <= spec.max })
            for member in members {
                #expect(Set(poll.choices(of: PollHarness.id(member))) == picks[member, default: []])
            }
        }
    }
}
