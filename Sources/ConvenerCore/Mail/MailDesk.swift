import Foundation

/// Where members' mail subscriptions meet the reducer: `/cop me email`, the confirmation link, the unsubscribe
/// link, refused addresses, and the round-up's mails.
public enum MailDesk {
    /// How long a confirmation link works.
    public static let confirmationLifetime: TimeInterval = 48 * 3600
    /// The least time between two confirmation mails to one member.
    public static let resendPause: TimeInterval = 10 * 60

    /// What opening a confirmation link did.
    public enum Confirmation: Sendable, Equatable {
        /// The address is confirmed now.
        case confirmed(address: String)
        /// The link was used before, replaced by a newer one, or never existed.
        case unknown
        /// The link is older than `confirmationLifetime`.
        case expired
    }

    /// `/cop me email ADDRESS` and `/cop me email off`.
    static func handle(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder)
        -> FeatureEffects
    {
        let member = context.member.id
        let current = context.state.mail.subscriptions[member]
        switch command {
        case .meEmailOff:
            guard let current else {
                replies.ephemeral("You have no address here, so no mail comes from \(context.profile.name).")
                return FeatureEffects()
            }
            replies.ephemeral(
                "Done: \(current.address) is deleted and gets no more mail from \(context.profile.name). "
                    + "`/cop me email ADDRESS` subscribes again.")
            return FeatureEffects(facts: [.mail(.addressRemoved(member: member))], compactsJournal: true)
        case .meEmail(let address):
            guard context.profile.mail?.membersMaySubscribe == true else {
                replies.ephemeral(
                    "\(context.profile.name) does not send mail yet: the operator has not set up e-mail "
                        + "(an `email` section with `smtp_url`, `from` and `link_key`).")
                return FeatureEffects()
            }
            if let current, current.isConfirmed, current.address.lowercased() == address.lowercased() {
                replies.ephemeral("\(address) already gets the round-up by mail; `/cop me email off` stops it.")
                return FeatureEffects()
            }
            // One confirmation mail per member per pause, so nobody can use the command to flood an inbox.
            if let current, let expiresAt = current.expiresAt,
                context.now < expiresAt.addingTimeInterval(resendPause - confirmationLifetime)
            {
                replies.ephemeral(
                    "I mailed a confirmation link to \(current.address) a moment ago; please wait 10 minutes before "
                        + "asking for another, and check the spam folder meanwhile.")
                return FeatureEffects()
            }
            let token = SecretCrypto.hex(context.reducer.randomness.bytes(16))
            let expiresAt = context.now.addingTimeInterval(confirmationLifetime)
            let mail = OutboxMail(
                kind: .confirmation, to: address, member: member,
                subject: "Confirm your address for \(context.profile.name)", token: token)
            let text =
                "Hello \(context.member.displayName),\n\nsomeone (hopefully you) asked to get the weekly round-up "
                + "of \(context.profile.name) at this address. Open the link below and press the button to "
                + "confirm. The link works once, for 48 hours. If it was not you, ignore this mail: nothing "
                + "more will come."
            let message = OutboundMessage(id: "\(context.inputID).email.confirm", audience: .direct(member), text: text)
            replies.ephemeral(
                "I mailed a confirmation link to \(address). Open it within 48 hours and press the button; until "
                    + "then no round-up goes there. `/cop me email off` cancels.")
            return FeatureEffects(facts: [
                .mail(
                    .addressRequested(member: member, address: address, tokenHash: hash(token), expiresAt: expiresAt)),
                .messageQueued(OutboxEntry(message: message, queuedAt: context.now, mail: mail)),
            ])
        default:
            replies.ephemeral("`/cop \(command.topic)` is not a mail command.\nUsage: \(command.usage)")
            return FeatureEffects()
        }
    }

    /// What pressing a confirmation link's button would do now, without doing it (the page a GET shows).
    public static func check(token: String, state: CommunityState, now: Date) -> Confirmation {
        guard let member = state.mail.member(pendingTokenHash: hash(token)),
            let subscription = state.mail.subscriptions[member]
        else { return .unknown }
        guard let expiresAt = subscription.expiresAt, now < expiresAt else { return .expired }
        return .confirmed(address: subscription.address)
    }

    /// Opening a confirmation link and pressing its button: confirms the address once, and tells the member in
    /// the chat.
    public static func confirm(
        token: String, state: CommunityState, profile: CommunityProfile, now: Date, idPrefix: String
    ) -> (Confirmation, [Fact]) {
        guard let member = state.mail.member(pendingTokenHash: hash(token)),
            let subscription = state.mail.subscriptions[member]
        else { return (.unknown, []) }
        guard let expiresAt = subscription.expiresAt, now < expiresAt else { return (.expired, []) }
        let text =
            "Your address \(subscription.address) is confirmed: the weekly round-up of \(profile.name) now comes "
            + "by mail too. Every mail has an unsubscribe link; `/cop me email off` stops it from here."
        let message = OutboundMessage(
            id: "\(idPrefix).\(member.rawValue).email.confirmed", audience: .direct(member), text: text)
        return (
            .confirmed(address: subscription.address),
            [
                .mail(.addressConfirmed(member: member, at: now)),
                .messageQueued(OutboxEntry(message: message, queuedAt: now, respecting: profile)),
            ]
        )
    }

    /// The one-click unsubscribe (RFC 8058) of `member`, whose signed link was checked by the shell; nothing when
    /// they have no address any more.
    public static func unsubscribe(
        member: MemberID, state: CommunityState, profile: CommunityProfile, now: Date, idPrefix: String
    ) -> [Fact] {
        guard let subscription = state.mail.subscriptions[member] else { return [] }
        let text =
            "You unsubscribed \(subscription.address) from the round-up of \(profile.name), and the address is "
            + "deleted. `/cop me email ADDRESS` subscribes again."
        let message = OutboundMessage(
            id: "\(idPrefix).\(member.rawValue).email.unsubscribed", audience: .direct(member), text: text)
        return [
            .mail(.addressRemoved(member: member)),
            .messageQueued(OutboxEntry(message: message, queuedAt: now, respecting: profile)),
        ]
    }

    /// What a mail that could not be delivered for good changes: when the mail server refused a member's
    /// address, it gets no more mail and the member is told in the chat. Other failures (wrong SMTP settings)
    /// change nothing.
    public static func undeliverable(
        _ entry: OutboxEntry, reason: String, state: CommunityState, profile: CommunityProfile, now: Date
    ) -> [Fact] {
        guard let mail = entry.mail, let member = mail.member, reason.hasPrefix(OutboxMail.refusedReason),
            let subscription = state.mail.subscriptions[member],
            subscription.address.lowercased() == mail.to.lowercased()
        else { return [] }
        return refused(member: member, address: subscription.address, id: "\(entry.message.id).refused", profile, now)
    }

    /// What a bounce that arrived later (a delivery status saying the mail failed for good) changes: every member
    /// with that address gets no more mail and is told in the chat, as when the server refused it at once.
    public static func bounced(address: String, state: CommunityState, profile: CommunityProfile, now: Date) -> [Fact] {
        let members = state.mail.subscriptions.filter { $0.value.address.lowercased() == address.lowercased() }
        return members.keys.sorted().flatMap { member in
            refused(
                member: member, address: address,
                id: "email.\(Int(now.timeIntervalSince1970)).\(member.rawValue).email.bounced", profile, now)
        }
    }

    /// Deletes `member`'s refused `address` and tells them so.
    private static func refused(
        member: MemberID, address: String, id: String, _ profile: CommunityProfile, _ now: Date
    ) -> [Fact] {
        let text =
            "The mail server refused mail to \(address), so \(profile.name) stopped mailing it and "
            + "deleted it. If the address is right, ask your mail provider why; `/cop me email ADDRESS` gives a "
            + "new one."
        let message = OutboundMessage(id: id, audience: .direct(member), text: text)
        return [
            .mail(.addressRemoved(member: member)),
            .messageQueued(OutboxEntry(message: message, queuedAt: now, respecting: profile)),
        ]
    }

    /// The round-up's mails: one to each confirmed address, and one to the community's mailing list.
    static func roundUp(text: String, id: String, _ context: FeatureContext) -> [Fact] {
        guard let settings = context.profile.mail else { return [] }
        let subject = "Round-up of \(context.profile.name)"
        var facts: [Fact] = []
        if settings.membersMaySubscribe {
            for (index, subscriber) in context.state.mail.confirmed.enumerated() {
                let message = OutboundMessage(
                    id: "\(id).mail.\(index + 1).\(subscriber.member.rawValue)",
                    audience: .direct(subscriber.member), text: text)
                let mail = OutboxMail(
                    kind: .roundUp, to: subscriber.address, member: subscriber.member, subject: subject)
                facts.append(.messageQueued(OutboxEntry(message: message, queuedAt: context.now, mail: mail)))
            }
        }
        if let list = settings.roundUpTo {
            let message = OutboundMessage(id: "\(id).mail.list", audience: .channel, text: text)
            let mail = OutboxMail(kind: .roundUp, to: list, member: nil, subject: subject)
            facts.append(.messageQueued(OutboxEntry(message: message, queuedAt: context.now, mail: mail)))
        }
        return facts
    }

    /// The hex SHA-256 of a confirmation token, as the state keeps it.
    static func hash(_ token: String) -> String {
        SecretCrypto.hex(SecretCrypto.sha256(Array(token.utf8)))
    }
}
