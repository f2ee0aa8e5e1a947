import Foundation

/// Everything a community remembers: the value the reducer reads and the facts change.
public struct CommunityState: Codable, Sendable, Equatable {
    /// The members, by id.
    public var members: [MemberID: Member] = [:]
    /// Messages queued but not yet delivered, in queue order.
    public var outbox = OutboxQueue()
    /// The newest messages that could not be delivered, oldest first (at most `deadLetterLimit`).
    public var deadLetters: [DeadLetter] = []
    /// How many dead letters are kept.
    public static let deadLetterLimit = 500
    /// The rules' token buckets, by key (see `RuleEngineState.buckets`).
    public var ruleBuckets: [String: RuleTokenBucket] = [:]
    /// The number the next rule run gets.
    public var ruleRunNumber = 1
    /// What each rule schedule has fired or skipped, by rule id.
    public var scheduleLedger = ScheduleFireLedger()
    /// Which discussion prompts each theme has posted in its current round.
    public var promptRotation = PromptRotation()
    /// Members who said `/cop away`, and until when.
    public var vacations = MemberVacations()
    /// Members for whom `member.inactive` was raised, with when, until they are active again.
    public var inactiveSince: [MemberID: Date] = [:]
    /// Where delivered messages live on their platforms, by `deliveryKey(messageID:platform:)`, so updates edit
    /// them in place (the newest `deliveredMessageLimit`).
    public var deliveredMessages: [String: PlatformMessageReference] = [:]
    /// The keys of `deliveredMessages`, oldest first, so the oldest is forgotten first.
    public var deliveredOrder: [String] = []
    /// How many delivered messages are remembered for editing.
    public static let deliveredMessageLimit = 1000
    /// Polls.
    public var polls = PollBook()
    /// Anonymous feedback notes.
    public var feedback = FeedbackBox()
    /// Surveys.
    public var surveys = SurveyBook()
    /// Pairing profiles and rounds.
    public var pairing = PairingBook()
    /// Tiers, kudos, celebrations and the roster.
    public var engagement = EngagementBook()
    /// Each calendar event's current revision (its SEQUENCE), by event id; kept after an event leaves the config,
    /// so one that comes back continues its SEQUENCE instead of starting below what calendars already hold.
    public var calendarRevisions: [String: CalendarEventRevision] = [:]
    /// The weekly history: closed weeks and the running week's counts.
    public var analytics = CommunityAnalytics()
    /// Members' addresses for the round-up by mail.
    public var mail = MailBook()
    /// The prompts whose answer window is open, for the prompt statistics.
    public var prompts = PromptResponses()

    /// The state of a new community.
    public init() {}

    /// Decodes a state; snapshots written before schedules, prompts and vacations existed lack those keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        members = try container.decode([MemberID: Member].self, forKey: .members)
        outbox = try container.decode(OutboxQueue.self, forKey: .outbox)
        deadLetters = try container.decodeIfPresent([DeadLetter].self, forKey: .deadLetters) ?? []
        ruleBuckets = try container.decodeIfPresent([String: RuleTokenBucket].self, forKey: .ruleBuckets) ?? [:]
        ruleRunNumber = try container.decodeIfPresent(Int.self, forKey: .ruleRunNumber) ?? 1
        scheduleLedger =
            try container.decodeIfPresent(ScheduleFireLedger.self, forKey: .scheduleLedger) ?? ScheduleFireLedger()
        promptRotation = try container.decodeIfPresent(PromptRotation.self, forKey: .promptRotation) ?? PromptRotation()
        vacations = try container.decodeIfPresent(MemberVacations.self, forKey: .vacations) ?? MemberVacations()
        inactiveSince = try container.decodeIfPresent([MemberID: Date].self, forKey: .inactiveSince) ?? [:]
        deliveredMessages =
            try container.decodeIfPresent([String: PlatformMessageReference].self, forKey: .deliveredMessages) ?? [:]
        deliveredOrder = try container.decodeIfPresent([String].self, forKey: .deliveredOrder) ?? []
        polls = try container.decodeIfPresent(PollBook.self, forKey: .polls) ?? PollBook()
        feedback = try container.decodeIfPresent(FeedbackBox.self, forKey: .feedback) ?? FeedbackBox()
        surveys = try container.decodeIfPresent(SurveyBook.self, forKey: .surveys) ?? SurveyBook()
        pairing = try container.decodeIfPresent(PairingBook.self, forKey: .pairing) ?? PairingBook()
        engagement = try container.decodeIfPresent(EngagementBook.self, forKey: .engagement) ?? EngagementBook()
        calendarRevisions =
            try container.decodeIfPresent([String: CalendarEventRevision].self, forKey: .calendarRevisions) ?? [:]
        analytics = try container.decodeIfPresent(CommunityAnalytics.self, forKey: .analytics) ?? CommunityAnalytics()
        mail = try container.decodeIfPresent(MailBook.self, forKey: .mail) ?? MailBook()
        prompts = try container.decodeIfPresent(PromptResponses.self, forKey: .prompts) ?? PromptResponses()
    }

    /// Applies one fact. Every fact is cheap to apply, whatever the size of the state.
    public mutating func apply(_ fact: Fact) {
        // Counted against the state before the fact, so a repeated join or answer is not counted twice.
        var history = analytics
        history.count(fact, in: self)
        analytics = history
        switch fact {
        case .memberJoined(let id, let displayName, let at):
            if members[id] == nil {
                members[id] = Member(id: id, displayName: displayName, joinedAt: at)
            }
        case .activityRecorded(let id, let kind, let at):
            members[id]?.activity.record(kind)
            members[id]?.lastActiveAt = at
            engagement.record(kind, by: id, at: at)
        case .memberForgotten(let id):
            members[id] = nil
            vacations.setBack(id)
            inactiveSince[id] = nil
            outbox.removeAll {
                $0.message.audience == .direct(id) || $0.message.audience == .ephemeral(id)
                    || Self.id($0.message.id, names: id)
            }
            // Rate-limit buckets and delivered message ids may name the member; neither is needed once forgotten.
            ruleBuckets = ruleBuckets.filter { !$0.key.hasSuffix(":\(id.rawValue)") }
            deliveredMessages = deliveredMessages.filter { !Self.id($0.key, names: id) }
            deliveredOrder.removeAll { Self.id($0, names: id) }
            deadLetters.removeAll {
                $0.message.audience == .direct(id) || $0.message.audience == .ephemeral(id)
                    || Self.id($0.message.id, names: id)
            }
            // A message still waiting may mention them: it keeps its words ("@name") but no longer their id.
            if outbox.contains(where: { $0.message.mentions.contains { $0.member == id } }) {
                outbox.updateMessages { $0.mentions.removeAll { $0.member == id } }
            }
            for index in deadLetters.indices { deadLetters[index].message.mentions.removeAll { $0.member == id } }
            polls.forget(id)
            feedback.forget(id)
            surveys.forget(id)
            pairing.forget(id)
            engagement.forget(id)
            mail.forget(id)
            prompts.forget(id)
        case .memberTagged(let id, let tag):
            if let tags = members[id]?.tags, !tags.contains(tag) {
                members[id]?.tags = (tags + [tag]).sorted()
            }
        case .memberUntagged(let id, let tag):
            members[id]?.tags.removeAll { $0 == tag }
        case .rulesAccounted(let buckets, let nextRunNumber):
            ruleBuckets.merge(buckets) { _, new in new }
            ruleRunNumber = nextRunNumber
        case .messageQueued(let entry):
            outbox.append(entry)
        case .messageSettled(let id, _):
            // Found by id, not by a scan: every delivery settles one, and the outbox can hold thousands while a
            // platform catches up. Ids are unique; a second entry with the same id (a corrupt journal) still goes.
            while outbox.remove(id: id) != nil {}
        case .messageDeadLettered(let id, let reason, let at):
            guard var message = outbox.remove(id: id)?.message else { break }
            // A private reply can say how its member voted; once undeliverable it is kept without its words.
            if message.isEphemeral {
                message.text = "(a private reply; its text is not kept)"
                message.mentions = []
                message.actions = []
                message.form = nil
            }
            deadLetters.append(DeadLetter(message: message, reason: reason, at: at))
            if deadLetters.count > Self.deadLetterLimit { deadLetters.removeFirst() }
        case .scheduleRecorded(let schedule, let entry):
            scheduleLedger.entries[schedule] = entry
        case .calendarEventRevised(let event, let revision):
            calendarRevisions[event] = revision
        case .promptRotated(let theme, let round):
            promptRotation.setRound(round, forTheme: theme)
        case .memberAwayChanged(let id, let until):
            if let until {
                vacations.setAway(id, until: until)
            } else {
                vacations.setBack(id)
            }
        case .memberInactiveRaised(let id, let at):
            inactiveSince[id] = at
        case .memberReturned(let id):
            inactiveSince[id] = nil
        case .messageDelivered(let id, let reference):
            let key = Self.deliveryKey(messageID: id, platform: reference.platform)
            if deliveredMessages.updateValue(reference, forKey: key) == nil { deliveredOrder.append(key) }
            prompts.delivered(id, at: reference)
            if deliveredOrder.count > Self.deliveredMessageLimit {
                deliveredMessages[deliveredOrder.removeFirst()] = nil
            }
        case .poll(let fact):
            polls.apply(fact)
        case .feedback(let fact):
            feedback.apply(fact)
        case .survey(let fact):
            surveys.apply(fact)
        case .pairing(let fact):
            pairing.apply(fact)
        case .engagement(let fact):
            engagement.apply(fact)
        case .analytics(let fact):
            analytics.apply(fact)
        case .mail(let fact):
            mail.apply(fact)
        case .prompt(let fact):
            prompts.apply(fact)
        }
    }

    /// Whether a message id (`inactive.playground:ada.1770076800.r1`, `slack <id>`) names `member` as one of its
    /// dot- or space-separated parts, so forgetting `playground:al` leaves `playground:alice`'s messages alone.
    static func id(_ messageID: String, names member: MemberID) -> Bool {
        var rest = Substring(messageID)
        while let range = rest.range(of: member.rawValue) {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            let separators: Set<Character> = [".", " "]
            if before.map(separators.contains) ?? true, after.map(separators.contains) ?? true { return true }
            rest = rest[rest.index(after: range.lowerBound)...]
        }
        return false
    }

    /// The rule engine's state as persisted: buckets and run numbers (traces start afresh with each process).
    public var ruleEngineState: RuleEngineState {
        var rules = RuleEngineState()
        rules.buckets = ruleBuckets
        rules.nextRunNumber = ruleRunNumber
        return rules
    }

    /// The key of a delivered message in `deliveredMessages`: one per platform, since a channel post goes to each.
    public static func deliveryKey(messageID: String, platform: String) -> String {
        "\(platform) \(messageID)"
    }

    /// Applies facts in order.
    public mutating func apply(_ facts: [Fact]) {
        for fact in facts { apply(fact) }
    }
}
