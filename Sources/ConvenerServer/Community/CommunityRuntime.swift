import ConvenerCore
import ConvenerStore
import Foundation
import Logging

/// One community, live: owns its state, runs the core reducer on each input and makes the result durable
/// before anyone is told about it.
///
/// Inputs are reduced one at a time in arrival order; while one waits for its journal record to reach the
/// disk, later inputs are already reduced and enqueued, so many of them share one fsync (group commit).
public actor CommunityRuntime {
    /// The community this runtime serves.
    public nonisolated let profile: CommunityProfile
    private let reducer: CommunityReducer
    private let store: StateStore<CommunityState>
    private let clock: any WallClock
    private let randomness: CommunityRandomness
    private let logger: Logger
    private var state: CommunityState
    /// The rule engine's working state; its durable part travels in facts, its traces live here.
    private var ruleState: RuleEngineState
    private var lastTicket: JournalTicket?
    private var failure: String?
    private var isCompacting = false
    /// The last journal record that must leave the disk (a poll or survey closed, a member was forgotten), until a
    /// snapshot covers it and no segment holding covered records is left.
    private var erasureThrough: UInt64?
    private let metrics: CommunityMetrics

    /// A runtime over a store that was just opened with `state` recovered from it.
    public init(
        profile: CommunityProfile,
        store: StateStore<CommunityState>,
        state: CommunityState,
        rules: RuleSet = .empty,
        prompts: PromptLibrary = PromptLibrary(),
        settings: CommunitySettings = .defaults,
        randomness: CommunityRandomness = .system,
        clock: any WallClock,
        logger: Logger
    ) {
        self.profile = profile
        self.reducer = CommunityReducer(
            profile: profile, rules: RuleEngine(rules: rules), prompts: prompts, settings: settings,
            randomness: randomness)
        self.store = store
        self.state = state
        self.ruleState = state.ruleEngineState
        self.clock = clock
        self.randomness = randomness
        self.logger = logger
        self.metrics = CommunityMetrics(community: profile.id)
    }

    /// Puts back in memory the anonymous answers and notes that waited in sealed pool files when the daemon
    /// stopped or was killed, and removes pool files nothing may open any more; makes the feedback pool's key on
    /// the first start. Call it once, before the first input.
    public func restoreSealedPools() async throws {
        var obsolete: [SealedPoolWrite] = []
        for pool in store.sealedPools {
            guard let key = state.sealingKey(pool: pool) else {
                obsolete.append(.remove(pool: pool))
                continue
            }
            guard let plaintext = try await store.readSealedPool(pool, key: key) else { continue }
            let image: SealedPoolImage
            do {
                image = try SealedPoolImage.decode(plaintext)
            } catch {
                throw StoreError.unopenableSealedPool(
                    file: store.sealedPoolPath(pool), reason: "its contents do not decode: \(error)")
            }
            guard let fact = state.restoring(pool: pool, image: image) else {
                // Older than the journal's last batch, which already holds what it held.
                obsolete.append(.remove(pool: pool))
                continue
            }
            state.apply([fact])
            let count = image.tokens.count + image.notes.count
            logger.notice(
                "restored \(count) anonymous item(s) waiting for their batch in pool \(pool)",
                metadata: ["convener.community": "\(profile.id)"])
        }
        if !obsolete.isEmpty {
            try await store.waitUntilDurable(try store.enqueue([], pools: obsolete))
        }
        // After the files were read: no file can be sealed under a key that did not exist yet.
        if state.feedback.sealKey == nil {
            try await commit([.feedback(.sealKeyMinted(AnonymityKey(randomness: randomness)))])
        }
    }

    /// Why the community cannot take changes, or nil when it can.
    public var unavailability: String? { failure }

    /// Reduces `input`, applies and journals its facts, and returns once they are durable.
    ///
    /// With a `lateReply`, the replies the HTTP answer cannot carry are queued in the same journal record for its
    /// reply target: all of them when the acknowledgement already went out (the platform's 3-second window
    /// passed), else all but the first.
    public func handle(_ input: Input, lateReply: DeliveryLateReply? = nil) async throws -> Outcome {
        if let failure { throw CommunityUnavailable(reason: failure) }
        metrics.recordInput(input.event)
        let now = clock.now()
        let outcome = reducer.reduce(state, input, rules: &ruleState, now: now)
        for note in outcome.notes {
            logger.notice("\(note)", metadata: ["convener.community": "\(profile.id)"])
        }
        var facts = outcome.facts
        if let lateReply {
            // Inline, the HTTP answer carries the first reply and the others follow through the reply target;
            // late, all of them do. Either way every reply reaches the member.
            let queued = lateReply.claimInline() ? outcome.replies.dropFirst() : outcome.replies[...]
            facts += queued.prefix(lateReply.target.maxReplies).map {
                .messageQueued(OutboxEntry(message: $0, queuedAt: now, replyTarget: lateReply.target))
            }
        }
        try await commit(facts)
        if outcome.compactsJournal { await erase() }
        return outcome
    }

    /// The form `formID` (`survey.S1`) while members can still submit it, to read a platform's answers against.
    public func openForm(_ formID: String) -> MessageForm? {
        state.surveys.form(formID: formID)
    }

    /// Lets time pass: fires due schedules and raises `member.inactive`, durably, like `handle` does for inputs.
    public func tick() async throws {
        if let failure { throw CommunityUnavailable(reason: failure) }
        metrics.recordTick()
        let outcome = reducer.reduceTick(state, rules: &ruleState, now: clock.now())
        for note in outcome.notes {
            logger.notice("\(note)", metadata: ["convener.community": "\(profile.id)"])
        }
        try await commit(outcome.facts)
        if outcome.compactsJournal { await erase() }
    }

    /// The community's health figures now, for the dashboard.
    public func health() -> CommunityHealth {
        CommunityHealth(state: state, profile: profile, now: clock.now())
    }

    /// The last `weeks` weeks of the community's history, the running week so far included, held to its
    /// anonymity threshold (`surveys.k`).
    public func trends(weeks: Int) -> CommunityTrends {
        CommunityTrends.recent(
            weeks, state: state, community: profile.name, k: reducer.settings.surveys.threshold,
            weeks: reducer.analyticsWeeks, now: clock.now())
    }

    /// The community's calendar: its events, with the roster's next facilitator in each description.
    public func calendarFeed() -> CalendarFeed {
        let roster = state.engagement.roster
        let next = roster.upcoming?.member ?? roster.queue().first
        return CalendarFeed(
            profile: profile, events: reducer.calendarEvents(state),
            nextFacilitator: next.map { state.members[$0]?.displayName ?? $0.user },
            revisions: state.calendarRevisions)
    }

    /// The `.ics` invitation of group `group` of pairing round `number`, while the community keeps the round.
    public func pairingInvitation(round number: Int, group: Int) -> String? {
        guard let round = state.pairing.round(number), round.groups.indices.contains(group) else { return nil }
        let program =
            reducer.settings.pairing.program(round.program) ?? PairingProgram(id: round.program, kind: round.kind)
        guard
            let slot = PairingInvitation.slot(
                round: round, group: group, workingHours: program.workingHours, profile: profile)
        else { return nil }
        let names = round.groups[group].members.map { state.members[$0]?.displayName ?? $0.user }
        return PairingInvitation(profile: profile, round: round, group: group, slot: slot, names: names).document()
    }

    /// The member's current record, if the community knows them.
    public func member(_ id: MemberID) -> Member? {
        state.members[id]
    }

    /// Messages due for delivery now, oldest first (direct messages held by quiet hours wait).
    public func pendingOutbox() -> [OutboxEntry] {
        let now = clock.now()
        return state.outbox.filter { $0.isDue(at: now) }
    }

    /// Records that queued messages were delivered, so they leave the outbox for good.
    public func settle(_ messageIDs: [String]) async throws {
        let now = clock.now()
        try await commit(messageIDs.map { .messageSettled(id: $0, at: now) })
    }

    /// Records, durably, where a delivered message lives on its platform.
    public func recordDelivery(of messageID: String, at reference: PlatformMessageReference) async throws {
        try await commit([.messageDelivered(id: messageID, reference: reference)])
    }

    /// Where a delivered message lives on `platform`, if it was recorded.
    public func deliveredReference(of messageID: String, on platform: String) -> PlatformMessageReference? {
        state.deliveredMessages[CommunityState.deliveryKey(messageID: messageID, platform: platform)]
    }

    /// Moves messages that cannot be delivered from the outbox to the dead letters; a mail whose address the
    /// server refused also stops mail to that address and tells its member.
    public func deadLetter(_ failures: [(id: String, reason: String)]) async throws {
        let now = clock.now()
        var facts: [Fact] = []
        for failure in failures {
            if let entry = state.outbox.first(where: { $0.message.id == failure.id }) {
                facts += MailDesk.undeliverable(entry, reason: failure.reason, state: state, profile: profile, now: now)
            }
            facts.append(.messageDeadLettered(id: failure.id, reason: failure.reason, at: now))
        }
        try await commit(facts)
    }

    /// What pressing the button of the confirmation link with `token` would do now.
    public func checkMailConfirmation(token: String) -> MailDesk.Confirmation {
        MailDesk.check(token: token, state: state, now: clock.now())
    }

    /// Confirms the address whose confirmation link carries `token`, durably, once.
    public func confirmMail(token: String) async throws -> MailDesk.Confirmation {
        if let failure { throw CommunityUnavailable(reason: failure) }
        let now = clock.now()
        let (result, facts) = MailDesk.confirm(
            token: token, state: state, profile: profile, now: now, idPrefix: "email.\(Int(now.timeIntervalSince1970))")
        try await commit(facts)
        return result
    }

    /// Unsubscribes `member` from mail (their signed link was checked), durably; false when they had no address.
    public func unsubscribeMail(member: MemberID) async throws -> Bool {
        if let failure { throw CommunityUnavailable(reason: failure) }
        let now = clock.now()
        let facts = MailDesk.unsubscribe(
            member: member, state: state, profile: profile, now: now,
            idPrefix: "email.\(Int(now.timeIntervalSince1970))")
        try await commit(facts)
        if !facts.isEmpty { await erase() }
        return !facts.isEmpty
    }

    /// Writes a new snapshot when the journal has grown past its thresholds.
    public func compactIfNeeded() async {
        guard store.needsCompaction else { return }
        await compactNow()
    }

    /// Compacts so that journal records about something closed or forgotten leave the disk; when the segment in
    /// use could not be dropped yet, the next commits compact again until it is.
    private func erase() async {
        if let ticket = lastTicket { erasureThrough = max(erasureThrough ?? 0, ticket.seq) }
        await compactNow()
        if let through = erasureThrough, store.snapshotSequence >= through,
            store.oldestJournaledSequence.map({ $0 > through }) ?? true
        {
            erasureThrough = nil
        }
    }

    /// Writes a new snapshot and drops the journal it covers: after a poll or survey closes, so the records that
    /// held its key and participation tokens do not outlive it.
    public func compactNow() async {
        guard failure == nil, !isCompacting, let ticket = lastTicket else { return }
        isCompacting = true
        defer { isCompacting = false }
        do {
            try await store.compact(state, through: ticket)
            metrics.recordCompaction()
        } catch {
            logger.error(
                "Compaction failed; the journal keeps growing until it succeeds",
                metadata: [
                    "convener.community": "\(profile.id)", "error": "\(error)",
                ])
        }
    }

    /// Records what must not be lost at shutdown (survey answers waiting for their shuffled batch), flushes
    /// everything and releases the state folder.
    public func close() async throws {
        if failure == nil {
            let outcome = reducer.reduceShutdown(state, now: clock.now())
            do {
                try await commit(outcome.facts)
                if erasureThrough != nil { await erase() }
            } catch {
                logger.error(
                    "Could not record the last changes at shutdown",
                    metadata: ["convener.community": "\(profile.id)", "error": "\(error)"])
            }
        }
        try await store.close()
    }

    private func commit(_ facts: [Fact]) async throws {
        guard !facts.isEmpty else { return }
        state.apply(facts)
        let journaled = facts.filter(\.isJournaled)
        // Anonymous answers and notes never enter the journal; their sealed pool files change in the same group
        // commit instead, so they are as durable as everything else once acknowledged.
        let pools = state.sealedPoolChanges(after: facts, randomness: randomness)
        guard !journaled.isEmpty || !pools.isEmpty else { return }
        let ticket: JournalTicket
        do {
            ticket = try store.enqueue(journaled, pools: try pools.map(Self.write))
            lastTicket = ticket
            try await store.waitUntilDurable(ticket)
            metrics.recordCommit(facts: journaled.count, state: state)
            if erasureThrough != nil, !isCompacting { await erase() }
        } catch {
            // The in-memory state now holds a change the disk may not: refuse further work until a restart
            // recovers the durable prefix.
            if failure == nil {
                failure = "the state could not be written (\(error)); restart Convener to recover"
                logger.critical(
                    "State write failed; refusing further changes",
                    metadata: [
                        "convener.community": "\(profile.id)", "error": "\(error)",
                    ])
            }
            throw CommunityUnavailable(reason: failure ?? "\(error)")
        }
    }
}

extension CommunityRuntime {
    /// The store's write for a change the core asked of a pool file.
    fileprivate static func write(_ change: SealedPoolChange) throws -> SealedPoolWrite {
        guard let (key, image) = change.contents else { return .remove(pool: change.pool) }
        return .replace(pool: change.pool, key: key, plaintext: try image.encoded())
    }
}

/// The community cannot take changes right now.
public struct CommunityUnavailable: Error, CustomStringConvertible {
    /// Why.
    public let reason: String

    public var description: String { "The community is unavailable: \(reason)" }
}
