import Foundation
import Hummingbird

/// The raw request a platform verifies and parses: the head and the body read once within the size limit
/// (for a `GET`, the query string).
struct PlatformHTTPRequest: Sendable {
    /// The request head (headers, URI).
    let request: Request
    /// The raw body.
    let body: Data

    /// The value of the header `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        request.platformHeader(name)
    }
}
