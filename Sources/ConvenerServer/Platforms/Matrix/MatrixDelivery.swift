import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// Sends queued messages to Matrix as the bot: channel posts to the community's `matrix_room`, direct and private
/// messages to the member's 1:1 room, replies to commands in the room (and thread) they came from, edits as
/// `m.replace`. Each send's transaction id derives from the message, so a retry or a re-send after a crash is the
/// same transaction and the homeserver posts it once.
struct MatrixDelivery: DeliveryPlatform {
    /// The bot's account.
    let session: MatrixSession
    /// The community's room id or alias, when it has one.
    let channel: String?

    var name: String { MatrixEvents.platform }
    // Synapse's default `rc_message` allows a burst of 10 then 0.2 a second per sender; 429s beyond are retried.
    var pace: Duration { .milliseconds(200) }

    func destination(of entry: OutboxEntry) throws -> String? {
        guard let target = entry.replyTarget else { return postDestination(of: entry, channel: channel) }
        guard target.platform == name else { return nil }
        switch entry.message.audience {
        case .channel: return target.address["room"]
        case .direct(let member), .ephemeral(let member): return member.platform == name ? member.user : nil
        }
    }

    func send(
        _ entry: OutboxEntry, to destination: String, editing: PlatformMessageReference?
    ) async throws -> PlatformMessageReference? {
        let message = entry.message
        if let editing, let poll = await session.poll(startedBy: editing.messageID) {
            return try await update(poll, message: message, started: editing)
        }
        if !message.actions.isEmpty, !MatrixPolls.isNative(message) {
            try await session.remember(choicesOf: message, at: entry.queuedAt)
        }
        if let editing {
            _ = try await session.client.send(
                room: editing.channel, type: MatrixEvents.messageType,
                transactionID: Self.transactionID(message, editing: editing.messageID),
                content: MatrixRenderer.edit(message, replacing: editing.messageID))
            return editing
        }
        let room: String
        if destination.hasPrefix("@") {
            room = try await session.directRoom(for: destination)
        } else {
            room = try await session.roomID(for: destination)
        }
        let thread = message.audience == .channel ? entry.replyTarget?.address["thread"] : nil
        if MatrixPolls.isNative(message), let poll = message.poll, !poll.isClosed {
            return try await start(poll, message: message, in: room, at: entry.queuedAt)
        }
        var shown = message
        if let form = message.form, !form.fields.isEmpty, destination.hasPrefix("@") {
            // No modals on Matrix: the form is asked in the 1:1 room, one question at a time.
            let conversation = MatrixFormConversation(form: form)
            try await session.setConversation(conversation, for: destination)
            shown = OutboundMessage(
                id: message.id, audience: message.audience,
                text: "\(message.text)\n\n\(form.title): reply in this room, one answer a message; `cancel` stops."
                    + "\n\n\(conversation.question)")
        }
        guard
            let eventID = try await session.client.send(
                room: room, type: MatrixEvents.messageType, transactionID: Self.transactionID(shown, editing: nil),
                content: MatrixRenderer.content(shown, threadRoot: thread))
        else { return nil }
        if !message.attachments.isEmpty { try await sendAttachments(of: message, room: room, thread: thread) }
        return PlatformMessageReference(platform: name, channel: room, messageID: eventID)
    }

    /// Sends `poll` as a native poll start event in `room`, and keeps it so the responses to it are counted.
    private func start(
        _ poll: MessagePoll, message: OutboundMessage, in room: String, at now: Date
    ) async throws -> PlatformMessageReference? {
        guard
            let eventID = try await session.client.send(
                room: room, type: MatrixPolls.startType, transactionID: Self.transactionID(message, editing: nil),
                content: MatrixPolls.startContent(message, poll: poll))
        else { return nil }
        try await session.remember(
            poll: MatrixPoll(
                message: message.id, answers: poll.answers.map(\.id), maxSelections: poll.maxSelections, at: now),
            startedBy: eventID)
        return PlatformMessageReference(platform: name, channel: room, messageID: eventID)
    }

    /// An update of the native poll `started`: the end event once it closed (its text the final results). Edits of
    /// an open poll are not sent: clients count its responses themselves, and a poll start is not edited.
    private func update(
        _ poll: MatrixPoll, message: OutboundMessage, started: PlatformMessageReference
    ) async throws -> PlatformMessageReference {
        guard message.poll?.isClosed == true else { return started }
        _ = try await session.client.send(
            room: started.channel, type: MatrixPolls.endType,
            transactionID: Self.transactionID(message, editing: started.messageID),
            content: MatrixPolls.endContent(message, endingPoll: started.messageID))
        var ended = poll
        ended.isEnded = true
        try await session.remember(poll: ended, startedBy: started.messageID)
        return started
    }

    /// The transaction id of sending `message` (as an edit of `editing`): a digest of what makes the send unique,
    /// the same on every retry.
    static func transactionID(_ message: OutboundMessage, editing: String?) -> String {
        let key = [message.id, editing ?? "", message.text].joined(separator: "\u{1F}")
        return "cv" + String(SecretCrypto.hex(SecretCrypto.sha256(Array(key.utf8))).prefix(32))
    }
}
