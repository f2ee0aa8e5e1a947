import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Delivers a community's queued messages: into the playground's timeline, and to Slack (channel posts to the
/// community's `slack_channel`, direct messages to Slack members), retrying transient failures.
struct ChatDeliverySink: MessageSink {
    /// The playground, when it is on.
    let playground: PlaygroundTimeline?
    /// Slack, when a bot token is configured.
    let slack: SlackDelivery?

    func deliver(_ message: OutboundMessage) async throws {
        switch message.audience {
        case .channel:
            await playground?.appendIfVisible(message)
            if let slack, let channel = slack.channel { try await slack.send(message, to: channel) }
        case .direct(let member):
            switch member.platform {
            case "playground":
                await playground?.appendIfVisible(message)
            case SlackParser.platform:
                guard let slack else {
                    throw PermanentDeliveryFailure(
                        reason: "Slack has no bot token (SLACK_BOT_TOKEN), so no direct message can reach \(member)")
                }
                try await slack.send(message, to: member.user)
            default:
                throw PermanentDeliveryFailure(
                    reason: "direct messages on \(member.platform) are not supported by this version yet")
            }
        case .ephemeral:
            return
        }
    }
}

/// Sends messages with Slack's `chat.postMessage`.
struct SlackDelivery: Sendable {
    /// The bot token.
    let token: String
    /// The Web API base URL, e.g. `https://slack.com/api`.
    let apiBaseURL: String
    /// The community's channel id, when it has one.
    let channel: String?
    let transport: any HTTPTransport
    let retry: RetryPolicy

    /// Posts `message` to `channel` (a channel id, or a user id for a direct message).
    ///
    /// Transient failures are retried here with full-jitter backoff, never sooner than Slack's `Retry-After`;
    /// a permanent one (`channel_not_found`, `invalid_auth`, …) throws `PermanentDeliveryFailure`; transient
    /// failures that outlast the policy throw an ordinary error so the message stays queued.
    func send(_ message: OutboundMessage, to channel: String) async throws {
        let body: Data
        do {
            body = try SlackRenderer.postMessage(message, channel: channel)
        } catch {
            throw PermanentDeliveryFailure(reason: "slack: the message cannot be rendered: \(error)")
        }
        let request = HTTPTransportRequest(
            method: "POST", url: apiBaseURL + "/chat.postMessage",
            headers: [
                HTTPTransportHeader("Authorization", "Bearer \(token)"),
                HTTPTransportHeader("Content-Type", "application/json; charset=utf-8"),
            ],
            body: Array(body))
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let classification: RetryClassification
            var serverWait: Duration?
            do {
                let response = try await transport.send(request)
                classification = RetryClassification.classify(
                    status: response.status, platformError: Self.slackError(in: response.body))
                serverWait = response.retryAfter(now: Date())
            } catch let error as HTTPTransportError {
                classification = RetryClassification.classify(error)
            }
            switch retry.decide(classification, afterAttempt: attempt, serverWait: serverWait, using: &random) {
            case .done:
                return
            case .retry(let wait):
                try await Task.sleep(for: wait)
            case .giveUp(let reason):
                if case .permanent = classification { throw PermanentDeliveryFailure(reason: "slack: \(reason)") }
                throw SlackUnavailable(reason: reason)
            }
        }
    }

    /// Slack answers 200 with `{"ok": false, "error": "…"}` for most failures.
    private static func slackError(in body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            object["ok"] as? Bool == false
        else { return nil }
        return object["error"] as? String ?? "unknown_error"
    }
}

/// Slack could not be reached for now; the message stays queued and is tried again.
struct SlackUnavailable: Error, CustomStringConvertible {
    let reason: String

    var description: String { "slack is unavailable for now: \(reason)" }
}
