import ConvenerCore
import ConvenerDelivery
import Foundation

/// Sends the outbox's mails through the SMTP server: one lane per address, paced like chat messages.
///
/// A refused address (a 5xx) is dead-lettered with `OutboxMail.refusedReason`, which stops mail to it and tells its
/// member; a temporary failure (a 4xx, an unreachable server) waits with exponential backoff before the worker tries
/// again, and is given up after `giveUpAfter`.
struct MailDelivery: DeliveryPlatform {
    /// The community whose mails these are.
    let community: CommunityProfile
    /// The SMTP server.
    let mailer: SMTPMailer
    /// The templates.
    let renderer: MailRenderer
    /// The links mails carry; nil when no link key is set (then only mailing lists get mail).
    let links: MailLinks?
    /// The envelope senders that name each member's address, when `email.bounce_address` is set.
    var bounces: MailBounceAddress?
    /// The clock the `Date:` header and give-up time read.
    let clock: any WallClock
    /// Temporary failures so far, per queued mail.
    let backoff: MailBackoff
    /// How long temporary failures are retried before the mail is given up.
    var giveUpAfter: TimeInterval = 2 * 86_400

    var name: String { "email" }
    var pace: Duration { .milliseconds(500) }

    func destination(of entry: OutboxEntry) throws -> String? {
        guard let mail = entry.mail else { return nil }
        return mail.to.lowercased()
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        guard let mail = entry.mail else { return nil }
        let now = clock.now()
        if mail.member != nil, links == nil {
            throw PermanentDeliveryFailure(reason: "email: no link_key is set, so member mail cannot be signed")
        }
        var message = renderer.message(entry, mail: mail, community: community, links: links, sender: mailer.settings)
        if mail.member != nil, let bounces {
            message.envelopeFrom = bounces.sender(community: community.id, to: mail.to)
        }
        switch await mailer.send(message, at: now) {
        case .sent:
            await backoff.clear(entry.message.id)
            return nil
        case .refused(let reason):
            await backoff.clear(entry.message.id)
            throw PermanentDeliveryFailure(reason: "\(OutboxMail.refusedReason): \(reason)")
        case .permanent(let reason):
            await backoff.clear(entry.message.id)
            throw PermanentDeliveryFailure(reason: "email: \(reason)")
        case .transient(let reason):
            if now.timeIntervalSince(entry.queuedAt) > giveUpAfter {
                await backoff.clear(entry.message.id)
                throw PermanentDeliveryFailure(reason: "email: gave up after two days of temporary failures: \(reason)")
            }
            // Waiting here holds only this address's lane; the others go on.
            try await Task.sleep(for: await backoff.next(entry.message.id))
            throw DeliveryUnavailable(reason: "email: \(reason)")
        }
    }
}

/// How long to wait after each temporary mail failure: 2 s doubling to 10 minutes, with full jitter.
actor MailBackoff {
    private var failures: [String: Int] = [:]
    private let base: Duration
    private let cap: Duration

    /// A backoff from `base` up to `cap`.
    init(base: Duration = .seconds(2), cap: Duration = .seconds(600)) {
        self.base = base
        self.cap = cap
    }

    /// Counts one more failure of `id` and says how long to wait before the next try.
    func next(_ id: String) -> Duration {
        let count = (failures[id] ?? 0) + 1
        failures[id] = count
        let ceiling = min(cap, base * (1 << min(count - 1, 16)))
        let milliseconds = ceiling.components.seconds * 1000 + ceiling.components.attoseconds / 1_000_000_000_000_000
        return .milliseconds(Int64.random(in: milliseconds / 2...max(milliseconds / 2, milliseconds)))
    }

    /// Forgets `id`'s failures once it is sent or given up.
    func clear(_ id: String) {
        failures[id] = nil
    }
}
