import Testing

@testable import ConvenerServer

@Suite("Slack's errors in 200 answers")
struct SlackErrorTests {
    @Test("`ok: false` gives its error, or unknown_error without one")
    func errors() {
        #expect(
            PlatformAPIResponse.slackError(in: Array(#"{"ok":false,"error":"not_in_channel"}"#.utf8))
                == "not_in_channel")
        #expect(PlatformAPIResponse.slackError(in: Array(#"{ "ok" : false }"#.utf8)) == "unknown_error")
    }

    @Test("Success, plain `ok`, a `false` elsewhere and a body that is not JSON are no error")
    func successes() {
        #expect(PlatformAPIResponse.slackError(in: Array(#"{"ok":true,"ts":"1.2"}"#.utf8)) == nil)
        #expect(PlatformAPIResponse.slackError(in: Array("ok".utf8)) == nil)
        #expect(PlatformAPIResponse.slackError(in: Array(#"{"ok":true,"response_metadata":{"x":false}}"#.utf8)) == nil)
        #expect(PlatformAPIResponse.slackError(in: Array("false".utf8)) == nil)
        #expect(PlatformAPIResponse.slackError(in: []) == nil)
    }
}
