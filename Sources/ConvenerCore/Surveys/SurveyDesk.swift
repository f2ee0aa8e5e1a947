import Foundation

/// Where surveys meet the reducer: `/cop survey …`, submitted forms, the passing of time and the `survey.start`
/// rule action. Nothing is due at shutdown: waiting answers are already in their sealed pool file.
///
/// Anonymity by construction: an answer is kept with the member's id only in memory, in the pool of its survey
/// (on disk, the shell seals the pool without member ids, tokens apart from answers: `SealedPoolImage`); once the
/// pool holds a batch (at least k answers) one journaled fact records the batch's participation tokens sorted and
/// its answers shuffled. At close the results keep only aggregates covering at least k answers, and
/// the key, tokens and answers are dropped before the journal is compacted away.
enum SurveyDesk: FeatureDesk {
    /// Survey forms carry ids like `survey.S2`.
    static let formFeature: String? = "survey"

    /// The prefix of a survey form's id: `survey.S1`.
    static let formPrefix = "survey."

    /// Handles `/cop survey start|results|list`.
    static func handle(_ command: CopCommand, _ context: CommandContext, replies: inout ReplyBuilder) -> FeatureEffects
    {
        switch command {
        case .surveyStart(let request):
            switch open(request, context.feature, alsoInviting: context.member.id) {
            case .success(let (effects, record)):
                replies.ephemeral(
                    "Opened survey \(record.id) \"\(record.title)\": \(record.invited) members get it by direct "
                        + "message. It closes \(context.profile.clockText.dateTime(record.closesAt)); then its results "
                        + "are posted in #\(context.profile.channel), only as totals of at least \(record.threshold) "
                        + "answers. `/cop survey results \(record.id)` shows how many have answered.")
                return effects
            case .failure(let problem):
                replies.ephemeral("\(problem.message)\nUsage: \(command.usage)")
                return FeatureEffects()
            }
        case .surveyResults(let id):
            replies.ephemeral(resultsText(id, context, usage: command.usage))
            return FeatureEffects()
        case .surveyList:
            replies.ephemeral(listText(context.state.surveys, context.profile.clockText))
            return FeatureEffects()
        default:
            replies.ephemeral("`/cop \(command.topic)` is not a survey command.\nUsage: \(command.usage)")
            return FeatureEffects()
        }
    }

    /// Handles a submitted survey: validates it, takes one response per member (by participation token) and
    /// pools it in memory, or writes the whole pool as one shuffled batch when it is full.
    static func handleForm(
        _ formID: String, values: [String: FormValue], _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects {
        let id = String(formID.dropFirst(formPrefix.count))
        guard formID.hasPrefix(formPrefix), let record = context.state.surveys.survey(id) else {
            replies.ephemeral("This form is no longer open, so nothing was recorded.")
            return FeatureEffects()
        }
        guard record.isOpen, context.now < record.closesAt, let key = record.key else {
            replies.ephemeral("Survey \(id) \"\(record.title)\" has closed, so your answers were not recorded.")
            return FeatureEffects()
        }
        let (response, problems) = SurveyValidation.response(values, template: record.template)
        guard problems.isEmpty else {
            replies.ephemeral(
                "Nothing was recorded yet; please fix \(problems.count == 1 ? "this" : "these") and send again:\n"
                    + problems.map { "• \($0)" }.joined(separator: "\n"),
                fieldErrors: fieldErrors(problems, template: record.template))
            return FeatureEffects()
        }
        let token = key.token(scope: id, member: context.member.id)
        let pool = context.state.surveys.pools[id] ?? []
        guard !record.tokens.contains(token), !pool.contains(where: { $0.token == token }) else {
            replies.ephemeral(
                "You have already answered survey \(id). Each member answers once, and answers cannot be changed: "
                    + "nothing links them to you, not even for Convener.")
            return FeatureEffects()
        }
        replies.ephemeral(
            "Thank you! Your answers to \(id) are in, with no name attached. They are recorded together with others "
                + "in a shuffled batch, and results only ever show totals of at least \(record.threshold) answers.")
        let entry = SurveyPoolEntry(member: context.member.id, token: token, response: response)
        let batchSize = context.reducer.settings.surveys.effectiveBatchSize(threshold: record.threshold)
        guard pool.count + 1 >= batchSize else {
            return FeatureEffects(facts: [.survey(.answerPooled(survey: id, entry: entry))])
        }
        return flush(id, pool + [entry], context.feature)
    }

    /// Answers a click on the button that stands for survey form `formID` on a chat platform: the form again
    /// while the survey is open and the member has not answered, else a refusal that says why.
    static func reopen(_ formID: String, _ context: CommandContext, replies: inout ReplyBuilder) {
        let id = String(formID.dropFirst(formPrefix.count))
        guard formID.hasPrefix(formPrefix), let record = context.state.surveys.survey(id) else {
            replies.ephemeral("There is no survey behind this button any more, so there is nothing to answer.")
            return
        }
        guard record.isOpen, context.now < record.closesAt, let key = record.key else {
            replies.ephemeral(
                "Survey \(id) \"\(record.title)\" has closed, so it takes no more answers. Its results are in "
                    + "#\(context.profile.channel).")
            return
        }
        let token = key.token(scope: id, member: context.member.id)
        let pooled = context.state.surveys.pools[id]?.contains { $0.token == token } ?? false
        guard !record.tokens.contains(token), !pooled else {
            replies.ephemeral(
                "You have already answered survey \(id), thank you! Each member answers once, and answers cannot "
                    + "be changed: nothing links them to you.")
            return
        }
        replies.form(
            "📋 \(record.title) (\(id)): answer once; your name is never stored with your answers.",
            form: form(of: record))
    }

    /// The form members fill in for `record`.
    static func form(of record: SurveyRecord) -> MessageForm {
        MessageForm(
            id: formPrefix + record.id, title: record.template.title,
            fields: record.template.questions.map(\.field), submitLabel: "Send anonymously")
    }

    /// The problems of fields the form has, by field id, for platforms that show them next to the fields.
    private static func fieldErrors(_ problems: [SurveyFieldProblem], template: SurveyTemplate) -> [String: String] {
        let fields = Set(template.questions.map(\.id))
        var errors: [String: String] = [:]
        for problem in problems where fields.contains(problem.field) {
            let message = problem.message.prefix(1).uppercased() + problem.message.dropFirst()
            errors[problem.field] = errors[problem.field].map { $0 + " " + message } ?? message
        }
        return errors
    }

    /// Whether `action` is `survey.start`.
    static func performs(_ action: RuleEffectAction) -> Bool {
        if case .startSurvey = action { return true }
        return false
    }

    /// Carries out `survey.start`: opens the named template with the default threshold and duration.
    static func perform(_ effect: RuleEffect, _ context: FeatureContext) -> FeatureEffects {
        guard case .startSurvey(let template) = effect.action else {
            return FeatureEffects(notes: [
                "rule \(effect.ruleID) asked surveys for \(effect.action), which they do not do"
            ])
        }
        switch open(CommandSurveyRequest(template: template), context, alsoInviting: nil) {
        case .success(let (effects, record)):
            var done = effects
            done.notes.append("rule \(effect.ruleID) opened survey \(record.id) (\(template))")
            return done
        case .failure(let problem):
            return FeatureEffects(notes: [
                "rule \(effect.ruleID) could not open survey '\(template)': \(problem.message)"
            ])
        }
    }

    /// Closes every survey whose deadline has passed; costs a scan of the open surveys when nothing is due.
    static func tick(_ context: FeatureContext) -> FeatureEffects {
        var effects = FeatureEffects()
        for record in context.state.surveys.surveys where record.isOpen && record.closesAt <= context.now {
            effects.append(close(record, context))
        }
        return effects
    }

    /// Raises the threshold of an open survey to `threshold`; refuses to lower it or to keep it the same.
    static func raiseThreshold(_ id: String, to threshold: Int, _ context: FeatureContext)
        -> Result<FeatureEffects, SurveyProblem>
    {
        guard let record = context.state.surveys.survey(id) else {
            return .failure(SurveyProblem("There is no survey \(id); `/cop survey list` shows them all."))
        }
        guard record.isOpen else {
            return .failure(SurveyProblem("Survey \(id) has closed; its threshold is fixed."))
        }
        guard threshold > record.threshold else {
            return .failure(
                SurveyProblem(
                    "The threshold of \(id) is \(record.threshold) and can only rise; \(threshold) would not "
                        + "raise it."))
        }
        return .success(FeatureEffects(facts: [.survey(.thresholdRaised(survey: id, threshold: threshold))]))
    }

    // MARK: - Opening

    private static func open(_ request: CommandSurveyRequest, _ context: FeatureContext, alsoInviting: MemberID?)
        -> Result<(FeatureEffects, SurveyRecord), SurveyProblem>
    {
        let settings = context.settings.surveys
        guard let template = settings.template(request.template) else {
            let names = settings.templates.map(\.id)
            return .failure(
                SurveyProblem(
                    "There is no survey template '\(request.template)'. Templates: "
                        + "\(Array(Set(names)).sorted().joined(separator: ", "))."))
        }
        let threshold = request.anonymityThreshold ?? settings.threshold
        guard threshold >= SurveySettings.minimumThreshold else {
            return .failure(
                SurveyProblem(
                    "k must be at least \(SurveySettings.minimumThreshold), not \(threshold), so that no answer can "
                        + "be traced to a person."))
        }
        let closesAt =
            request.closes?.date(now: context.now, timeZone: context.profile.timeZone)
            ?? context.now.addingTimeInterval(TimeInterval(max(60, settings.duration)))
        guard closesAt > context.now else {
            return .failure(SurveyProblem("That closing time has already passed; give a later one, like --closes 7d."))
        }
        let id = "S\(context.state.surveys.nextNumber)"
        var members = Set(context.state.members.keys)
        if let alsoInviting { members.insert(alsoInviting) }
        let invitees = members.sorted()
        let record = SurveyRecord(
            id: id, template: template, threshold: threshold, opensAt: context.now, closesAt: closesAt,
            invited: invitees.count, key: AnonymityKey(randomness: context.randomness))
        let form = form(of: record)
        let closes = context.profile.clockText.dateTime(closesAt)
        let text =
            "📋 \(template.title) (\(id)) from \(context.profile.name). \(template.intro)\n"
            + "It closes \(closes). You can answer once; your name is never stored with your answers, and results "
            + "only show totals of at least \(threshold) answers."
        var facts: [Fact] = [.survey(.opened(record))]
        for (index, member) in invitees.enumerated() {
            let message = OutboundMessage(
                id: "\(context.idPrefix).invite.\(index + 1)", audience: .direct(member), text: text, form: form)
            facts.append(
                .messageQueued(OutboxEntry(message: message, queuedAt: context.now, respecting: context.profile)))
        }
        let announcement = OutboundMessage(
            id: "\(context.idPrefix).survey", audience: .channel,
            text: "📋 Survey \(id) \"\(template.title)\" is open until \(closes): look for it in your direct "
                + "messages. It is anonymous, and results show only totals of at least \(threshold) answers.")
        facts.append(.messageQueued(OutboxEntry(message: announcement, queuedAt: context.now)))
        let effects = FeatureEffects(
            facts: facts, notes: ["survey \(id) opened from template \(template.id), \(invitees.count) invited"])
        return .success((effects, record))
    }

    // MARK: - Batches and closing

    /// One journaled batch of `entries`: tokens sorted, answers shuffled, and the members' survey activity
    /// counted in id order.
    private static func flush(_ id: String, _ entries: [SurveyPoolEntry], _ context: FeatureContext)
        -> FeatureEffects
    {
        var generator = context.randomness.generator
        let responses = entries.map(\.response).shuffled(using: &generator)
        var facts: [Fact] = [
            .survey(.batchRecorded(survey: id, tokens: entries.map(\.token).sorted(), responses: responses))
        ]
        facts += activity(entries, context)
        return FeatureEffects(facts: facts, notes: ["survey \(id): recorded a shuffled batch of \(entries.count)"])
    }

    private static func activity(_ entries: [SurveyPoolEntry], _ context: FeatureContext) -> [Fact] {
        entries.compactMap(\.member).sorted().map { .activityRecorded(member: $0, kind: .survey, at: context.now) }
    }

    private static func close(_ record: SurveyRecord, _ context: FeatureContext) -> FeatureEffects {
        let pool = context.state.surveys.pools[record.id] ?? []
        var generator = context.randomness.generator
        let responses = record.batches.flatMap { $0 } + pool.map(\.response)
        let results = SurveyResults.tally(
            record.template, responses: responses, threshold: record.threshold,
            shuffleTexts: { $0.shuffle(using: &generator) })
        var facts = activity(pool, context)
        facts.append(.survey(.closed(survey: record.id, at: context.now, results: results)))
        // Invitations still waiting in the outbox are pointless now; they leave it with the survey.
        for entry in context.state.outbox where entry.message.form?.id == formPrefix + record.id {
            facts.append(.messageSettled(id: entry.message.id, at: context.now))
        }
        let text =
            results.responses >= record.threshold
            ? "📋 Survey \(record.id) \"\(record.title)\" has closed with \(results.responses) responses. "
                + "Thank you all!\n\n" + results.lines.joined(separator: "\n")
            : "📋 Survey \(record.id) \"\(record.title)\" has closed with \(results.responses) responses, fewer "
                + "than \(record.threshold), so no results are shown: that keeps every answer anonymous."
        let message = OutboundMessage(id: "\(context.idPrefix).\(record.id).results", audience: .channel, text: text)
        facts.append(.messageQueued(OutboxEntry(message: message, queuedAt: context.now)))
        let event = RuleEvent(
            type: "survey.closed",
            payload: [
                "surveyId": .string(record.id), "title": .string(record.title),
                "responses": .int(Int64(results.responses)),
            ])
        return FeatureEffects(
            facts: facts, events: [FeatureEvent(event: event, member: nil)],
            notes: ["survey \(record.id) closed with \(results.responses) responses; its key and tokens are gone"],
            compactsJournal: true)
    }

    // MARK: - Reading

    private static func resultsText(_ id: String, _ context: CommandContext, usage: String) -> String {
        guard let record = context.state.surveys.survey(id) else {
            return "There is no survey \(id). `/cop survey list` shows them all.\nUsage: \(usage)"
        }
        guard context.isConvenor || !record.isOpen else {
            return "Only convenors can look at the results of an open survey; everyone sees them in "
                + "#\(context.profile.channel) when \(id) closes."
        }
        let clock = context.profile.clockText
        if let results = record.results {
            let head =
                "Survey \(record.id) \"\(record.title)\": closed, \(results.responses) responses of "
                + "\(record.invited) invited (k = \(record.threshold))."
            return ([head] + results.lines).joined(separator: "\n")
        }
        // One release only, at close: two views of a growing survey could be subtracted to single out answers.
        return "Survey \(record.id) \"\(record.title)\": open until \(clock.dateTime(record.closesAt)), "
            + "\(record.responseCount) responses recorded so far of \(record.invited) invited "
            + "(k = \(record.threshold)). Results are shown once, when it closes, and only totals of at least "
            + "\(record.threshold) answers: comparing two views of a growing survey could single out an answer. "
            + "Answers are recorded in shuffled batches, so the latest few are not counted here yet."
    }

    private static func listText(_ book: SurveyBook, _ clock: CommunityClockText) -> String {
        guard !book.surveys.isEmpty else {
            return "No surveys yet. A convenor opens one with `/cop survey start community-health`."
        }
        let lines = book.surveys.suffix(20).map { record in
            record.isOpen
                ? "• \(record.id) \"\(record.title)\": open until \(clock.dateTime(record.closesAt)), "
                    + "\(record.responseCount) responses so far (k = \(record.threshold))"
                : "• \(record.id) \"\(record.title)\": closed, \(record.responseCount) responses"
        }
        return "Surveys:\n" + lines.joined(separator: "\n")
    }
}
