/// Parses the text of a `/cop` chat command into a typed `CopCommand`, or a `CommandError` with usage.
public enum CommandParser {
    /// Parses `text`, the words after `/cop` (a leading `/cop ` is accepted too); empty text asks for help.
    ///
    /// Columns in errors count characters in `text` as given, starting at 1.
    public static func parse(_ text: String) -> Result<CopCommand, CommandError> {
        var run = CommandParseRun(text)
        do {
            return .success(try run.command())
        } catch {
            return .failure(error)
        }
    }
}

/// One flag a command accepts.
private struct CommandFlagSpec {
    let name: String
    let takesValue: Bool
    let example: String
}

/// The words after a subcommand, split into positional arguments and flags.
private struct CommandArguments {
    var positionals: [CommandToken] = []
    var values: [String: String] = [:]
    var switches: Set<String> = []
}

/// The state of parsing one command.
private struct CommandParseRun {
    private var scanner: CommandScanner

    init(_ text: String) {
        let characters = Array(text)
        var start = 0
        while start < characters.count, characters[start].isWhitespace {
            start += 1
        }
        let prefix = Array("/cop")
        let end = start + prefix.count
        if end <= characters.count, String(characters[start..<end]).lowercased() == "/cop",
            end == characters.count || characters[end].isWhitespace
        {
            start = end
        }
        scanner = CommandScanner(text, from: start)
    }

    mutating func command() throws(CommandError) -> CopCommand {
        guard let word = try next(usage: CommandTable.usage(forName: "help")) else {
            return .help(topic: nil)
        }
        switch word.text.lowercased() {
        case "help": return try help()
        case "poll": return try poll()
        case "feedback": return try feedback()
        case "survey": return try survey()
        case "kudos": return try kudos()
        case "pair": return try pair()
        case "away": return .away(try oneDuration(name: "away", label: "away"))
        case "back": return try none("back", label: "back", then: .back)
        case "roster": return try roster()
        case "prompt":
            return try simpleSubcommand(
                topic: "prompt",
                cases: [
                    "now": .promptNow, "next": .promptNext, "skip": .promptSkip, "stats": .promptStats,
                ])
        case "digest":
            return try simpleSubcommand(
                topic: "digest",
                cases: [
                    "preview": .digestPreview, "now": .digestNow,
                ])
        case "stats": return try none("stats", label: "stats", then: .stats)
        case "events": return try none("events", label: "events", then: .events)
        case "me": return try me()
        case "rules": return try rules()
        default: throw unknownCommand(word.text)
        }
    }

    // MARK: - Commands

    private mutating func help() throws(CommandError) -> CopCommand {
        let args = try arguments(label: "help", flags: [], usage: usage("help"))
        guard let first = args.positionals.first else {
            return .help(topic: nil)
        }
        let topicName = first.text.lowercased()
        guard let topic = CommandTable.topic(named: topicName) else {
            throw CommandHelp.unknownTopic(first.text)
        }
        // "help pair join" is read as "help pair".
        let extra = Array(args.positionals.dropFirst())
        if let second = extra.first {
            let namesSubcommand = topic.subcommands.contains(second.text.lowercased())
            if !namesSubcommand || extra.count > 1 {
                let offending = namesSubcommand ? extra[1] : second
                throw CommandError(
                    message: "help takes one topic; \"\(offending.text)\" is extra.", usage: usage("help"))
            }
        }
        return .help(topic: topic.name)
    }

    private mutating func poll() throws(CommandError) -> CopCommand {
        let topic = "poll"
        var probe = scanner
        let first = try? probe.next()
        if let first, !first.isQuoted {
            switch first.text.lowercased() {
            case "close":
                scanner = probe
                return .pollClose(try oneID(name: "poll.close", label: "poll close", kind: .poll))
            case "results":
                scanner = probe
                return .pollResults(try oneID(name: "poll.results", label: "poll results", kind: .poll))
            case "list":
                scanner = probe
                return try none("poll.list", label: "poll list", then: .pollList)
            default:
                break
            }
        }
        let args = try arguments(
            label: topic,
            flags: [
                CommandFlagSpec(name: "multi", takesValue: false, example: "--multi"),
                CommandFlagSpec(name: "max", takesValue: true, example: "--max 2"),
                CommandFlagSpec(name: "anonymous", takesValue: false, example: "--anonymous"),
                CommandFlagSpec(name: "hidden", takesValue: false, example: "--hidden"),
                CommandFlagSpec(name: "closes", takesValue: true, example: "--closes 2d"),
            ], usage: usage("poll.create"))
        return .pollCreate(try pollRequest(args))
    }

    private func pollRequest(_ args: CommandArguments) throws(CommandError) -> CommandPollRequest {
        let createUsage = usage("poll.create")
        let positionals = args.positionals
        guard let questionToken = positionals.first else {
            throw CommandError(
                message: "poll needs a question and 2 to 10 options, or one of close, results or list.",
                usage: topicUsage("poll"))
        }
        if !questionToken.isQuoted, positionals.count <= 2,
            let suggestion = CommandSuggestion.closest(to: questionToken.text, in: ["close", "results", "list"])
        {
            throw CommandError(
                message: "Unknown poll subcommand \"\(questionToken.text)\"; did you mean \(suggestion)?",
                usage: topicUsage("poll"))
        }
        let question = questionToken.text.trimmingCommandWhitespace()
        guard !question.isEmpty else {
            throw CommandError(
                message: "The poll question is empty; write it in quotes, like \"Lunch on Friday?\".",
                usage: createUsage)
        }
        let options = positionals.dropFirst().map { $0.text.trimmingCommandWhitespace() }
        switch options.count {
        case 0:
            throw CommandError(
                message: "The poll needs at least 2 options after the question; it has none.", usage: createUsage)
        case 1:
            throw CommandError(
                message: "The poll needs at least 2 options after the question; it has only 1.",
                usage: createUsage)
        case 11...:
            throw CommandError(
                message: "A poll takes at most 10 options; this one has \(options.count).", usage: createUsage)
        default:
            break
        }
        var seen: Set<String> = []
        for (offset, option) in options.enumerated() {
            guard !option.isEmpty else {
                throw CommandError(
                    message: "Option \(offset + 1) is empty; give it some text or leave it out.", usage: createUsage)
            }
            guard seen.insert(option.lowercased()).inserted else {
                throw CommandError(
                    message: "The option \"\(option)\" is listed twice; each option must be different.",
                    usage: createUsage)
            }
        }
        var maxChoices = args.switches.contains("multi") ? options.count : 1
        if let text = args.values["max"] {
            guard let value = Int(text), value >= 1 else {
                throw CommandError(
                    message: "--max needs a whole number from 1 to \(options.count) (the number of options), "
                        + "not \"\(text)\".",
                    usage: createUsage)
            }
            guard value <= options.count else {
                throw CommandError(
                    message: "--max \(value) is more than the \(options.count) options; "
                        + "use a number from 1 to \(options.count).",
                    usage: createUsage)
            }
            maxChoices = value
        }
        return CommandPollRequest(
            question: question, options: options, maxChoices: maxChoices,
            isAnonymous: args.switches.contains("anonymous"),
            hidesResultsUntilClosed: args.switches.contains("hidden"),
            closes: try deadline(args.values["closes"], usage: createUsage))
    }

    private mutating func feedback() throws(CommandError) -> CopCommand {
        let text = scanner.restOfLine()
        guard !text.isEmpty else {
            throw CommandError(
                message: "feedback needs some text: what would you like the convenors to know?",
                usage: usage("feedback"))
        }
        return .feedback(text)
    }

    private mutating func survey() throws(CommandError) -> CopCommand {
        let word = try subcommand(of: "survey")
        switch word {
        case "start":
            let startUsage = usage("survey.start")
            let args = try arguments(
                label: "survey start",
                flags: [
                    CommandFlagSpec(name: "closes", takesValue: true, example: "--closes 7d"),
                    CommandFlagSpec(name: "k", takesValue: true, example: "--k 5"),
                ], usage: startUsage)
            let template = try single(
                args, label: "survey start", what: "a template name, like pulse", one: "one template name",
                usage: startUsage)
            guard isIdentifier(template.text) else {
                throw CommandError(
                    message: "\"\(template.text)\" is not a template name; use letters, digits, - and _, "
                        + "like pulse.",
                    usage: startUsage)
            }
            var threshold: Int?
            if let text = args.values["k"] {
                guard let value = Int(text), value >= 3 else {
                    throw CommandError(
                        message: "--k needs a whole number of at least 3, not \"\(text)\", so that no "
                            + "answer can be traced to a person.",
                        usage: startUsage)
                }
                threshold = value
            }
            return .surveyStart(
                CommandSurveyRequest(
                    template: template.text, closes: try deadline(args.values["closes"], usage: startUsage),
                    anonymityThreshold: threshold))
        case "results":
            return .surveyResults(try oneID(name: "survey.results", label: "survey results", kind: .survey))
        default:
            return try none("survey.list", label: "survey list", then: .surveyList)
        }
    }

    private mutating func kudos() throws(CommandError) -> CopCommand {
        let kudosUsage = usage("kudos")
        guard let token = try next(usage: kudosUsage) else {
            throw CommandError(
                message: "kudos needs a member and what you appreciate, like @alice for the great demo.",
                usage: kudosUsage)
        }
        let mention = try member(token, usage: kudosUsage)
        let reason = scanner.restOfLine()
        guard !reason.isEmpty else {
            throw CommandError(
                message: "Say why \(token.text) deserves kudos, after the mention.", usage: kudosUsage)
        }
        return .kudos(mention, reason: reason)
    }

    private mutating func pair() throws(CommandError) -> CopCommand {
        switch try subcommand(of: "pair") {
        case "join":
            return .pairJoin(try pairJoin())
        case "leave":
            return try none("pair.leave", label: "pair leave", then: .pairLeave)
        case "pause":
            return .pairPause(try oneDuration(name: "pair.pause", label: "pair pause"))
        case "resume":
            return try none("pair.resume", label: "pair resume", then: .pairResume)
        case "status":
            return try none("pair.status", label: "pair status", then: .pairStatus)
        default:
            return .pairNot(try oneMember(name: "pair.not", label: "pair not", what: "a member, like @alice"))
        }
    }

    private mutating func pairJoin() throws(CommandError) -> CommandPairJoinRequest {
        let joinUsage = usage("pair.join")
        let args = try arguments(
            label: "pair join",
            flags: [
                CommandFlagSpec(name: "role", takesValue: true, example: "--role mentor"),
                CommandFlagSpec(name: "interests", takesValue: true, example: "--interests design,testing"),
                CommandFlagSpec(name: "tz", takesValue: true, example: "--tz Europe/Berlin"),
                CommandFlagSpec(name: "capacity", takesValue: true, example: "--capacity 2"),
            ], usage: joinUsage)
        if let extra = args.positionals.first {
            let hint =
                args.values["interests"]?.hasSuffix(",") == true
                ? "; write interests without spaces, like design,testing, or quote them" : ""
            throw CommandError(
                message: "pair join takes only flags; \"\(extra.text)\" is extra\(hint).", usage: joinUsage)
        }
        var role: CommandPairJoinRequest.Role?
        if let text = args.values["role"] {
            guard let value = CommandPairJoinRequest.Role(rawValue: text.lowercased()) else {
                let names = CommandPairJoinRequest.Role.allCases.map(\.rawValue)
                let hint = CommandSuggestion.closest(to: text, in: names).map { "; did you mean \($0)?" } ?? "."
                throw CommandError(
                    message: "--role must be mentor, mentee or peer, not \"\(text)\"\(hint)", usage: joinUsage)
            }
            role = value
        }
        var interests: [String]?
        if let text = args.values["interests"] {
            var list: [String] = []
            for part in text.split(separator: ",") {
                let interest = String(part).trimmingCommandWhitespace().lowercased()
                if !interest.isEmpty, !list.contains(interest) {
                    list.append(interest)
                }
            }
            guard !list.isEmpty else {
                throw CommandError(
                    message: "--interests needs at least one interest, like --interests design,testing.",
                    usage: joinUsage)
            }
            interests = list
        }
        var timeZone: String?
        if let text = args.values["tz"] {
            switch CommandTimeZones.resolve(text) {
            case .success(let identifier):
                timeZone = identifier
            case .failure(let problem):
                throw CommandError(message: "For --tz, " + problem.message, usage: joinUsage)
            }
        }
        var capacity: Int?
        if let text = args.values["capacity"] {
            guard let value = Int(text), value >= 1 else {
                throw CommandError(
                    message: "--capacity needs a whole number of at least 1, not \"\(text)\".", usage: joinUsage)
            }
            capacity = value
        }
        return CommandPairJoinRequest(role: role, interests: interests, timeZone: timeZone, capacity: capacity)
    }

    private mutating func roster() throws(CommandError) -> CopCommand {
        switch try subcommand(of: "roster") {
        case "join":
            return try none("roster.join", label: "roster join", then: .rosterJoin)
        case "leave":
            return try none("roster.leave", label: "roster leave", then: .rosterLeave)
        case "skip":
            return try none("roster.skip", label: "roster skip", then: .rosterSkip)
        case "swap":
            return .rosterSwap(
                try oneMember(
                    name: "roster.swap", label: "roster swap", what: "the member to swap with, like @alice"))
        default:
            return try none("roster.who", label: "roster who", then: .rosterWho)
        }
    }

    private mutating func me() throws(CommandError) -> CopCommand {
        var probe = scanner
        let first: CommandToken?
        do {
            first = try probe.next()
        } catch {
            return try none("me.show", label: "me", then: .me)
        }
        // Plain "/cop me" shows the data; "/cop me --x" gets the "takes no flags" error of that form.
        guard let first, first.isQuoted || flagParts(first) == nil else {
            return try none("me.show", label: "me", then: .me)
        }
        switch try subcommand(of: "me") {
        case "export":
            return try none("me.export", label: "me export", then: .meExport)
        case "birthday":
            return try birthday()
        case "email":
            return try email()
        default:
            let forgetUsage = usage("me.forget") + "\n" + usage("me.forget.confirm")
            let args = try arguments(label: "me forget", flags: [], usage: forgetUsage)
            guard let word = args.positionals.first else {
                return .meForget
            }
            guard word.text.lowercased() == "confirm" else {
                throw CommandError(
                    message: "me forget takes only the word confirm; \"\(word.text)\" is extra.", usage: forgetUsage)
            }
            if let extra = args.positionals.dropFirst().first {
                throw CommandError(
                    message: "me forget confirm takes no more words; \"\(extra.text)\" is extra.",
                    usage: topicUsage("me"))
            }
            return .meForgetConfirm
        }
    }

    private mutating func email() throws(CommandError) -> CopCommand {
        let emailUsage = usage("me.email") + "\n" + usage("me.email.off")
        let args = try arguments(label: "me email", flags: [], usage: emailUsage)
        let address = try single(
            args, label: "me email", what: "an e-mail address like ada@example.org, or the word off",
            one: "one address", usage: emailUsage)
        if address.text.lowercased() == "off" { return .meEmailOff }
        let text = MailAddress.unwrapped(address.text)
        guard MailAddress.isPlausible(text) else {
            throw CommandError(
                message: "\"\(address.text)\" is not an e-mail address; write one like ada@example.org "
                    + "(one @, a domain with a dot, no spaces).",
                usage: emailUsage)
        }
        return .meEmail(text)
    }

    private mutating func birthday() throws(CommandError) -> CopCommand {
        let birthdayUsage = usage("me.birthday") + "\n" + usage("me.birthday.clear")
        let args = try arguments(
            label: "me birthday", flags: [CommandFlagSpec(name: "tz", takesValue: true, example: "--tz Europe/Berlin")],
            usage: birthdayUsage)
        let date = try single(
            args, label: "me birthday", what: "a month and day like 12-24, or the word clear", one: "one date",
            usage: birthdayUsage)
        if date.text.lowercased() == "clear" {
            guard args.values["tz"] == nil else {
                throw CommandError(message: "me birthday clear takes no --tz.", usage: birthdayUsage)
            }
            return .meBirthdayClear
        }
        let parts = date.text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]), parts.allSatisfy({ $0.count <= 2 })
        else {
            throw CommandError(
                message: "\"\(date.text)\" is not a month and day; write MM-DD, like 12-24 (no year needed).",
                usage: birthdayUsage)
        }
        guard (try? CelebrationBirthday(month: month, day: day)) != nil else {
            throw CommandError(
                message: "There is no day \(day) in month \(month); write MM-DD, like 12-24.", usage: birthdayUsage)
        }
        var timeZone: String?
        if let text = args.values["tz"] {
            switch CommandTimeZones.resolve(text) {
            case .success(let identifier): timeZone = identifier
            case .failure(let problem):
                throw CommandError(message: "For --tz, " + problem.message, usage: birthdayUsage)
            }
        }
        return .meBirthday(month: month, day: day, timeZone: timeZone)
    }

    private mutating func rules() throws(CommandError) -> CopCommand {
        switch try subcommand(of: "rules") {
        case "list":
            return try none("rules.list", label: "rules list", then: .rulesList)
        default:
            let explainUsage = usage("rules.explain")
            let args = try arguments(label: "rules explain", flags: [], usage: explainUsage)
            let rule = try single(
                args, label: "rules explain", what: "a rule id, like weekly-digest", one: "one rule id",
                usage: explainUsage)
            guard isIdentifier(rule.text) else {
                throw CommandError(
                    message: "\"\(rule.text)\" is not a rule id; rule ids look like weekly-digest "
                        + "(see /cop rules list).",
                    usage: explainUsage)
            }
            return .rulesExplain(rule.text)
        }
    }

    private mutating func simpleSubcommand(
        topic: String, cases: [String: CopCommand]
    ) throws(CommandError) -> CopCommand {
        let word = try subcommand(of: topic)
        // subcommand(of:) only returns the catalog's words, which `cases` covers; help is a harmless fallback.
        let command = cases[word] ?? .help(topic: topic)
        return try none(command.name, label: "\(topic) \(word)", then: command)
    }

    // MARK: - Arguments

    private mutating func next(usage: String) throws(CommandError) -> CommandToken? {
        do {
            return try scanner.next()
        } catch {
            throw unterminatedQuote(error, usage: usage)
        }
    }

    /// The subcommand word of `topic` (lowercased and known), or an error naming what is possible.
    private mutating func subcommand(of topicName: String) throws(CommandError) -> String {
        let topicLines = topicUsage(topicName)
        let words = CommandTable.topic(named: topicName)?.subcommands ?? []
        let choices = CommandSuggestion.spokenList(words)
        guard let token = try next(usage: topicLines) else {
            throw CommandError(message: "\(topicName) needs a subcommand: \(choices).", usage: topicLines)
        }
        let word = token.text.lowercased()
        guard words.contains(word) else {
            if !token.isQuoted, flagParts(token) != nil {
                throw CommandError(
                    message: "\(topicName) needs a subcommand before \(token.text): \(choices).", usage: topicLines)
            }
            let hint =
                CommandSuggestion.closest(to: token.text, in: words).map { "did you mean \($0)?" }
                ?? "\(topicName) takes \(choices)."
            throw CommandError(
                message: "Unknown \(topicName) subcommand \"\(token.text)\"; \(hint)", usage: topicLines)
        }
        return word
    }

    private mutating func arguments(
        label: String, flags: [CommandFlagSpec], usage: String
    ) throws(CommandError) -> CommandArguments {
        var tokens: [CommandToken]
        do {
            tokens = try scanner.rest()
        } catch {
            throw unterminatedQuote(error, usage: usage)
        }
        var result = CommandArguments()
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard let (rawName, inlineValue) = flagParts(token) else {
                if let suggestion = singleDashFlag(token, flags: flags) {
                    throw CommandError(
                        message: "Flags start with two dashes: write --\(suggestion), not \(token.text).",
                        usage: usage)
                }
                result.positionals.append(token)
                continue
            }
            let shown = "--" + rawName
            guard !flags.isEmpty else {
                throw CommandError(message: "\(label) takes no flags, but got \(shown).", usage: usage)
            }
            let name = rawName.lowercased()
            guard let spec = flags.first(where: { $0.name == name }) else {
                let names = flags.map(\.name)
                let hint =
                    CommandSuggestion.closest(to: rawName, in: names).map { "did you mean --\($0)?" }
                    ?? "\(label) takes " + CommandSuggestion.spokenList(names.map { "--" + $0 }, conjunction: "and")
                    + "."
                throw CommandError(message: "Unknown flag \(shown) for \(label); \(hint)", usage: usage)
            }
            guard !result.switches.contains(name), result.values[name] == nil else {
                throw CommandError(message: "--\(name) is given twice; give it once.", usage: usage)
            }
            guard spec.takesValue else {
                guard inlineValue == nil else {
                    throw CommandError(
                        message: "--\(name) takes no value; write just --\(name).", usage: usage)
                }
                result.switches.insert(name)
                continue
            }
            if let inlineValue {
                guard !inlineValue.isEmpty else {
                    throw CommandError(message: "--\(name) needs a value, like \(spec.example).", usage: usage)
                }
                result.values[name] = inlineValue
                continue
            }
            guard index < tokens.count, flagParts(tokens[index]) == nil else {
                throw CommandError(message: "--\(name) needs a value, like \(spec.example).", usage: usage)
            }
            result.values[name] = tokens[index].text
            index += 1
        }
        return result
    }

    /// The name and inline value of a flag token (`--max=2` gives `max`, `2`); `nil` for other words.
    ///
    /// Phones turn `--` into an em or en dash, so `—multi` and `–multi` count as flags too.
    private func flagParts(_ token: CommandToken) -> (name: String, value: String?)? {
        guard !token.isQuoted else {
            return nil
        }
        let body: Substring
        if token.text.hasPrefix("--") {
            body = token.text.dropFirst(2)
        } else if token.text.hasPrefix("\u{2014}") || token.text.hasPrefix("\u{2013}") {
            body = token.text.dropFirst()
        } else {
            return nil
        }
        guard let equals = body.firstIndex(of: "=") else {
            return (String(body), nil)
        }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }

    /// The flag a single-dash word like `-multi` was meant to be, if it names one.
    private func singleDashFlag(_ token: CommandToken, flags: [CommandFlagSpec]) -> String? {
        guard !token.isQuoted, token.text.hasPrefix("-"), !token.text.hasPrefix("--") else {
            return nil
        }
        let name = token.text.dropFirst().prefix { $0 != "=" }.lowercased()
        return flags.first { $0.name == name }?.name
    }

    private mutating func none(_ name: String, label: String, then command: CopCommand) throws(CommandError)
        -> CopCommand
    {
        let args = try arguments(label: label, flags: [], usage: usage(name))
        if let extra = args.positionals.first {
            throw CommandError(message: "\(label) takes no arguments; \"\(extra.text)\" is extra.", usage: usage(name))
        }
        return command
    }

    private func single(
        _ args: CommandArguments, label: String, what: String, one: String, usage: String
    ) throws(CommandError) -> CommandToken {
        guard let token = args.positionals.first else {
            throw CommandError(message: "\(label) needs \(what).", usage: usage)
        }
        if let extra = args.positionals.dropFirst().first {
            throw CommandError(message: "\(label) takes \(one); \"\(extra.text)\" is extra.", usage: usage)
        }
        return token
    }

    private mutating func oneDuration(name: String, label: String) throws(CommandError) -> CommandDuration {
        let lineUsage = usage(name)
        let args = try arguments(label: label, flags: [], usage: lineUsage)
        let token = try single(
            args, label: label, what: "a duration, like 2w or 3d", one: "one duration", usage: lineUsage)
        switch CommandDuration.parseExplaining(token.text) {
        case .success(let duration):
            return duration
        case .failure(let problem):
            throw CommandError(message: problem.message, usage: lineUsage)
        }
    }

    private mutating func oneMember(name: String, label: String, what: String) throws(CommandError) -> MemberMention {
        let lineUsage = usage(name)
        let args = try arguments(label: label, flags: [], usage: lineUsage)
        let token = try single(args, label: label, what: what, one: "one member", usage: lineUsage)
        return try member(token, usage: lineUsage)
    }

    private func member(_ token: CommandToken, usage: String) throws(CommandError) -> MemberMention {
        switch MemberMention.parseExplaining(token.text) {
        case .success(let mention):
            return mention
        case .failure(let problem):
            throw CommandError(message: problem.message, usage: usage)
        }
    }

    private enum IDKind {
        case poll
        case survey
    }

    private mutating func oneID(name: String, label: String, kind: IDKind) throws(CommandError) -> String {
        let lineUsage = usage(name)
        let (noun, prefix, other, otherPrefix) =
            kind == .poll
            ? ("poll", "P", "survey", "S") : ("survey", "S", "poll", "P")
        let args = try arguments(label: label, flags: [], usage: lineUsage)
        let token = try single(
            args, label: label, what: "a \(noun) ID, like \(prefix)7", one: "one \(noun) ID", usage: lineUsage)
        var text = Substring(token.text.uppercased())
        if text.hasPrefix("#") {
            text = text.dropFirst()
        }
        if text.hasPrefix(otherPrefix), text.count > 1, text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw CommandError(
                message: "\(token.text) is a \(other) ID; \(noun) IDs start with \(prefix), like \(prefix)7.",
                usage: lineUsage)
        }
        if text.hasPrefix(prefix) {
            text = text.dropFirst()
        }
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(text), number >= 1
        else {
            throw CommandError(
                message: "\"\(token.text)\" is not a \(noun) ID; \(noun) IDs look like \(prefix)7.",
                usage: lineUsage)
        }
        return prefix + String(number)
    }

    private func deadline(_ text: String?, usage: String) throws(CommandError) -> CommandDeadline? {
        guard let text else {
            return nil
        }
        switch CommandDeadline.parseExplaining(text) {
        case .success(let deadline):
            return deadline
        case .failure(let problem):
            throw CommandError(message: "For --closes, " + problem.message, usage: usage)
        }
    }

    private func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 100
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    // MARK: - Errors

    private func usage(_ name: String) -> String {
        CommandTable.usage(forName: name)
    }

    private func topicUsage(_ name: String) -> String {
        CommandTable.topic(named: name).map(CommandTable.usage(forTopic:)) ?? usage("help")
    }

    private func unknownCommand(_ word: String) -> CommandError {
        if let suggestion = CommandSuggestion.closest(to: word, in: CommandTable.topicNames) {
            return CommandError(
                message: "Unknown command \"\(word)\"; did you mean \(suggestion)?", usage: topicUsage(suggestion))
        }
        return CommandError(
            message: "Unknown command \"\(word)\"; type /cop help to see all commands.", usage: usage("help"))
    }

    private func unterminatedQuote(_ failure: CommandScanFailure, usage: String) -> CommandError {
        let (line, column) = scanner.position(of: failure.quoteIndex)
        let place = scanner.isMultiline ? "line \(line), column \(column)" : "column \(column)"
        let tail = scanner.characters[failure.quoteIndex...].prefix { !$0.isNewline }
        let excerpt = tail.count > 16 ? String(tail.prefix(15)) + "…" : String(tail)
        return CommandError(
            message: "The quote at \(place) (\(excerpt)) is never closed; add the closing quote.", usage: usage)
    }
}
