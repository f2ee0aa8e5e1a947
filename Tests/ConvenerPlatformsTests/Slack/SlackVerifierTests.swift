import ConvenerPlatforms
import Foundation
import Testing

/// Slack's documented example ("Verifying requests from Slack").
private enum SlackDocExample {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let timestamp = "1531420618"
    static let body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    static let signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    static let now = Date(timeIntervalSince1970: 1_531_420_618 + 30)
}

@Suite("Slack request signing")
struct SlackVerifierTests {
    @Test("Slack's documented example verifies and reproduces")
    func documentedExample() throws {
        let verifier = SlackVerifier(signingSecret: SlackDocExample.secret)
        try verifier.verify(
            body: Data(SlackDocExample.body.utf8), timestamp: SlackDocExample.timestamp,
            signature: SlackDocExample.signature, now: SlackDocExample.now)
        #expect(
            SlackVerifier.signature(
                signingSecret: SlackDocExample.secret, timestamp: SlackDocExample.timestamp,
                body: Data(SlackDocExample.body.utf8)) == SlackDocExample.signature)
    }

    // Computed independently with Python's hmac module (secret "convener-test-signing-secret").
    @Test(
        "Python-computed vectors verify",
        arguments: [
            (
                "1700000000",
                #"{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}"#,
                "v0=e9eab248eaad1e76e3d2858b0c1e7bec78ad3d0de1f86204c862c402e9e68380"
            ),
            (
                "1763900000",
                "command=%2Fcop&text=poll+%22Lunch%3F%22+%22Pizza%22&user_id=U123&trigger_id=1.2.3",
                "v0=dfe1f34d58c8f5670f0d4db2b1bd0ae75962492a01c688d6f945e1a97dd6c2a5"
            ),
        ])
    func pythonVectors(timestamp: String, body: String, signature: String) throws {
        let verifier = SlackVerifier(signingSecret: "convener-test-signing-secret")
        let now = Date(timeIntervalSince1970: Double(timestamp) ?? 0)
        try verifier.verify(body: Data(body.utf8), timestamp: timestamp, signature: signature, now: now)
        // Upper-case hex is the same signature.
        try verifier.verify(
            body: Data(body.utf8), timestamp: timestamp, signature: "v0=" + signature.dropFirst(3).uppercased(),
            now: now)
    }

    @Test("a tampered body is refused")
    func tamperedBody() {
        let verifier = SlackVerifier(signingSecret: SlackDocExample.secret)
        let tampered = SlackDocExample.body.replacingOccurrences(of: "U2CERLKJA", with: "U2CERLKJB")
        #expect(throws: PlatformVerificationError.signatureMismatch) {
            try verifier.verify(
                body: Data(tampered.utf8), timestamp: SlackDocExample.timestamp,
                signature: SlackDocExample.signature, now: SlackDocExample.now)
        }
    }

    @Test("a changed timestamp breaks the signature")
    func tamperedTimestamp() {
        let verifier = SlackVerifier(signingSecret: SlackDocExample.secret)
        #expect(throws: PlatformVerificationError.signatureMismatch) {
            try verifier.verify(
                body: Data(SlackDocExample.body.utf8), timestamp: "1531420619",
                signature: SlackDocExample.signature, now: SlackDocExample.now)
        }
    }

    @Test("the wrong secret is refused")
    func wrongSecret() {
        let verifier = SlackVerifier(signingSecret: "another-secret")
        #expect(throws: PlatformVerificationError.signatureMismatch) {
            try verifier.verify(
                body: Data(SlackDocExample.body.utf8), timestamp: SlackDocExample.timestamp,
                signature: SlackDocExample.signature, now: SlackDocExample.now)
        }
    }

    @Test("timestamps more than 300 s away are refused in both directions", arguments: [-301.0, 301.0, 86_400.0])
    func staleTimestamps(offset: Double) {
        let verifier = SlackVerifier(signingSecret: SlackDocExample.secret)
        let now = Date(timeIntervalSince1970: 1_531_420_618 + offset)
        #expect(throws: PlatformVerificationError.staleTimestamp(skewSeconds: Int(offset), toleranceSeconds: 300)) {
            try verifier.verify(
                body: Data(SlackDocExample.body.utf8), timestamp: SlackDocExample.timestamp,
                signature: SlackDocExample.signature, now: now)
        }
    }

    @Test("timestamps exactly 300 s away are accepted", arguments: [-300.0, 300.0])
    func edgeOfWindow(offset: Double) throws {
        let verifier = SlackVerifier(signingSecret: SlackDocExample.secret)
        try verifier.verify(
            body: Data(SlackDocExample.body.utf8), timestamp: SlackDocExample.timestamp,
            signature: SlackDocExample.signature, now: Date(timeIntervalSince1970: 1_531_420_618 + offset))
    }

    @Test("missing and malformed headers are typed errors")
    func headerErrors() {
        let verifier = SlackVerifier(signingSecret: SlackDocExample.secret)
        let body = Data(SlackDocExample.body.utf8)
        let now = SlackDocExample.now
        #expect(throws: PlatformVerificationError.missingHeader("X-Slack-Signature")) {
            try verifier.verify(body: body, timestamp: SlackDocExample.timestamp, signature: nil, now: now)
        }
        #expect(throws: PlatformVerificationError.missingHeader("X-Slack-Request-Timestamp")) {
            try verifier.verify(body: body, timestamp: nil, signature: SlackDocExample.signature, now: now)
        }
        for timestamp in ["", "abc", "1531420618.5", "-1531420618", "99999999999999"] {
            #expect(throws: PlatformVerificationError.self) {
                try verifier.verify(body: body, timestamp: timestamp, signature: SlackDocExample.signature, now: now)
            }
        }
        for signature in ["a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "v1=a2", "v0=zz", "v0="] {
            #expect(
                throws: PlatformVerificationError.malformedHeader(
                    name: "X-Slack-Signature", reason: "must be 'v0=' followed by 64 hex digits")
            ) {
                try verifier.verify(body: body, timestamp: SlackDocExample.timestamp, signature: signature, now: now)
            }
        }
    }

    @Test("a replayed request inside the window is caught by the replay guard")
    func replayGuard() {
        var guardian = PlatformReplayGuard(window: 600)
        let start = Date(timeIntervalSince1970: 1_000_000)
        let first = guardian.admit(signature: SlackDocExample.signature, now: start)
        let replay = guardian.admit(signature: SlackDocExample.signature, now: start.addingTimeInterval(299))
        let other = guardian.admit(signature: "v0=other", now: start.addingTimeInterval(300))
        // After the window the entry is forgotten; the verifier's freshness check refuses such a request anyway.
        let later = guardian.admit(signature: SlackDocExample.signature, now: start.addingTimeInterval(601))
        #expect(first && !replay && other && later)
        #expect(guardian.count == 2)
    }
}
