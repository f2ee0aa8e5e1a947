import Foundation

/// A change to a community's state: what the journal stores and replays.
///
/// Facts are the only way state changes, so replaying them in order after a crash rebuilds exactly the
/// state that was acknowledged.
public enum Fact: Codable, Sendable, Equatable {
    /// A member was seen for the first time.
    case memberJoined(member: MemberID, displayName: String, at: Date)
    /// A member did something that counts as activity.
    case activityRecorded(member: MemberID, kind: ActivityKind, at: Date)
    /// A member asked for their data to be deleted, and confirmed.
    case memberForgotten(member: MemberID)
    /// A rule put a tag on a member.
    case memberTagged(member: MemberID, tag: String)
    /// A rule took a tag off a member.
    case memberUntagged(member: MemberID, tag: String)
    /// Rules ran: the token buckets they used and the next run number, so rate limits hold across restarts.
    case rulesAccounted(buckets: [String: RuleTokenBucket], nextRunNumber: Int)
    /// A message was queued for delivery; it lands in the same journal record as the change that caused it.
    case messageQueued(OutboxEntry)
    /// A queued message was delivered and leaves the outbox.
    case messageSettled(id: String, at: Date)
    /// A queued message could not be delivered for good; it leaves the outbox for the dead letters, with why.
    case messageDeadLettered(id: String, reason: String, at: Date)
    /// A rule schedule's ledger entry after a tick: recorded in the same journal record as the fires' messages,
    /// so a restart neither repeats nor drops a fire.
    case scheduleRecorded(schedule: String, entry: ScheduleFireLedger.Entry)
    /// A calendar event was first seen, or its definition in the config changed: its new revision (SEQUENCE).
    case calendarEventRevised(event: String, revision: CalendarEventRevision)
    /// A theme's rotation after a prompt was posted or skipped.
    case promptRotated(theme: String, round: PromptRotation.ThemeRound)
    /// A member said `/cop away` (until a date) or `/cop back` (nil).
    case memberAwayChanged(member: MemberID, until: Date?)
    /// `member.inactive` was raised for a quiet member; it is not raised again until they are active.
    case memberInactiveRaised(member: MemberID, at: Date)
    /// A member for whom `member.inactive` was raised is active again.
    case memberReturned(member: MemberID)
    /// A queued message reached the platform, which gave it `reference` (Slack `ts`, Mattermost post id, Discord
    /// message id), so later updates edit that message in place.
    case messageDelivered(id: String, reference: PlatformMessageReference)
    /// A poll changed.
    case poll(PollFact)
    /// Anonymous feedback changed.
    case feedback(FeedbackFact)
    /// A survey changed.
    case survey(SurveyFact)
    /// Pairing changed.
    case pairing(PairingFact)
    /// Tiers, kudos, celebrations or the roster changed.
    case engagement(EngagementFact)
    /// The weekly history changed: a week opened or closed, or a member left.
    case analytics(AnalyticsFact)
    /// A member's address for the round-up by mail changed.
    case mail(MailFact)
    /// A prompt was posted, answered or reacted to, or its answer window closed.
    case prompt(PromptFact)

    /// Whether the fact is written to the journal; a few live only in memory (see `SurveyFact.isJournaled`,
    /// `FeedbackFact.isJournaled`).
    public var isJournaled: Bool {
        switch self {
        case .survey(let fact): fact.isJournaled
        case .feedback(let fact): fact.isJournaled
        default: true
        }
    }
}

/// Where a delivered message lives on its platform, so it can be edited later.
public struct PlatformMessageReference: Codable, Sendable, Equatable {
    /// The platform that holds the message: `slack`, `mattermost` or `discord`.
    public var platform: String
    /// The platform's channel (Slack channel id, Mattermost channel id, Discord channel id).
    public var channel: String
    /// The platform's id of the message (Slack `ts`, Mattermost post id, Discord message id).
    public var messageID: String

    /// A reference.
    public init(platform: String, channel: String, messageID: String) {
        self.platform = platform
        self.channel = channel
        self.messageID = messageID
    }
}

/// A message that could not be delivered, kept so the operator can see why (`convener outbox list`).
public struct DeadLetter: Codable, Sendable, Equatable {
    /// The message.
    public var message: OutboundMessage
    /// What the platform or the network said.
    public var reason: String
    /// When delivery was given up.
    public var at: Date

    /// A dead letter.
    public init(message: OutboundMessage, reason: String, at: Date) {
        self.message = message
        self.reason = reason
        self.at = at
    }
}

/// A message waiting in the outbox.
public struct OutboxEntry: Codable, Sendable, Equatable {
    /// The message.
    public var message: OutboundMessage
    /// When it was queued.
    public var queuedAt: Date
    /// The earliest time it may be sent (a direct message queued during quiet hours); nil for at once.
    public var notBefore: Date?
    /// Where a late reply goes instead of the message's audience: the answer to a slash command or click whose
    /// handling outlasted the platform's 3-second acknowledgement; nil for ordinary messages.
    public var replyTarget: OutboxReplyTarget?
    /// The mail this entry is, when it goes out by e-mail instead of to the chat (the message's text is its body).
    public var mail: OutboxMail?

    /// An outbox entry.
    public init(
        message: OutboundMessage, queuedAt: Date, notBefore: Date? = nil, replyTarget: OutboxReplyTarget? = nil,
        mail: OutboxMail? = nil
    ) {
        self.message = message
        self.queuedAt = queuedAt
        self.notBefore = notBefore
        self.replyTarget = replyTarget
        self.mail = mail
    }

    /// An entry queued at `now` for `profile`'s community: a direct message queued during its quiet hours waits for
    /// the window's end (on the community's clock); everything else may go at once.
    public init(message: OutboundMessage, queuedAt now: Date, respecting profile: CommunityProfile) {
        var notBefore: Date?
        if case .direct = message.audience, let quietHours = profile.quietHours,
            quietHours.contains(now, in: profile.timeZone)
        {
            notBefore = quietHours.nextAllowed(atOrAfter: now, in: profile.timeZone)
        }
        self.init(message: message, queuedAt: now, notBefore: notBefore)
    }

    /// Whether it may be sent at `now`.
    public func isDue(at now: Date) -> Bool {
        notBefore.map { $0 <= now } ?? true
    }
}
