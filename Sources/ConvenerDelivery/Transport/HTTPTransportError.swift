/// Why an HTTP transfer failed before a response arrived.
public enum HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection or the whole transfer took longer than the request's timeout.
    case timedOut(url: String, message: String)
    /// The host could not be reached: connection refused, DNS failure, no route.
    case connectionFailed(url: String, message: String)
    /// The awaiting task was cancelled, so the transfer was aborted.
    case cancelled(url: String)
    /// The client was shut down before or while the transfer ran.
    case shutDown(url: String)
    /// The request cannot be sent as given (bad method, URL or header).
    case invalidRequest(url: String, message: String)
    /// Any other libcurl error, with libcurl's code and message.
    case curl(code: Int, message: String, url: String)

    /// Whether a later attempt may succeed: timeouts, connection failures, cancellations and shutdowns.
    public var isTransient: Bool {
        switch self {
        case .timedOut, .connectionFailed, .cancelled, .shutDown: true
        case .invalidRequest: false
        // Malformed URL, unsupported protocol, bad option: retrying cannot help.
        case .curl(let code, _, _): ![1, 3, 4, 43, 48].contains(code)
        }
    }

    /// What failed, where, and what to do about it.
    public var description: String {
        switch self {
        case .timedOut(let url, let message):
            "HTTP request to \(url) timed out (\(message)); it will be retried, or raise the timeout."
        case .connectionFailed(let url, let message):
            "Could not connect to \(url) (\(message)); check the host name and that the service is reachable."
        case .cancelled(let url):
            "HTTP request to \(url) was cancelled before it finished."
        case .shutDown(let url):
            "HTTP request to \(url) was not completed because the HTTP client is shut down."
        case .invalidRequest(let url, let message):
            "HTTP request to \(url) is invalid: \(message); fix the request before sending it again."
        case .curl(let code, let message, let url):
            "HTTP request to \(url) failed with libcurl error \(code): \(message)."
        }
    }
}
