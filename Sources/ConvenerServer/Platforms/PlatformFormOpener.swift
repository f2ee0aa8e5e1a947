import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Logging

/// Opens a form as a modal or dialog in answer to a click, within the 3 seconds the click's trigger lives; each
/// platform adds its own call in its folder (`PlatformFormOpener+Slack.swift`, `+Mattermost.swift`).
///
/// One attempt, no retries: a trigger cannot outlive a retry's wait. When the call fails, the caller shows the
/// reply as text with its open button instead, so the member can try again.
struct PlatformFormOpener: Sendable {
    /// Sends the calls; nil when the daemon has no HTTP client (unit tests of the routes).
    let transport: (any HTTPTransport)?
    /// The bot tokens and base URLs.
    let credentials: PlatformCredentials
    /// Convener's address as Mattermost reaches it; nil to use the address of the request.
    let publicURL: String?
    /// Where failures are reported.
    let logger: Logger

    /// The longest the call may take: the trigger lives 3 s and the click must be answered within them.
    static let timeout = Duration.milliseconds(2000)

    /// The 2xx response to `request`, or nil (logged) for anything else.
    func send(_ request: HTTPTransportRequest, label: String) async -> HTTPTransportResponse? {
        guard let transport else { return nil }
        var request = request
        request.timeout = Self.timeout
        request.connectTimeout = min(request.connectTimeout, Self.timeout)
        do {
            let response = try await transport.send(request)
            guard (200..<300).contains(response.status) else {
                logger.warning("\(label) failed", metadata: ["status": "\(response.status)"])
                return nil
            }
            return response
        } catch {
            logger.warning("\(label) failed", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
