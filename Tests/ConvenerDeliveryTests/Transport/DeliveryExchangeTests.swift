import ConvenerDelivery
import Synchronization
import Testing

@Suite("One platform call with retries")
struct DeliveryExchangeTests {
    /// Answers each call with the next of its responses.
    final class ScriptedTransport: HTTPTransport {
        private let responses: Mutex<[HTTPTransportResponse]>
        init(_ responses: [HTTPTransportResponse]) { self.responses = Mutex(responses) }
        var remaining: Int { responses.withLock { $0.count } }
        func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
            responses.withLock { $0.removeFirst() }
        }
    }

    @Test("A rate-limited call waits at least the body's retry_after, then its retry is delivered")
    func waitsForJSONRetryAfter() async throws {
        let transport = ScriptedTransport([
            HTTPTransportResponse(status: 429, body: Array(#"{"retry_after": 0.3}"#.utf8)),
            HTTPTransportResponse(status: 200, body: Array(#"{"ok": true}"#.utf8)),
        ])
        let exchange = DeliveryExchange(
            transport: transport, retry: RetryPolicy(base: .milliseconds(1), cap: .milliseconds(1), maxAttempts: 3))
        let started = ContinuousClock.now
        let response = try await exchange.perform(HTTPTransportRequest(method: "POST", url: "http://x"), label: "t")
        #expect(response.status == 200)
        #expect(transport.remaining == 0)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
    }

    @Test("A delivered call's body is read for a platform error, and an error in it is permanent")
    func platformErrorOnSuccess() async throws {
        let transport = ScriptedTransport([
            HTTPTransportResponse(status: 200, body: Array(#"{"ok": false, "error": "channel_not_found"}"#.utf8))
        ])
        let exchange = DeliveryExchange(transport: transport)
        await #expect(throws: PermanentDeliveryFailure.self) {
            try await exchange.perform(HTTPTransportRequest(method: "POST", url: "http://x"), label: "t") { body in
                String(decoding: body, as: UTF8.self).contains("channel_not_found") ? "channel_not_found" : nil
            }
        }
    }
}
