import Foundation

/// Where anonymous feedback notes meet the reducer: `/cop feedback`, the convenors' reply button and form, and
/// the passing of time that delivers batches.
///
/// A note is stored as its text and day only. It waits in memory (see `FeedbackFact.noteReceived`) until at least
/// `batchSize` notes are pending or `periodDays` have passed since the oldest, then every convenor gets the whole
/// batch by DM in random order. A convenor can answer a batch once, in the channel, to all its authors at once.
enum FeedbackDesk: FeatureDesk {
    /// Feedback batches carry buttons `feedback.…` for convenors.
    static let actionFeature: String? = "feedback"
    /// A convenor's reply to a batch is a form `feedback.…`.
    static let formFeature: String? = "feedback"

    /// The prefix of the reply button's action id and of the reply form's id: `feedback.reply.<batch>`.
    static let replyPrefix = "feedback.reply."

    /// Handles `/cop feedback TEXT`.
    static func handle(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects
    {
        guard case .feedback(let raw) = command else {
            replies.ephemeral("`/cop \(command.topic)` is not a feedback command.\nUsage: \(command.usage)")
            return FeatureEffects()
        }
        let settings = context.reducer.settings.feedback
        let text = raw.trimmingWhitespace
        guard text.count <= settings.maximumLength else {
            replies.ephemeral(
                "Your note is \(text.count) characters; notes can be up to \(settings.maximumLength). "
                    + "Please shorten it and send it again.\nUsage: \(command.usage)")
            return FeatureEffects()
        }
        let note = FeedbackNote(text: text, day: RhythmDay(context.now, in: context.profile.timeZone))
        replies.ephemeral(
            "Thank you, your note is in. It is stored without your name and reaches the convenors together with "
                + "others (at least \(settings.batchSize) notes, or after \(settings.periodDays) days), in random "
                + "order, showing the day but not the time.")
        // No log line here: its time would match the author's command in the journal.
        return FeatureEffects(facts: [.feedback(.noteReceived(note))])
    }

    /// Handles a click on the reply button of a batch: convenors get the reply form, anyone else a refusal.
    static func handleAction(
        _ actionID: String, messageID: String, _ context: CommandContext, replies: inout ReplyBuilder
    )
        -> FeatureEffects
    {
        guard let number = batchNumber(actionID), let batch = context.state.feedback.batch(number) else {
            replies.ephemeral("That button belongs to a feedback batch that is no longer kept, so nothing happened.")
            return FeatureEffects()
        }
        guard context.isConvenor else {
            replies.ephemeral(
                "Only convenors can reply to feedback. To add your own, send `/cop feedback TEXT`: it is anonymous.")
            return FeatureEffects()
        }
        guard !batch.isAnswered else {
            replies.ephemeral("A convenor has already replied to the notes of \(batch.dayRange); one reply per batch.")
            return FeatureEffects()
        }
        replies.form(
            "Reply to the \(batch.noteCount) notes of \(batch.dayRange). Your reply is posted in "
                + "#\(context.profile.channel) for all of their authors at once; nobody can be answered alone.",
            form: MessageForm(
                id: "\(replyPrefix)\(number)", title: "Reply to feedback (\(batch.dayRange))",
                fields: [
                    FormField(
                        id: "reply", label: "Your reply to everyone who wrote these notes", kind: .textarea,
                        required: true)
                ],
                submitLabel: "Post in #\(context.profile.channel)"))
        return FeatureEffects()
    }

    /// Handles a submitted reply form: the reply goes to the channel, addressed to all the batch's authors.
    static func handleForm(
        _ formID: String, values: [String: FormValue], _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects {
        guard let number = batchNumber(formID), let batch = context.state.feedback.batch(number) else {
            replies.ephemeral("This form belongs to a feedback batch that is no longer kept, so nothing was posted.")
            return FeatureEffects()
        }
        guard context.isConvenor else {
            replies.ephemeral("Only convenors can reply to feedback, so nothing was posted.")
            return FeatureEffects()
        }
        guard !batch.isAnswered else {
            replies.ephemeral("A convenor has already replied to the notes of \(batch.dayRange); one reply per batch.")
            return FeatureEffects()
        }
        let text: String
        switch values["reply"] {
        case .text(let typed): text = typed.trimmingWhitespace
        default: text = ""
        }
        guard !text.isEmpty else {
            replies.ephemeral("reply: write a reply before posting; it goes to everyone who wrote these notes.")
            return FeatureEffects()
        }
        let message = OutboundMessage(
            id: "\(context.inputID).feedback", audience: .channel,
            text: "💬 Re: your feedback (\(batch.noteCount) anonymous notes, \(batch.dayRange)), "
                + "from the convenors:\n\(text)")
        replies.ephemeral("Posted your reply in #\(context.profile.channel) for all the authors of this batch.")
        return FeatureEffects(facts: [
            .feedback(.replyPosted(batch: number)),
            .messageQueued(OutboxEntry(message: message, queuedAt: context.now)),
        ])
    }

    /// What must be written before the daemon stops: the pending notes, in a record of their own.
    static func shutdown(_ context: FeatureContext) -> FeatureEffects {
        let box = context.state.feedback
        guard box.unkeptSince != nil else { return FeatureEffects() }
        return FeatureEffects(facts: [.feedback(.pendingKept(box.pending))])
    }

    /// Delivers the pending notes when a batch is full or the period is over, and writes down yesterday's notes
    /// once a day; costs a comparison or two when nothing is due.
    static func tick(_ context: FeatureContext) -> FeatureEffects {
        let box = context.state.feedback
        guard let oldest = box.pending.first else { return FeatureEffects() }
        let settings = context.settings.feedback
        let today = RhythmDay(context.now, in: context.profile.timeZone)
        let periodOver = today >= oldest.day.addingDays(max(1, settings.periodDays))
        if box.pending.count >= max(1, settings.batchSize) || periodOver {
            return deliver(box, context)
        }
        if let unkept = box.unkeptSince, unkept < today {
            return FeatureEffects(facts: [.feedback(.pendingKept(box.pending))])
        }
        return FeatureEffects()
    }

    private static func deliver(_ box: FeedbackBox, _ context: FeatureContext) -> FeatureEffects {
        var generator = context.randomness.generator
        let notes = box.pending.shuffled(using: &generator)
        let batch = FeedbackBatch(
            number: box.nextBatch, noteCount: notes.count, firstDay: box.pending.first?.day ?? notes[0].day,
            lastDay: box.pending.last?.day ?? notes[0].day)
        let lines = notes.map { "• \($0.day): \($0.text)" }
        let text =
            "📬 \(notes.count) anonymous \(notes.count == 1 ? "note" : "notes") from members of "
            + "\(context.profile.name) (\(batch.dayRange)), in random order:\n\n" + lines.joined(separator: "\n")
            + "\n\nNotes carry no names and no times. You can answer all their authors at once in "
            + "#\(context.profile.channel) with the button below."
        var facts: [Fact] = [.feedback(.batchDelivered(batch))]
        for (index, convenor) in context.profile.convenorIDs.enumerated() {
            let message = OutboundMessage(
                id: "\(context.idPrefix).feedback.\(batch.number).\(index + 1)", audience: .direct(convenor),
                text: text, actions: [MessageAction(id: "\(replyPrefix)\(batch.number)", label: "Reply to all authors")]
            )
            facts.append(
                .messageQueued(OutboxEntry(message: message, queuedAt: context.now, respecting: context.profile)))
        }
        var log = ["feedback: delivered batch \(batch.number) of \(batch.noteCount) notes"]
        if context.profile.convenorIDs.isEmpty {
            log.append("feedback: the community has no convenors, so batch \(batch.number) reached nobody")
        }
        return FeatureEffects(facts: facts, notes: log)
    }

    private static func batchNumber(_ id: String) -> Int? {
        guard id.hasPrefix(replyPrefix) else { return nil }
        return Int(id.dropFirst(replyPrefix.count))
    }
}
