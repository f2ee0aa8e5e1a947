import ConvenerCore

/// The top level of `convener.yaml`. A new section is one more key here and one `…+Decoding.swift` file.
extension ConvenerConfig {
    /// The keys allowed at the top level.
    static let keys = [
        "listen", "state_dir", "prompts_dir", "log_level", "admin_token", "playground", "communities", "platforms",
        "rules", "extra_prompts_dirs", "calendar_key", "email", "polls", "feedback", "surveys", "pairing", "engagement",
        "public_url", "store", "prompts",
    ]

    /// Reads the document root over the embedded defaults; every problem lands in `context`.
    static func decode(_ root: ConfigNode?, _ context: inout ConfigContext) -> ConvenerConfig {
        var config = ConvenerConfig.embeddedDefaults
        config.sourceFile = context.file
        // A document of only `---` or `~` is as empty as no document at all.
        guard let root, root.scalar?.kind != .null,
            let table = ConfigField(node: root, path: "").table(&context, keys: keys)
        else { return config }
        if let field = table.optional("listen", &context), let listen = field.listenAddress(&context) {
            config.listen = listen
        }
        if let field = table.optional("state_dir", &context), let path = field.filePath(&context) {
            config.stateDirectory = path
        }
        if let field = table.optional("prompts_dir", &context), let path = field.filePath(&context) {
            config.promptsDirectory = path
        }
        if let field = table.optional("extra_prompts_dirs", &context), let items = field.list(&context) {
            config.extraPromptsDirectories = items.compactMap { $0.filePath(&context) }
        }
        if let field = table.optional("public_url", &context), let url = field.url(&context) {
            config.publicURL = url
        }
        if let field = table.optional("log_level", &context) {
            let levels = ConfigLogLevel.allCases.map { (word: $0.rawValue, value: $0) }
            config.logLevel = field.choice(&context, what: "a log level", options: levels) ?? config.logLevel
        }
        if let field = table.optional("store", &context) {
            config.store = StoreConfig.decode(field, &context)
        }
        if let field = table.optional("email", &context) {
            config.email = EmailConfig.decode(field, &context)
        }
        if let field = table.optional("calendar_key", &context), let reference = field.secret(&context) {
            config.calendarKey = SecretSetting(reference, isDefault: false)
        }
        if let field = table.optional("admin_token", &context), let reference = field.secret(&context) {
            config.adminToken = SecretSetting(reference, isDefault: false)
        }
        if let field = table.optional("playground", &context) {
            config.playground = PlaygroundConfig.decode(field, &context) ?? config.playground
        }
        if let field = table.optional("communities", &context) {
            config.communities = CommunityConfig.decodeList(field, &context) ?? config.communities
        }
        if let field = table.optional("platforms", &context) {
            config.platforms = PlatformsConfig.decode(field, &context) ?? config.platforms
        }
        if let field = table.optional("polls", &context) {
            config.settings.polls = PollSettings.decode(field, &context) ?? config.settings.polls
        }
        if let field = table.optional("feedback", &context) {
            config.settings.feedback = FeedbackSettings.decode(field, &context) ?? config.settings.feedback
        }
        if let field = table.optional("surveys", &context) {
            config.settings.surveys = SurveySettings.decode(field, &context) ?? config.settings.surveys
        }
        if let field = table.optional("pairing", &context) {
            config.settings.pairing = PairingSettings.decode(field, &context) ?? config.settings.pairing
        }
        if let field = table.optional("engagement", &context) {
            config.settings.engagement = EngagementSettings.decode(field, &context) ?? config.settings.engagement
        }
        if let field = table.optional("prompts", &context) {
            config.settings.prompts = PromptSettings.decode(field, &context) ?? config.settings.prompts
        }
        if config.email == nil {
            // A community's mailing list needs an SMTP server to reach it.
            for (index, community) in config.communities.enumerated() where community.email != nil {
                let path = "communities[\(index)].email"
                if let position = context.positions[path] {
                    context.report(
                        at: position, path: path,
                        "mail needs the top-level email section (smtp_url, from); add it or remove this one")
                }
            }
        }
        config.sourcePositions = context.positions
        return config
    }
}

extension ConfigField {
    /// A `HOST:PORT` listen address.
    fileprivate func listenAddress(_ context: inout ConfigContext) -> ListenAddress? {
        guard let text = string(&context) else { return nil }
        do {
            return try ListenAddress(parsing: text)
        } catch {
            context.report(self, error.description)
            return nil
        }
    }
}
