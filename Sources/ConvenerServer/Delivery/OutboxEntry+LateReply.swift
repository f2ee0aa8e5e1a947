import ConvenerCore
import ConvenerDelivery
import Foundation

/// What every late-reply delivery (Slack's and Mattermost's `response_url`, Discord's follow-up webhook) checks
/// before it sends.
extension OutboxEntry {
    /// The message id, as the destination, when the entry is a late reply through `platform`'s reply target.
    func lateReplyDestination(on platform: String) -> String? {
        replyTarget?.platform == platform ? message.id : nil
    }

    /// The reply target's values for `keys` while its window is open; nil when the entry is not a late reply on
    /// `platform`. Throws a permanent failure naming `what` when a value is missing or the `window` has closed.
    func openReplyAddress(
        on platform: String, keys: [String], now: Date, what: String, window: String
    ) throws -> [String]? {
        guard let target = replyTarget, target.platform == platform else { return nil }
        let values = keys.compactMap { target.address[$0] }
        guard values.count == keys.count else {
            throw PermanentDeliveryFailure(reason: "\(what): the reply target has no \(keys.joined(separator: " or "))")
        }
        guard now < target.expiresAt else {
            throw PermanentDeliveryFailure(reason: "\(what): the \(window) reply window closed")
        }
        return values
    }
}
