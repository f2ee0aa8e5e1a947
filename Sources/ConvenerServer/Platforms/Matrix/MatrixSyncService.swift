import ConvenerCore
import ConvenerPlatforms
import Foundation
import Logging
import ServiceLifecycle

/// Matrix's inbound: long-polls `/sync` (30 s) as the bot and hands every event to the pull pipeline in order.
///
/// The sync token moves only after every event of its batch is durably handled, and each event handled in the
/// batch is recorded as it goes, so a restart (even after kill -9) neither skips an event nor runs a handled one
/// again; only an event whose handling was journalled in the instant before the crash, and not yet recorded, can
/// run twice (its replies keep their transaction ids). On the first start (no token yet) the rooms' history is skipped:
/// only what happens from then on is answered. Errors back off from 1 s to 60 s. With several daemons on one
/// database, only the holder of the `matrix.sync` lease syncs; the position and the handled events are rows they
/// share, so the next holder continues where the last one stopped.
struct MatrixSyncService: Service {
    /// The bot's account.
    let session: MatrixSession
    /// The rooms the communities are bound to, by id or alias, from their `matrix_room(s)` bindings.
    let boundRooms: [String]
    /// Which community an event belongs to.
    let directory: CommunityDirectory
    /// The time.
    let clock: any WallClock
    /// Where sync problems are logged.
    let logger: Logger
    /// Holds the lease of the one daemon that syncs, for the given seconds (several daemons share one database and
    /// one bot account: each event must be handled once). Without a shared database, always true.
    var lease: @Sendable (_ seconds: Int) async -> Bool = { _ in true }
    /// How long one long-poll waits for events.
    var pollTimeout: Duration = .seconds(30)
    /// How often a daemon that does not hold the sync lease asks for it again.
    var standby: Duration = .seconds(5)

    /// What an invite to a room no community lives in is told (the bot leaves with it as the reason).
    static let refusal =
        "Convener only joins the rooms its communities are bound to. Ask a convenor to add this room as "
        + "matrix_room in Convener's config, then invite the bot again."
    /// What an encrypted room is told.
    static let encryptedNotice =
        "Convener cannot read end-to-end encrypted rooms, so it cannot take part here. Use an unencrypted room "
        + "for the community, and talk to Convener privately in the 1:1 room it opens with you."

    func run() async throws {
        guard let started = await start() else { return }
        let (platform, botUserID) = started
        let pipeline = PlatformPullPipeline(platform: platform, directory: directory, clock: clock, logger: logger)
        var backoff = ReconnectBackoff()
        // Long enough for one long-poll and the handling of its batch; renewed before and after each.
        let leaseSeconds = Int(pollTimeout.components.seconds) + 15
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard await lease(leaseSeconds) else {
                // Another daemon syncs; this one takes over once that one's lease runs out.
                let wait = standby
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                continue
            }
            let since = await session.nextBatch()
            let handled = await session.handledEvents()
            do {
                var batch = try await cancelWhenGracefulShutdown {
                    try await session.client.sync(since: since, timeout: pollTimeout)
                }
                // A daemon that paused past its lease leaves the batch to the new holder, which syncs from the same
                // position.
                guard await lease(leaseSeconds) else { continue }
                if let since { batch = try await backfilled(batch, since: since) }
                await session.learn(names: batch.memberNames)
                for invite in batch.invites { await answer(invite, platform: platform) }
                for room in batch.encryptedRooms where since != nil { await warnEncrypted(room) }
                if since != nil {
                    for event in batch.newEvents(botUserID: botUserID) where !handled.contains(event.eventID) {
                        let (inbound, finishesForm) = await inbound(event, platform: platform, botUserID: botUserID)
                        try await pipeline.handle(inbound)
                        if let finishesForm { try await session.setConversation(nil, for: finishesForm) }
                        try await session.markHandled(event.eventID)
                    }
                }
                try await session.advance(to: batch.nextBatch)
                backoff.succeeded()
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.warning(
                    "Matrix sync failed; retrying", metadata: ["error": "\(error)", "retry.in": "\(backoff.next)"])
                await backoff.pause()
            }
        }
    }

    /// The most pages of history fetched for one room's gap (100 events each); older missed events are skipped.
    static let maxHistoryPages = 50

    /// `batch` with the events its limited timelines left out, fetched backwards from each timeline's `prev_batch`
    /// down to `since` (where the previous sync ended), oldest first in front of the room's timeline, so each is
    /// handled in order like any other.
    private func backfilled(_ batch: MatrixSyncBatch, since: String) async throws -> MatrixSyncBatch {
        var filled = batch
        for gap in batch.gaps {
            var missed: [MatrixEvent] = []
            var from = gap.previousBatch
            var pages = 0
            while pages < Self.maxHistoryPages {
                let page = try await session.client.messages(room: gap.roomID, from: from, to: since)
                await session.learn(names: page.memberNames)
                missed += page.events
                pages += 1
                guard let end = page.end, !page.events.isEmpty, end != from else { break }
                from = end
            }
            if pages == Self.maxHistoryPages {
                logger.warning(
                    "Matrix: a room had more missed events than Convener fetches; the oldest are skipped",
                    metadata: ["matrix.room": "\(gap.roomID)", "events": "\(missed.count)"])
            }
            filled = filled.filling(gap.roomID, with: missed.reversed())
        }
        return filled
    }

    /// Resolves the bot's id and the bound rooms (retrying while the homeserver is away) and joins the bound rooms
    /// the bot can join unasked (public ones); nil when shutting down first.
    private func start() async -> (MatrixPlatform, String)? {
        var backoff = ReconnectBackoff()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let user = try await session.userID()
                var bindings: [String: String] = [:]
                for binding in boundRooms {
                    let room = try await session.roomID(for: binding)
                    bindings[room] = binding
                }
                for room in bindings.keys {
                    do {
                        try await session.client.call("POST", "/join/\(MatrixClient.escape(room))")
                    } catch {
                        logger.info(
                            "Matrix: not in a bound room yet; invite the bot to it",
                            metadata: ["matrix.room": "\(room)", "error": "\(error)"])
                    }
                }
                return (MatrixPlatform(session: session, bindings: bindings), user)
            } catch {
                logger.warning(
                    "Matrix: cannot reach the homeserver or resolve a bound room; retrying",
                    metadata: ["error": "\(error)", "retry.in": "\(backoff.next)"])
                await backoff.pause()
            }
        }
        return nil
    }

    /// The inbound of `event`, with the room named as bound; in a 1:1 room, `CODE N` is the click it stands for
    /// and a reply to a form's question is its answer. Also the member whose form the inbound submits, if any.
    private func inbound(_ event: MatrixEvent, platform: MatrixPlatform, botUserID: String) async -> (
        PlatformInbound, finishesForm: String?
    ) {
        let subject = event.type == MatrixEvents.memberType ? event.stateKey ?? event.sender : event.sender
        let name = subject == botUserID ? nil : await session.displayName(of: subject)
        if event.sender != botUserID, let response = MatrixPollResponse(event) {
            // Only the polls Convener started count, and none after its end event.
            guard let poll = await session.poll(startedBy: response.pollEventID), !poll.isEnded else {
                return (.ignored(reason: "a response to a poll Convener does not count"), nil)
            }
            guard case .input(var request) = MatrixEvents.vote(event, response: response, poll: poll, displayName: name)
            else { return (.ignored(reason: "a poll response"), nil) }
            request.context = platform.bound(request.context)
            return (.input(request), nil)
        }
        switch MatrixEvents.inbound(event, botUserID: botUserID, displayName: name) {
        case .memberJoined(var change), .memberLeft(var change):
            // Only a community's rooms have joins and leaves that matter; a 1:1 room's are the bot's own doing.
            guard let binding = platform.bindings[event.roomID] else { return (.ignored(reason: "a 1:1 room"), nil) }
            change.channelID = binding
            let joined = event.content["membership"]?.stringValue == "join"
            return (joined ? .memberJoined(change) : .memberLeft(change), nil)
        case .reaction(var reaction):
            reaction.channelID = platform.bindings[event.roomID] ?? event.roomID
            return (.reaction(reaction), nil)
        case .input(var request):
            request.context = platform.bound(request.context)
            if case .command(let text) = request.input.event {
                let html = event.content["formatted_body"]?.stringValue
                let known = await session.knownUsers()
                request.input.event = .command(MatrixMentions.resolved(text, formattedBody: html, knownUsers: known))
            }
            guard case .message(let text) = request.input.event, platform.isDirect(request.context) else {
                return (.input(request), nil)
            }
            if let choice = MatrixRenderer.choice(in: text),
                let click = await session.click(code: choice.code, number: choice.number)
            {
                request.input.event = .action(messageID: click.messageID, actionID: click.actionID)
                return (.input(request), nil)
            }
            guard let conversation = await session.conversation(of: event.sender) else { return (.input(request), nil) }
            switch conversation.answering(text) {
            case .ask(let next, let question):
                do {
                    try await session.setConversation(next, for: event.sender)
                    await say(question, in: event.roomID, answering: event.eventID)
                } catch {
                    logger.warning("Matrix: a form answer was not kept", metadata: ["error": "\(error)"])
                }
                return (.ignored(reason: "a form answer"), nil)
            case .submit(let formID, let values):
                request.input.event = .form(formID: formID, values: values)
                return (.input(request), event.sender)
            case .cancelled:
                try? await session.setConversation(nil, for: event.sender)
                await say("Stopped: nothing was submitted.", in: event.roomID, answering: event.eventID)
                return (.ignored(reason: "a form cancelled"), nil)
            }
        case let other:
            return (other, nil)
        }
    }

    /// Sends `text` to `room` at once, as the answer to the event `eventID` (its transaction id derives from it).
    private func say(_ text: String, in room: String, answering eventID: String) async {
        let message = OutboundMessage(id: "matrix.answer.\(eventID)", audience: .channel, text: text)
        do {
            _ = try await session.client.send(
                room: room, type: MatrixEvents.messageType,
                transactionID: MatrixDelivery.transactionID(message, editing: nil),
                content: MatrixRenderer.content(message))
        } catch {
            logger.warning("Matrix: an answer was not sent", metadata: ["error": "\(error)"])
        }
    }

    /// Joins a bound room, or a 1:1 room a member opened; refuses every other invite with the reason.
    private func answer(_ invite: MatrixInvite, platform: MatrixPlatform) async {
        let room = MatrixClient.escape(invite.roomID)
        let isBound =
            platform.bindings[invite.roomID] != nil || invite.aliases.contains { boundRooms.contains($0) }
        do {
            if invite.isEncrypted, isBound || invite.isDirect {
                try await session.client.call("POST", "/join/\(room)")
                await warnEncrypted(invite.roomID)
                try await session.client.call(
                    "POST", "/rooms/\(room)/leave", body: ["reason": .string(Self.encryptedNotice)])
            } else if isBound {
                try await session.client.call("POST", "/join/\(room)")
            } else if invite.isDirect, let member = invite.inviter {
                try await session.client.call("POST", "/join/\(room)")
                try await session.adoptDirectRoom(invite.roomID, for: member)
            } else {
                try await session.client.call("POST", "/rooms/\(room)/leave", body: ["reason": .string(Self.refusal)])
            }
        } catch {
            logger.warning(
                "Matrix: could not answer an invite",
                metadata: ["matrix.room": "\(invite.roomID)", "error": "\(error)"])
        }
    }

    /// Says plainly, unencrypted, that the bot cannot read the room.
    private func warnEncrypted(_ room: String) async {
        await say(Self.encryptedNotice, in: room, answering: "encrypted.\(room)")
    }
}
