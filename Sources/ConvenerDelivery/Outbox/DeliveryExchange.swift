import Foundation

/// One platform API call with retries: full-jitter backoff that never comes sooner than the platform's
/// `Retry-After` header or JSON `retry_after`.
///
/// Errors never carry the request's URL, only its `label`: reply URLs and interaction tokens are credentials.
public struct DeliveryExchange: Sendable {
    /// The HTTP client.
    public let transport: any HTTPTransport
    /// When to try again.
    public let retry: RetryPolicy
    /// The longest one attempt may take, connection included.
    public let timeout: Duration

    /// An exchange over `transport`.
    public init(transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(), timeout: Duration = .seconds(15)) {
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
    }

    /// Sends `request` until it succeeds, fails for good, or the policy gives up; returns the successful response.
    ///
    /// `platformError` reads a platform error code from a body (Slack's `error` on `ok: false`). Throws
    /// `PermanentDeliveryFailure` for a permanent failure and `DeliveryUnavailable` when transient failures
    /// outlast the policy; cancellation ends the retries at once.
    public func perform(
        _ request: HTTPTransportRequest, label: String, platformError: ([UInt8]) -> String? = { _ in nil }
    ) async throws -> HTTPTransportResponse {
        var request = request
        request.timeout = timeout
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let classification: RetryClassification
            var serverWait: Duration?
            var answered: HTTPTransportResponse?
            do {
                let response = try await transport.send(request)
                answered = response
                classification = RetryClassification.classify(
                    status: response.status, platformError: platformError(response.body))
                // Only a retry waits: a delivered message's body is not parsed for a wait (JSON decoding was about
                // a tenth of a late reply's delivery).
                if case .transient = classification {
                    let waits = [response.retryAfter(now: Date()), HTTPRetryAfter.parseJSONBody(response.body)]
                    serverWait = waits.compactMap { $0 }.max()
                }
            } catch let error as HTTPTransportError {
                if case .cancelled = error { throw CancellationError() }
                classification = RetryClassification.classify(error)
            }
            switch retry.decide(classification, afterAttempt: attempt, serverWait: serverWait, using: &random) {
            case .done:
                if let answered { return answered }
                throw DeliveryUnavailable(reason: "\(label): no response")
            case .retry(let wait):
                try await Task.sleep(for: wait)
            case .giveUp(let reason):
                let redacted = reason.replacingOccurrences(of: request.url, with: label)
                if case .permanent = classification {
                    throw PermanentDeliveryFailure(reason: "\(label): \(redacted)")
                }
                throw DeliveryUnavailable(reason: "\(label): \(redacted)")
            }
        }
    }
}
