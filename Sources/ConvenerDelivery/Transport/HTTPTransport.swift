import Foundation

/// Sends one HTTP request and returns the response; the outbox worker talks to platforms through it.
///
/// `CurlHTTPClient` is the real implementation; tests of the worker substitute a fake.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, or throws an `HTTPTransportError`.
    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse
}

/// One header line of a request or response; names compare case-insensitively when looked up.
public struct HTTPTransportHeader: Sendable, Hashable {
    /// The header name as written, e.g. `Content-Type`.
    public var name: String
    /// The header value without surrounding whitespace.
    public var value: String

    /// A header `name: value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An outbound HTTP request with its own timeouts.
public struct HTTPTransportRequest: Sendable, Hashable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The absolute URL, e.g. `https://slack.com/api/chat.postMessage`.
    public var url: String
    /// Headers sent as given, in order.
    public var headers: [HTTPTransportHeader]
    /// The request body; empty sends none (a `POST` then sends `Content-Length: 0`).
    public var body: [UInt8]
    /// The longest wait for the connection (TCP and TLS) to be established.
    public var connectTimeout: Duration
    /// The longest the whole transfer may take, connection included.
    public var timeout: Duration

    /// A request; timeouts default to 5 s to connect and 30 s in all.
    public init(
        method: String = "GET",
        url: String,
        headers: [HTTPTransportHeader] = [],
        body: [UInt8] = [],
        connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// The response to an `HTTPTransportRequest`.
public struct HTTPTransportResponse: Sendable, Hashable {
    /// The HTTP status code, e.g. `200`.
    public var status: Int
    /// Headers of the final response, in the order received.
    public var headers: [HTTPTransportHeader]
    /// The response body.
    public var body: [UInt8]

    /// A response with the given parts.
    public init(status: Int, headers: [HTTPTransportHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The wait the server asked for in `Retry-After` (seconds or HTTP date, relative to `now`), if any.
    public func retryAfter(now: Date) -> Duration? {
        header("Retry-After").flatMap { HTTPRetryAfter.parseHeader($0, now: now) }
    }
}
