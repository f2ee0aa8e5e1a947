import Foundation
import Testing

@testable import ConvenerDelivery

/// A seeded generator so every decision in these tests is reproducible.
private struct RetryTestGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Always returns the same word, to pin the jitter to an end of its range.
private struct ConstantGenerator: RandomNumberGenerator {
    let value: UInt64
    mutating func next() -> UInt64 { value }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    let policy = RetryPolicy(base: .milliseconds(500), cap: .seconds(30), maxAttempts: 6)

    @Test(arguments: [
        (1, Duration.milliseconds(500)), (2, .seconds(1)), (3, .seconds(2)), (4, .seconds(4)),
        (6, .seconds(16)), (7, .seconds(30)), (50, .seconds(30)), (Int.max, .seconds(30)),
    ])
    func ceilingDoublesUpToTheCap(attempt: Int, ceiling: Duration) {
        #expect(policy.backoffCeiling(afterAttempt: attempt) == ceiling)
    }

    @Test func fullJitterStaysWithinZeroAndTheCeilingAndSpreads() {
        var random = RetryTestGenerator(state: 42)
        for attempt in 1...10 {
            let ceiling = policy.backoffCeiling(afterAttempt: attempt)
            let waits = (0..<500).map { _ in policy.jitteredBackoff(afterAttempt: attempt, using: &random) }
            #expect(waits.allSatisfy { $0 >= .zero && $0 <= ceiling })
            // Full jitter spreads over the whole range, not just near the ceiling.
            #expect(waits.contains { $0 < ceiling / 4 })
            #expect(waits.contains { $0 > ceiling * 3 / 4 })
        }
    }

    @Test func jitterEndsAreZeroAndTheCeiling() {
        var low = ConstantGenerator(value: 0)
        var high = ConstantGenerator(value: .max)
        #expect(policy.jitteredBackoff(afterAttempt: 3, using: &low) == .zero)
        #expect(policy.jitteredBackoff(afterAttempt: 3, using: &high) == .seconds(2))
    }

    @Test func sameSeedGivesTheSameDecisions() {
        var first = RetryTestGenerator(state: 7)
        var second = RetryTestGenerator(state: 7)
        for attempt in 1...5 {
            let a = policy.decide(.transient(reason: "HTTP 503"), afterAttempt: attempt, using: &first)
            let b = policy.decide(.transient(reason: "HTTP 503"), afterAttempt: attempt, using: &second)
            #expect(a == b)
        }
    }

    @Test func retryNeverComesSoonerThanTheServerAsked() {
        var random = RetryTestGenerator(state: 1)
        for attempt in 1...5 {
            for _ in 0..<100 {
                let decision = policy.decide(
                    .transient(reason: "HTTP 429"), afterAttempt: attempt, serverWait: .seconds(45), using: &random)
                guard case .retry(let wait) = decision else {
                    Issue.record("expected a retry, got \(decision)")
                    return
                }
                // 45 s is above the 30 s cap: the server's wait wins over the policy's cap.
                #expect(wait == .seconds(45))
            }
        }
        var high = ConstantGenerator(value: .max)
        let longerJitter = policy.decide(
            .transient(reason: "HTTP 429"), afterAttempt: 4, serverWait: .seconds(1), using: &high)
        #expect(longerJitter == .retry(after: .seconds(4)))
    }

    @Test func givesUpAfterMaxAttemptsAndOnPermanentErrors() {
        var random = RetryTestGenerator(state: 3)
        let last = policy.decide(.transient(reason: "HTTP 500"), afterAttempt: 6, using: &random)
        #expect(last == .giveUp(reason: "HTTP 500; gave up after 6 attempts"))
        let permanent = policy.decide(.permanent(reason: "HTTP 404"), afterAttempt: 1, using: &random)
        #expect(permanent == .giveUp(reason: "HTTP 404"))
        #expect(policy.decide(.success, afterAttempt: 1, using: &random) == .done)
    }

    @Test(
        arguments: [
            (200, nil, "success"), (201, nil, "success"), (204, nil, "success"),
            (429, nil, "transient"), (500, nil, "transient"), (502, nil, "transient"), (503, nil, "transient"),
            (504, nil, "transient"), (408, nil, "transient"),
            (400, nil, "permanent"), (401, nil, "permanent"), (403, nil, "permanent"), (404, nil, "permanent"),
            (410, nil, "permanent"), (413, nil, "permanent"), (301, nil, "permanent"),
            (200, "channel_not_found", "permanent"), (200, "not_in_channel", "permanent"),
            (200, "invalid_auth", "permanent"), (200, "account_inactive", "permanent"),
            (200, "some_future_error", "permanent"),
            (200, "ratelimited", "transient"), (200, "internal_error", "transient"),
            (429, "rate_limited", "transient"),
        ] as [(Int, String?, String)])
    func classificationTable(status: Int, platformError: String?, expected: String) {
        let kind =
            switch RetryClassification.classify(status: status, platformError: platformError) {
            case .success: "success"
            case .transient: "transient"
            case .permanent: "permanent"
            }
        #expect(kind == expected)
    }

    @Test func transportErrorsClassify() {
        let url = "https://slack.com/api/chat.postMessage"
        let transient: [HTTPTransportError] = [
            .timedOut(url: url, message: "Operation timed out"),
            .connectionFailed(url: url, message: "Could not resolve host"),
            .cancelled(url: url), .shutDown(url: url),
            .curl(code: 56, message: "Failure when receiving data from the peer", url: url),
        ]
        let permanent: [HTTPTransportError] = [
            .invalidRequest(url: url, message: "bad header"),
            .curl(code: 3, message: "URL using bad/illegal format", url: url),
            .curl(code: 1, message: "Unsupported protocol", url: url),
        ]
        for error in transient {
            guard case .transient = RetryClassification.classify(error) else {
                Issue.record("\(error) should be transient")
                continue
            }
        }
        for error in permanent {
            guard case .permanent = RetryClassification.classify(error) else {
                Issue.record("\(error) should be permanent")
                continue
            }
        }
    }

    @Test func errorDescriptionsSayWhatAndWhere() {
        let url = "http://127.0.0.1:1/x"
        #expect(
            HTTPTransportError.timedOut(url: url, message: "Operation timed out after 300 ms").description
                == "HTTP request to \(url) timed out (Operation timed out after 300 ms); it will be retried, "
                + "or raise the timeout.")
        #expect(
            HTTPTransportError.curl(code: 56, message: "Recv failure", url: url).description
                == "HTTP request to \(url) failed with libcurl error 56: Recv failure.")
    }
}

@Suite("HTTPRetryAfter")
struct HTTPRetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT

    @Test(arguments: [
        ("120", Duration.seconds(120)), ("0", .zero), (" 7 ", .seconds(7)), ("1.5", .milliseconds(1500)),
        ("Wed, 21 Oct 2015 07:28:30 GMT", .seconds(30)), ("Wed, 21 Oct 2015 07:27:00 GMT", .zero),
        ("Thu, 22 Oct 2015 07:28:00 GMT", .seconds(86_400)),
    ])
    func parsesSecondsAndDates(value: String, expected: Duration) {
        #expect(HTTPRetryAfter.parseHeader(value, now: now) == expected)
    }

    @Test(arguments: ["", "-5", "soon", "Wed, 21 Oct 2015 07:28:30 PST", "Wed, 32 Oct 2015 07:28:30 GMT", "inf"])
    func rejectsNonsense(value: String) {
        #expect(HTTPRetryAfter.parseHeader(value, now: now) == nil)
    }

    @Test func parsesDiscordJSON() {
        #expect(
            HTTPRetryAfter.parseJSONBody(Array(#"{"retry_after": 0.25, "global": true}"#.utf8))
                == .milliseconds(250))
        #expect(HTTPRetryAfter.parseJSONBody(Array(#"{"retry_after": 3}"#.utf8)) == .seconds(3))
        #expect(HTTPRetryAfter.parseJSONBody(Array(#"{"message": "no wait"}"#.utf8)) == nil)
        #expect(HTTPRetryAfter.parseJSONBody(Array("not json".utf8)) == nil)
        #expect(HTTPRetryAfter.parseJSONBody(Array(#"{"retry_after": -1}"#.utf8)) == nil)
    }

    @Test func parsesMatrixLimitExceeded() {
        let body = #"{"errcode": "M_LIMIT_EXCEEDED", "error": "Too many requests", "retry_after_ms": 2000}"#
        #expect(HTTPRetryAfter.parseJSONBody(Array(body.utf8)) == .seconds(2))
        #expect(HTTPRetryAfter.parseJSONBody(Array(#"{"retry_after_ms": 1}"#.utf8)) == .milliseconds(1))
    }

    @Test func responseLooksUpRetryAfterCaseInsensitively() {
        let response = HTTPTransportResponse(status: 429, headers: [HTTPTransportHeader("retry-after", "12")])
        #expect(response.retryAfter(now: now) == .seconds(12))
        #expect(HTTPTransportResponse(status: 503).retryAfter(now: now) == nil)
    }
}
