import ConvenerCore
import ConvenerStore
import Foundation
import Logging

/// One community, live: owns its state, runs the core reducer on each input and makes the result durable
/// before anyone is told about it.
///
/// Inputs are reduced one at a time in arrival order; while one waits for its journal record to reach the
/// disk, later inputs are already reduced and enqueued, so many of them share one fsync (group commit).
///
/// Over a store other daemons share (PostgreSQL), each input is reduced on the latest state instead: the runtime
/// catches up with what the others appended, reduces, and appends; when another daemon took the sequence number
/// first, it puts its state back, catches up and reduces again. The reducer is pure, so reducing again is safe.
public actor CommunityRuntime {
    /// The community this runtime serves.
    public nonisolated let profile: CommunityProfile
    private let reducer: CommunityReducer
    private let store: any StateStoring<CommunityState>
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
    /// Whether an erasure's compaction deleted records whose space the store should reclaim (off the request path).
    private var reclaimWanted = false
    /// The minute (since 1970) of the last tick that looked for quiet members.
    private var quietSearchMinute: Int?
    private let metrics: CommunityMetrics
    /// Over a shared store: whether a step (catch up, reduce, append) is running, and who waits for it.
    private var stepping = false
    private var waitingSteps: [CheckedContinuation<Void, Never>] = []
    /// Over a shared store: why the last step could not reach the database, until one does.
    private var databaseProblem: String?
    /// Over a shared store: how many steps failed on the database, so a step that waited for its turn knows
    /// whether one failed meanwhile.
    private var databaseFailures = 0
    /// How many late replies may wait in the outbox before a request that would queue more waits for deliveries,
    /// and for how long at most.
    private let lateReplyLimit: Int
    private let lateReplyWait: Duration
    /// The requests waiting for the late-reply backlog to shrink, oldest first, each with when it gives up.
    private var roomWaiters: [(giveUp: ContinuousClock.Instant, turn: CheckedContinuation<Void, Never>)] = []
    /// How many requests wait for the late-reply backlog to shrink now.
    var waitingForLateReplyRoom: Int { roomWaiters.count }
    /// Over a shared store: how many steps wait for the running one to end.
    var stepsWaiting: Int { waitingSteps.count }

    /// How often one input is reduced again when other daemons keep appending first.
    static let conflictRetries = 20
    /// How long a daemon keeps delivering a community's outbox without renewing the lease: the longest a crashed
    /// holder's messages wait for another daemon.
    static let deliveryLeaseSeconds = 10
    /// How many late replies may wait before requests that would queue more are held back (see `handle`).
    public static let defaultLateReplyLimit = 4_096
    /// The longest a request waits for the late-reply backlog to shrink, inside the platforms' 3-second
    /// acknowledgement (the deadline's 2.5 s) so the request can still be answered inline; after it the request
    /// goes ahead, so a platform that takes no replies at all slows requests down without stopping them.
    public static let defaultLateReplyWait = Duration.seconds(2)

    /// A runtime over a store that was just opened with `state` recovered from it.
    public init(
        profile: CommunityProfile,
        store: any StateStoring<CommunityState>,
        state: CommunityState,
        rules: RuleSet = .empty,
        prompts: PromptLibrary = PromptLibrary(),
        settings: CommunitySettings = .defaults,
        randomness: CommunityRandomness = .system,
        clock: any WallClock,
        logger: Logger,
        lateReplyLimit: Int = CommunityRuntime.defaultLateReplyLimit,
        lateReplyWait: Duration = CommunityRuntime.defaultLateReplyWait
    ) {
        self.profile = profile
        self.lateReplyLimit = lateReplyLimit
        self.lateReplyWait = lateReplyWait
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
        if !obsolete.isEmpty, !store.isShared {
            // Over a shared store another daemon may still be filling the pool; its own start or close tidies up.
            try await store.waitUntilDurable(try store.enqueue([], pools: obsolete))
        }
        // After the files were read: no file can be sealed under a key that did not exist yet.
        let randomness = self.randomness
        try await step { state, _ in
            let facts: [Fact] =
                state.feedback.sealKey == nil ? [.feedback(.sealKeyMinted(AnonymityKey(randomness: randomness)))] : []
            return (facts, ())
        }
    }

    /// Why the community cannot take changes, or nil when it can.
    public var unavailability: String? { failure ?? databaseProblem }

    /// Reduces `input`, applies and journals its facts, and returns once they are durable.
    ///
    /// With a `lateReply`, the replies the HTTP answer cannot carry are queued in the same journal record for its
    /// reply target: all of them when the acknowledgement already went out (the platform's 3-second window
    /// passed), else all but the first.
    ///
    /// While the outbox holds `lateReplyLimit` late replies or more (requests arrive faster than their replies are
    /// delivered), such a request first waits for deliveries, up to `lateReplyWait`: the backlog, and the memory it
    /// takes, stays bounded instead of growing with the platform's reply window (Slack's 30 minutes).
    public func handle(_ input: Input, lateReply: DeliveryLateReply? = nil) async throws -> Outcome {
        if let failure { throw CommunityUnavailable(reason: failure) }
        if lateReply != nil { await waitForLateReplyRoom() }
        metrics.recordInput(input.event)
        let reducer = self.reducer
        let clock = self.clock
        // Decided once: reducing again after a conflict must not move a reply between the answer and the outbox.
        let inline = lateReply.map { $0.claimInline() }
        let outcome = try await step { state, ruleState in
            let now = clock.now()
            let outcome = reducer.reduce(state, input, rules: &ruleState, now: now)
            var facts = outcome.facts
            if let lateReply, let inline {
                // Inline, the HTTP answer carries the first reply and the others follow through the reply target;
                // late, all of them do. Either way every reply reaches the member.
                let queued = inline ? outcome.replies.dropFirst() : outcome.replies[...]
                facts += queued.prefix(lateReply.target.maxReplies).map {
                    .messageQueued(OutboxEntry(message: $0, queuedAt: now, replyTarget: lateReply.target))
                }
            }
            return (facts, outcome)
        }
        for note in outcome.notes {
            logger.notice("\(note)", metadata: ["convener.community": "\(profile.id)"])
        }
        if outcome.compactsJournal { await erase() }
        return outcome
    }

    /// Waits, up to `lateReplyWait`, until the outbox holds fewer than `lateReplyLimit` late replies.
    ///
    /// The settlements that make room wake the waiters (`wakeRoomWaiters`), oldest first. A waiter gives up when a
    /// later request arrives or the tick comes after its time: during a flood requests arrive all the time, and the
    /// tick comes every second. Before, each waiting request looked again every 10 ms, inside this actor: at
    /// saturation those looks cost a tenth of the daemon's CPU.
    private func waitForLateReplyRoom() async {
        releaseRoomWaiters(expiredAt: .now)
        guard state.outbox.lateReplyCount >= lateReplyLimit, failure == nil, !Task.isCancelled else { return }
        let giveUp = ContinuousClock.now + lateReplyWait
        await withCheckedContinuation { roomWaiters.append((giveUp, $0)) }
    }

    /// Wakes as many waiting requests, oldest first, as the backlog has room for.
    private func wakeRoomWaiters() {
        let room = lateReplyLimit - state.outbox.lateReplyCount
        guard room > 0 else { return }
        let woken = roomWaiters.prefix(room)
        roomWaiters.removeFirst(woken.count)
        for waiter in woken { waiter.turn.resume() }
    }

    /// Lets the requests whose time ran out by `now` go ahead; all of them without a `now` (shutdown, failure).
    private func releaseRoomWaiters(expiredAt now: ContinuousClock.Instant?) {
        let expired = roomWaiters.prefix { waiter in now.map { waiter.giveUp <= $0 } ?? true }
        guard !expired.isEmpty else { return }
        roomWaiters.removeFirst(expired.count)
        for waiter in expired { waiter.turn.resume() }
    }

    /// The form `formID` (`survey.S1`) while members can still submit it, to read a platform's answers against.
    public func openForm(_ formID: String) -> MessageForm? {
        state.surveys.form(formID: formID)
    }

    /// Lets time pass: fires due schedules and raises `member.inactive`, durably, like `handle` does for inputs.
    public func tick() async throws {
        releaseRoomWaiters(expiredAt: .now)
        if let failure { throw CommunityUnavailable(reason: failure) }
        metrics.recordTick()
        let reducer = self.reducer
        let clock = self.clock
        // Quiet members are looked for once a minute: inactivity is counted in days, and the search reads every
        // member, which at 100,000 members held up the requests behind each second's tick for 10-20 ms.
        let minute = Int((clock.now().timeIntervalSince1970 / 60).rounded(.down))
        let lookingForQuiet = minute != quietSearchMinute
        if store.isShared {
            // Journal notices keep the state current, so a tick with nothing due needs no round trip to the
            // database (and does not queue behind other steps while it is away); only one that has something to do
            // catches up and reduces again on the latest state. While a step runs, its facts may still be rolled
            // back, so its working state is only read: a fire it hid is found by the next tick.
            var probe = ruleState
            let probed = reducer.reduceTick(
                state, rules: &probe, now: clock.now(), lookingForQuietMembers: lookingForQuiet)
            if probed.facts.isEmpty {
                if !stepping { ruleState = probe }
                if lookingForQuiet { quietSearchMinute = minute }
                return
            }
        }
        // Two daemons firing the same schedule both reduce it; the second to append catches up, finds the fire in
        // the ledger and reduces to nothing: one fire, whoever wins.
        let outcome = try await step { state, ruleState in
            let outcome = reducer.reduceTick(
                state, rules: &ruleState, now: clock.now(), lookingForQuietMembers: lookingForQuiet)
            return (outcome.facts, outcome)
        }
        if lookingForQuiet { quietSearchMinute = minute }
        for note in outcome.notes {
            logger.notice("\(note)", metadata: ["convener.community": "\(profile.id)"])
        }
        if outcome.compactsJournal { await erase() }
    }

    /// Over a shared store, catches up with what other daemons appended: when a journal notice says the community
    /// reached `seq` and this daemon is behind it, or, with `seq` nil, unconditionally (once the notices flow again
    /// after a reconnect, and on the slow safety poll for a notice lost anyway). Reads (the dashboard, the calendar)
    /// then show the others' changes without waiting for an input.
    public func follow(through seq: UInt64?, cause: CatchUpCause) async {
        guard store.isShared, failure == nil else { return }
        let before = store.lastTicket.seq
        if let seq, before >= seq { return }
        do {
            try await step { _, _ in ([Fact](), ()) }
            if store.lastTicket.seq > before { metrics.recordCatchUp(cause) }
        } catch {
            logger.debug(
                "Could not catch up with the other daemons; the next notice or poll tries again",
                metadata: ["convener.community": "\(profile.id)", "error": "\(error)"])
        }
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
        let members = round.groups[group].members
        let names = members.map { state.members[$0]?.displayName ?? $0.user }
        // Organizer and attendees only when every member confirmed an address (see PairingInvitation).
        let addresses = members.compactMap(state.mail.confirmedAddress(of:))
        return PairingInvitation(
            profile: profile, round: round, group: group, slot: slot, names: names,
            addresses: addresses.count == members.count ? addresses : nil
        ).document()
    }

    /// The member's current record, if the community knows them.
    public func member(_ id: MemberID) -> Member? {
        state.members[id]
    }

    /// Messages due for delivery now, oldest first (direct messages held by quiet hours wait).
    ///
    /// Over a shared store only the daemon holding the community's delivery lease gets any, and only after catching
    /// up once it holds it, so what the previous holder settled is not sent again.
    public func pendingOutbox() async -> [OutboxEntry] {
        await pendingOutbox(limit: .max)
    }

    /// The first `limit` messages due for delivery now, oldest first, found without copying the rest.
    public func pendingOutbox(limit: Int) async -> [OutboxEntry] {
        if store.isShared {
            guard await store.holdDeliveryLease(seconds: Self.deliveryLeaseSeconds) else { return [] }
            do {
                try await step { _, _ in ([Fact](), ()) }
            } catch {
                return []
            }
        }
        let now = clock.now()
        var due: [OutboxEntry] = []
        for entry in state.outbox where entry.isDue(at: now) {
            guard due.count < limit else { break }
            due.append(entry)
        }
        return due
    }

    /// Records that queued messages were delivered, so they leave the outbox for good.
    public func settle(_ messageIDs: [String]) async throws {
        let now = clock.now()
        try await step { _, _ in (messageIDs.map { Fact.messageSettled(id: $0, at: now) }, ()) }
    }

    /// Records, durably, where a delivered message lives on its platform.
    public func recordDelivery(of messageID: String, at reference: PlatformMessageReference) async throws {
        try await step { _, _ in ([Fact.messageDelivered(id: messageID, reference: reference)], ()) }
    }

    /// Where a delivered message lives on `platform`, if it was recorded.
    public func deliveredReference(of messageID: String, on platform: String) -> PlatformMessageReference? {
        state.deliveredMessages[CommunityState.deliveryKey(messageID: messageID, platform: platform)]
    }

    /// Moves messages that cannot be delivered from the outbox to the dead letters; a mail whose address the
    /// server refused also stops mail to that address and tells its member.
    public func deadLetter(_ failures: [(id: String, reason: String)]) async throws {
        let now = clock.now()
        let profile = self.profile
        try await step { state, _ in
            var facts: [Fact] = []
            for failure in failures {
                if let entry = state.outbox[id: failure.id] {
                    facts += MailDesk.undeliverable(
                        entry, reason: failure.reason, state: state, profile: profile, now: now)
                }
                facts.append(.messageDeadLettered(id: failure.id, reason: failure.reason, at: now))
            }
            return (facts, ())
        }
    }

    /// What pressing the button of the confirmation link with `token` would do now.
    public func checkMailConfirmation(token: String) -> MailDesk.Confirmation {
        MailDesk.check(token: token, state: state, now: clock.now())
    }

    /// Confirms the address whose confirmation link carries `token`, durably, once.
    public func confirmMail(token: String) async throws -> MailDesk.Confirmation {
        if let failure { throw CommunityUnavailable(reason: failure) }
        let now = clock.now()
        let profile = self.profile
        return try await step { state, _ in
            let (result, facts) = MailDesk.confirm(
                token: token, state: state, profile: profile, now: now,
                idPrefix: "email.\(Int(now.timeIntervalSince1970))")
            return (facts, result)
        }
    }

    /// Unsubscribes `member` from mail (their signed link was checked), durably; false when they had no address.
    public func unsubscribeMail(member: MemberID) async throws -> Bool {
        if let failure { throw CommunityUnavailable(reason: failure) }
        let now = clock.now()
        let profile = self.profile
        let removed = try await step { state, _ in
            let facts = MailDesk.unsubscribe(
                member: member, state: state, profile: profile, now: now,
                idPrefix: "email.\(Int(now.timeIntervalSince1970))")
            return (facts, !facts.isEmpty)
        }
        if removed { await erase() }
        return removed
    }

    /// Every address members gave, pending or confirmed: what a bounce's token may name.
    public func mailAddresses() -> [String] {
        state.mail.subscriptions.values.map(\.address)
    }

    /// Stops mail to `address`, which a delivery status said failed for good, and tells its members, durably; false
    /// when no member has it (any more).
    public func mailBounced(address: String) async throws -> Bool {
        if let failure { throw CommunityUnavailable(reason: failure) }
        let now = clock.now()
        let profile = self.profile
        let removed = try await step { state, _ in
            let facts = MailDesk.bounced(address: address, state: state, profile: profile, now: now)
            return (facts, !facts.isEmpty)
        }
        if removed { await erase() }
        return removed
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
        reclaimWanted = true
        if let through = erasureThrough, store.snapshotSequence >= through,
            store.oldestJournaledSequence.map({ $0 > through }) ?? true
        {
            erasureThrough = nil
        }
    }

    /// Reclaims the space of erased records when an erasure asked for it (`StateStoring.reclaimErasedSpace`); the
    /// community's upkeep calls it, so no request waits for it.
    public func reclaimErasedSpaceIfWanted() async {
        guard reclaimWanted, failure == nil, !isCompacting else { return }
        reclaimWanted = false
        do {
            try await store.reclaimErasedSpace()
        } catch {
            reclaimWanted = true
            logger.warning(
                "Could not reclaim the space of erased records; trying again",
                metadata: ["convener.community": "\(profile.id)", "error": "\(error)"])
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
        releaseRoomWaiters(expiredAt: nil)
        if failure == nil {
            let reducer = self.reducer
            let now = clock.now()
            do {
                try await step { state, _ in (reducer.reduceShutdown(state, now: now).facts, ()) }
                if erasureThrough != nil { await erase() }
            } catch {
                logger.error(
                    "Could not record the last changes at shutdown",
                    metadata: ["convener.community": "\(profile.id)", "error": "\(error)"])
            }
        }
        try await store.close()
    }

    /// Reduces one step with `reduce` (on the state and the rule engine's working state) and commits its facts;
    /// returns what `reduce` returned besides them.
    ///
    /// Over a state folder this is just reduce and commit (inputs pipeline into group commits). Over a shared store
    /// one step runs at a time: catch up, reduce, append; a conflict puts state, rules and ticket back and goes
    /// round again, and a database failure puts them back and answers 503 without failing the community.
    private func step<Value>(
        _ reduce: (CommunityState, inout RuleEngineState) -> (facts: [Fact], value: Value)
    ) async throws -> Value {
        guard store.isShared else {
            let (facts, value) = reduce(state, &ruleState)
            try await commit(facts)
            return value
        }
        let failuresBefore = databaseFailures
        await enterStep()
        defer { leaveStep() }
        // A step that ran while this one waited failed on the database: answer at once rather than wait out another
        // deadline. Three deliveries queued when the database went down made a request wait 22 s.
        if databaseFailures != failuresBefore, let databaseProblem {
            throw CommunityUnavailable(reason: databaseProblem)
        }
        for attempt in 1...Self.conflictRetries {
            do {
                try await catchUp()
            } catch let error as StoreError where error.isRefusal {
                noteRefusal(error)
                throw CommunityUnavailable(reason: error.description)
            }
            // Taken after the catch-up: what it applied is durable and must survive a rollback.
            let saved = (state: state, rules: ruleState, ticket: lastTicket)
            do {
                let (facts, value) = reduce(state, &ruleState)
                try await commit(facts)
                databaseProblem = nil
                return value
            } catch let error as StoreError where error.isRefusal {
                state = saved.state
                ruleState = saved.rules
                lastTicket = saved.ticket
                if case .conflict = error, attempt < Self.conflictRetries {
                    metrics.recordConflict()
                    continue
                }
                noteRefusal(error)
                throw CommunityUnavailable(reason: error.description)
            }
        }
        throw CommunityUnavailable(reason: "other daemons kept appending first \(Self.conflictRetries) times")
    }

    /// Remembers why a step was refused (see `unavailability`) and counts the steps the database failed.
    private func noteRefusal(_ error: StoreError) {
        databaseProblem = error.description
        if case .database = error { databaseFailures += 1 }
    }

    /// Applies what other daemons appended since this one last wrote or caught up.
    private func catchUp() async throws {
        let found = try await store.catchUp()
        guard !found.isEmpty else { return }
        if let reset = found.reset { state = reset }
        for record in found.records { state.apply(record) }
        for content in found.pools {
            guard let key = state.sealingKey(pool: content.pool), let plaintext = (try? content.open(key: key)) ?? nil,
                let image = try? SealedPoolImage.decode(plaintext),
                let fact = state.restoring(pool: content.pool, image: image)
            else { continue }
            state.apply([fact])
        }
        ruleState = state.ruleEngineState
        lastTicket = store.lastTicket
        // Another daemon's settlements make room too.
        if !roomWaiters.isEmpty { wakeRoomWaiters() }
    }

    /// Waits until no other step runs, then holds the turn.
    private func enterStep() async {
        guard stepping else {
            stepping = true
            return
        }
        await withCheckedContinuation { waitingSteps.append($0) }
    }

    /// Hands the turn to the next waiting step, if any.
    private func leaveStep() {
        if waitingSteps.isEmpty {
            stepping = false
        } else {
            waitingSteps.removeFirst().resume()
        }
    }

    private func commit(_ facts: [Fact]) async throws {
        guard !facts.isEmpty else { return }
        state.apply(facts)
        if !roomWaiters.isEmpty { wakeRoomWaiters() }
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
        } catch let error as StoreError where store.isShared && error.isRefusal {
            // Nothing of it was written; `step` puts the state back.
            throw error
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
                releaseRoomWaiters(expiredAt: nil)
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
