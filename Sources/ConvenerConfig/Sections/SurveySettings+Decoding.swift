import ConvenerCore

/// The `surveys` section: defaults for new surveys and the convenors' own templates.
extension SurveySettings {
    /// The keys allowed in `surveys`.
    static let keys = ["k", "closes_after", "batch_size", "templates"]
    /// The keys of one template.
    static let templateKeys = ["id", "title", "intro", "questions"]
    /// The keys of one question.
    static let questionKeys = ["id", "kind", "text", "required", "options"]

    /// Reads the section over the defaults; every problem lands in `context`.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> SurveySettings? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var settings = SurveySettings.defaults
        if let value = table.optional("k", &context) {
            settings.threshold =
                value.boundedWholeNumber(
                    &context, in: minimumThreshold...1_000, what: "an anonymity threshold",
                    why: "fewer than 3 answers could be traced to a person") ?? settings.threshold
        }
        if let value = table.optional("closes_after", &context), let text = value.string(&context) {
            if let duration = CommandDuration.parse(text) {
                settings.duration = duration.seconds
            } else {
                context.report(value, "\(ConfigField.quoted(text)) is not a duration; use 30m, 2h, 3d or 2w")
            }
        }
        if let value = table.optional("batch_size", &context) {
            settings.batchSize =
                value.boundedWholeNumber(&context, in: minimumThreshold...1_000, what: "a batch size")
                ?? settings.batchSize
        }
        if let value = table.optional("templates", &context), let items = value.list(&context) {
            var seen: Set<String> = []
            for item in items {
                guard let template = item.surveyTemplate(&context) else { continue }
                guard seen.insert(template.id).inserted else {
                    context.report(item, "template '\(template.id)' is defined twice; give each template its own id")
                    continue
                }
                settings.templates.append(template)
            }
        }
        return settings
    }
}

extension ConfigField {
    /// One survey template: `{id, title, intro?, questions}`.
    fileprivate func surveyTemplate(_ context: inout ConfigContext) -> SurveyTemplate? {
        guard let table = table(&context, keys: SurveySettings.templateKeys) else { return nil }
        let id = table.required("id", &context, hint: "give the template a name, like pulse")?.identifier(&context)
        let title = table.required("title", &context, hint: "give the template a title members will read")?
            .text(&context, length: 1...120)
        let intro = table.optional("intro", &context)?.text(&context, length: 0...600) ?? ""
        var questions: [SurveyQuestion] = []
        if let field = table.required("questions", &context, hint: "list at least one question"),
            let items = field.list(&context)
        {
            if items.isEmpty || items.count > 30 {
                context.report(field, "a template needs 1 to 30 questions, got \(items.count)")
            }
            for item in items {
                guard let question = item.surveyQuestion(&context) else { continue }
                if questions.contains(where: { $0.id == question.id }) {
                    context.report(item, "question id '\(question.id)' is used twice; give each question its own id")
                    continue
                }
                questions.append(question)
            }
        }
        guard let id, let title, !questions.isEmpty else { return nil }
        return SurveyTemplate(id: id, title: title, intro: intro, questions: questions)
    }

    /// One question: `{id, kind, text, required?, options?}`.
    private func surveyQuestion(_ context: inout ConfigContext) -> SurveyQuestion? {
        guard let table = table(&context, keys: SurveySettings.questionKeys) else { return nil }
        let id = table.required("id", &context, hint: "give the question a short id, like pace")?
            .identifier(&context)
        let kinds = SurveyQuestion.Kind.allCases.map { (word: $0.rawValue, value: $0) }
        let kind = table.required("kind", &context, hint: "use scale, single, multi or text")?
            .choice(&context, what: "a question kind", options: kinds)
        let text = table.required("text", &context, hint: "write the question")?.text(&context, length: 1...300)
        var required = false
        if let field = table.optional("required", &context) {
            required =
                field.choice(
                    &context, what: "true or false",
                    options: [("true", true), ("false", false), ("yes", true), ("no", false)],
                    shown: ["true", "false"]) ?? false
        }
        var options: [SurveyOption] = []
        let optionsField = table.optional("options", &context)
        if let kind {
            switch (kind, optionsField) {
            case (.single, nil), (.multi, nil):
                context.report(self, "a \(kind.rawValue) question needs options: a list of 2 to 20 choices")
            case (.single, let field?), (.multi, let field?):
                options = field.surveyOptions(&context) ?? []
            case (.scale, let field?), (.text, let field?):
                context.report(field, "options only apply to single and multi questions; remove them")
            case (.scale, nil), (.text, nil):
                break
            }
        }
        guard let id, let kind, let text else { return nil }
        if (kind == .single || kind == .multi) && options.count < 2 { return nil }
        return SurveyQuestion(id: id, text: text, kind: kind, required: required, options: options)
    }

    /// The choices of a question: 2 to 20 labels, or `{id, label}` mappings, with unique ids.
    private func surveyOptions(_ context: inout ConfigContext) -> [SurveyOption]? {
        guard let items = list(&context) else { return nil }
        guard (2...20).contains(items.count) else {
            context.report(self, "a question needs 2 to 20 options, got \(items.count)")
            return nil
        }
        var options: [SurveyOption] = []
        for item in items {
            let option: SurveyOption?
            if case .mapping = item.node.value {
                guard let table = item.table(&context, keys: ["id", "label"]) else { continue }
                let id = table.required("id", &context, hint: "give the option an id")?.identifier(&context)
                let label = table.required("label", &context, hint: "write what members read")?
                    .text(&context, length: 1...100)
                option = id.flatMap { id in label.map { SurveyOption(id: id, label: $0) } }
            } else {
                option = item.text(&context, length: 1...100).map { SurveyOption(label: $0) }
            }
            guard let option else { continue }
            if options.contains(where: { $0.id == option.id }) {
                context.report(item, "option id '\(option.id)' is used twice in this question; make the labels differ")
                continue
            }
            options.append(option)
        }
        return options.count == items.count ? options : nil
    }

    /// A name of letters, digits, `-`, `_` and `.`, 1 to 40 characters.
    private func identifier(_ context: inout ConfigContext) -> String? {
        guard let text = string(&context) else { return nil }
        let allowed = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard allowed, (1...40).contains(text.count) else {
            context.report(self, "\(Self.quoted(text)) is not an id; use 1 to 40 letters, digits, - and _")
            return nil
        }
        return text
    }
}
