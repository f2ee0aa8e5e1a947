import CCurl
import Foundation
import Synchronization

/// An async HTTP client over one libcurl multi handle driven by a thread of its own.
///
/// All transfers share the multi handle's connection cache, so keep-alive connections to the same host are
/// reused. The awaiting task never blocks: the client's thread runs `curl_multi_poll` and resumes each
/// request's continuation when its transfer completes. Cancelling the awaiting task aborts the transfer.
/// Call `shutdown(abortingInFlight:)` before dropping the client.
public final class CurlHTTPClient: HTTPTransport {
    /// Limits of the shared connection pool.
    public struct Configuration: Sendable, Hashable {
        /// The most connections open to one host at once; further transfers wait for a free one.
        public var maxConnectionsPerHost: Int
        /// The most idle connections kept open for reuse.
        public var maxCachedConnections: Int
        /// The `User-Agent` sent unless a request sets its own.
        public var userAgent: String

        /// A configuration; the defaults suit a chat bot's outbox.
        public init(maxConnectionsPerHost: Int = 8, maxCachedConnections: Int = 32, userAgent: String = "Convener") {
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.maxCachedConnections = maxCachedConnections
            self.userAgent = userAgent
        }
    }

    private let loop: CurlMultiLoop
    private let nextID = Atomic<UInt64>(0)

    /// A client with its own thread and connection pool; throws when libcurl cannot be initialised.
    public init(configuration: Configuration = Configuration()) throws(HTTPTransportError) {
        guard let bindings = CurlBindings.shared else {
            throw .curl(code: 2, message: "libcurl could not be initialised", url: "")
        }
        loop = try CurlMultiLoop(bindings: bindings, configuration: configuration)
        loop.start()
    }

    deinit {
        // A client dropped without shutdown must not leave its thread running forever.
        loop.requestStop(abort: true)
    }

    /// Sends `request`; throws `HTTPTransportError` on timeout, connection failure, cancellation or shutdown.
    /// Non-2xx statuses are responses, not errors.
    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let cancellation = CurlCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let start = CurlTransferStart(
                    id: id, request: request, cancellation: cancellation, continuation: continuation)
                if !loop.submit(start) {
                    continuation.resume(throwing: HTTPTransportError.shutDown(url: request.url))
                }
            }
        } onCancel: {
            cancellation.cancel()
            loop.cancel(id: id)
        }
    }

    /// Stops the client: new requests fail with `.shutDown`; in-flight transfers finish (bounded by their
    /// timeouts) or, with `abortingInFlight`, fail with `.shutDown` at once. Returns when the thread has ended.
    public func shutdown(abortingInFlight: Bool = false) async {
        await loop.stop(abort: abortingInFlight)
    }
}
