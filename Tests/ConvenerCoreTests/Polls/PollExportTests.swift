import Foundation
import Testing

@testable import ConvenerCore

@Suite("Polls: CSV export of aggregates")
struct PollExportTests {
    @Test("One row per option under the header, quoted where CSV needs it, formulas defused")
    func csv() throws {
        var harness = try PollHarness()
        harness.say("alice", #"poll "Where, when?" "Café \"Zur Post\"" "=SUM(A1)" "Plain""#)
        harness.click("bob", "poll.P1.vote.1")
        harness.click("carol", "poll.P1.vote.1")
        harness.click("dave", "poll.P1.vote.3")
        let poll = try #require(harness.state.polls["P1"])
        #expect(
            PollExport.csv(poll)
                == "poll,question,option,votes\r\n"
                + "P1,\"Where, when?\",\"Café \"\"Zur Post\"\"\",2\r\n"
                + "P1,\"Where, when?\",'=SUM(A1),0\r\n"
                + "P1,\"Where, when?\",Plain,1\r\n")
        #expect(!PollExport.csv(poll).contains("playground:"))
    }

    @Test("export finds a poll by P3, p3 or 3, refuses unknown ids and hidden open polls")
    func export() throws {
        var harness = try PollHarness()
        #expect(
            PollExport.export("P1", from: harness.state.polls).failure?.description
                == "There is no poll P1 in this state; it has no polls yet.")
        harness.say("alice", #"poll "Lunch?" "Pizza" "Sushi""#)
        harness.say("alice", #"poll "Secret?" "Yes" "No" --hidden"#)
        for id in ["P1", "p1", "1"] {
            #expect(PollExport.export(id, from: harness.state.polls).success?.hasPrefix("poll,question") == true)
        }
        #expect(
            PollExport.export("P9", from: harness.state.polls).failure?.description
                == "There is no poll P9 in this state; it has 2 polls, the newest P2.")
        #expect(
            PollExport.export("P2", from: harness.state.polls).failure?.description
                == "P2 hides its results until it closes; export it after it has closed.")
        harness.say("alice", "poll close P2")
        #expect(PollExport.export("P2", from: harness.state.polls).success?.hasSuffix("P2,Secret?,No,0\r\n") == true)
    }
}

extension Result {
    /// The value of a success.
    fileprivate var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }

    /// The error of a failure.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
