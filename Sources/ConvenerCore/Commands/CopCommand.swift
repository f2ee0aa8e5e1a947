/// One `/cop` chat command, parsed and typed (see PRODUCT.md §4 for the grammar).
public enum CopCommand: Sendable, Equatable, Hashable {
    /// `/cop help [topic]`: the overview, or one topic's help (the topic is a known, lowercased name).
    case help(topic: String?)
    /// `/cop poll "Question?" "A" "B" … [flags]`: start a poll.
    case pollCreate(CommandPollRequest)
    /// `/cop poll close ID`: close a poll early (its creator or a convenor); the id is normalised, like `P7`.
    case pollClose(String)
    /// `/cop poll results ID`: show a poll's results, like `P7`.
    case pollResults(String)
    /// `/cop poll list`: list open polls.
    case pollList
    /// `/cop feedback TEXT`: an anonymous note to the convenors.
    case feedback(String)
    /// `/cop survey start TEMPLATE [--closes 7d] [--k 5]`: open a survey (convenor).
    case surveyStart(CommandSurveyRequest)
    /// `/cop survey results ID`: show a survey's results, like `S2`.
    case surveyResults(String)
    /// `/cop survey list`: list surveys.
    case surveyList
    /// `/cop kudos @member WHY`: thank a member in public.
    case kudos(MemberMention, reason: String)
    /// `/cop pair join [flags]`: opt in to pairing, or update the pairing profile.
    case pairJoin(CommandPairJoinRequest)
    /// `/cop pair leave`: opt out of pairing.
    case pairLeave
    /// `/cop pair pause DURATION`: skip pairing rounds for a while.
    case pairPause(CommandDuration)
    /// `/cop pair resume`: end a pause early.
    case pairResume
    /// `/cop pair status`: show the pairing profile and the current pair.
    case pairStatus
    /// `/cop pair not @member`: never pair with this member.
    case pairNot(MemberMention)
    /// `/cop away DURATION`: mark oneself away (no nudges, pairing or roster turns).
    case away(CommandDuration)
    /// `/cop back`: end an absence early.
    case back
    /// `/cop roster join`: join the facilitator roster.
    case rosterJoin
    /// `/cop roster leave`: leave the facilitator roster.
    case rosterLeave
    /// `/cop roster skip`: pass one's next turn on.
    case rosterSkip
    /// `/cop roster swap @member`: swap the next turn with a member.
    case rosterSwap(MemberMention)
    /// `/cop roster who`: show who facilitates next.
    case rosterWho
    /// `/cop prompt now`: post a discussion prompt now (convenor).
    case promptNow
    /// `/cop prompt next`: preview the next prompt (convenor).
    case promptNext
    /// `/cop prompt skip`: skip the next prompt (convenor).
    case promptSkip
    /// `/cop prompt stats`: what members respond to, per theme (convenor).
    case promptStats
    /// `/cop digest preview`: preview the round-up privately (convenor).
    case digestPreview
    /// `/cop digest now`: post the round-up now (convenor).
    case digestNow
    /// `/cop stats`: community health at a glance.
    case stats
    /// `/cop events`: what is next on the community's calendar, and its feed.
    case events
    /// `/cop me`: show what Convener stores about the member.
    case me
    /// `/cop me export`: the member's data as JSON.
    case meExport
    /// `/cop me birthday MM-DD [--tz Area/City]`: opt in to a birthday greeting (month and day, never the year),
    /// optionally in the member's own time zone.
    case meBirthday(month: Int, day: Int, timeZone: String?)
    /// `/cop me birthday clear`: opt out of the birthday greeting.
    case meBirthdayClear
    /// `/cop me email ADDRESS`: get the round-up by mail, once the address is confirmed through a mailed link.
    case meEmail(String)
    /// `/cop me email off`: delete the address; no more mail.
    case meEmailOff
    /// `/cop me forget`: ask to delete the member's data (asks for confirmation).
    case meForget
    /// `/cop me forget confirm`: delete the member's data.
    case meForgetConfirm
    /// `/cop rules list`: list the community's rules (convenor).
    case rulesList
    /// `/cop rules explain RULE_ID`: explain one rule and its recent runs (convenor).
    case rulesExplain(String)

    /// A stable dotted name for logs, metrics and rules, such as `poll.create` or `pair.join`.
    public var name: String {
        switch self {
        case .help: "help"
        case .pollCreate: "poll.create"
        case .pollClose: "poll.close"
        case .pollResults: "poll.results"
        case .pollList: "poll.list"
        case .feedback: "feedback"
        case .surveyStart: "survey.start"
        case .surveyResults: "survey.results"
        case .surveyList: "survey.list"
        case .kudos: "kudos"
        case .pairJoin: "pair.join"
        case .pairLeave: "pair.leave"
        case .pairPause: "pair.pause"
        case .pairResume: "pair.resume"
        case .pairStatus: "pair.status"
        case .pairNot: "pair.not"
        case .away: "away"
        case .back: "back"
        case .rosterJoin: "roster.join"
        case .rosterLeave: "roster.leave"
        case .rosterSkip: "roster.skip"
        case .rosterSwap: "roster.swap"
        case .rosterWho: "roster.who"
        case .promptNow: "prompt.now"
        case .promptNext: "prompt.next"
        case .promptSkip: "prompt.skip"
        case .promptStats: "prompt.stats"
        case .digestPreview: "digest.preview"
        case .digestNow: "digest.now"
        case .stats: "stats"
        case .events: "events"
        case .me: "me.show"
        case .meExport: "me.export"
        case .meBirthday: "me.birthday"
        case .meBirthdayClear: "me.birthday.clear"
        case .meEmail: "me.email"
        case .meEmailOff: "me.email.off"
        case .meForget: "me.forget"
        case .meForgetConfirm: "me.forget.confirm"
        case .rulesList: "rules.list"
        case .rulesExplain: "rules.explain"
        }
    }

    /// The help topic this command belongs to, such as `poll` for `poll.close`.
    public var topic: String {
        String(name.prefix { $0 != "." })
    }

    /// Whether only a convenor may run it, as its entry in `CommandTable` says (`survey start`, `prompt …`,
    /// `digest …`, `rules …` and `stats`).
    ///
    /// `poll close` is allowed to the poll's creator or a convenor, so it is not convenor-only here.
    public var requiresConvenor: Bool {
        CommandTable.entry(named: name)?.access == .convenor
    }

    /// The usage line of this command, such as `/cop poll close ID`.
    public var usage: String {
        CommandTable.usage(forName: name)
    }
}
