import Foundation

/// One thing a rule run decided to do, for the reducer to carry out (or, for features not built yet, to log).
public struct RuleEffect: Sendable, Equatable, Codable {
    /// The rule that produced it.
    public var ruleID: String
    /// The run that produced it (`rule-id#42`): stable, so it can key idempotent delivery.
    public var runID: String
    /// The rule ids that led here, this rule last; events caused by this effect must carry it as their `cause`.
    public var cause: [String]
    /// The member the run was for, if any.
    public var member: MemberID?
    /// What to do.
    public var action: RuleEffectAction

    /// An effect.
    public init(ruleID: String, runID: String, cause: [String], member: MemberID?, action: RuleEffectAction) {
        self.ruleID = ruleID
        self.runID = runID
        self.cause = cause
        self.member = member
        self.action = action
    }
}

/// A rule action with every template rendered.
public enum RuleEffectAction: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Post `text` in `channel` (nil: the community's channel).
    case post(channel: String?, text: String)
    /// Send `text` to `member` privately.
    case directMessage(to: MemberID, text: String)
    /// Send `text` privately to every convenor.
    case notifyConvenors(text: String)
    /// Add `tag` to `member`.
    case tagMember(MemberID, tag: String)
    /// Remove `tag` from `member`.
    case untagMember(MemberID, tag: String)
    /// Post the next prompt, from `theme` if given.
    case postPrompt(theme: String?)
    /// Start a poll.
    case startPoll(question: String, options: [String], maxChoices: Int, anonymous: Bool, closesAfter: Double?)
    /// Open the survey `survey`.
    case startSurvey(survey: String)
    /// Run a pairing round.
    case pairingRound(kind: RulePairingKind)
    /// Post the round-up digest covering `days` days.
    case postDigest(days: Int)
    /// Re-engage `member`.
    case nudge(MemberID, style: RuleNudgeStyle)

    /// How many outbound messages the effect costs against the community's hourly budget; the convenors are
    /// counted only for a note to them.
    public func outboundCost(convenorCount: @autoclosure () -> Int) -> Int {
        switch self {
        case .tagMember, .untagMember: 0
        case .notifyConvenors: max(convenorCount(), 1)
        default: 1
        }
    }

    /// A one-line reading for explanations and traces; mentions read as "@name".
    public var description: String {
        switch self {
        case .post(let channel, let text): "post in #\(channel ?? "community channel"): \(Self.plain(text))"
        case .directMessage(let member, let text): "dm to \(member): \(Self.plain(text))"
        case .notifyConvenors(let text): "notify convenors: \(Self.plain(text))"
        case .tagMember(let member, let tag): "tag \(member) with '\(tag)'"
        case .untagMember(let member, let tag): "remove tag '\(tag)' from \(member)"
        case .postPrompt(let theme): "post a prompt" + (theme.map { " (theme: \($0))" } ?? "")
        case .startPoll(let question, let options, let maxChoices, let anonymous, let closesAfter):
            "start a poll: \(question) [\(options.joined(separator: " | "))]"
                + (maxChoices > 1 ? ", up to \(maxChoices) choices" : "") + (anonymous ? ", anonymous" : "")
                + (closesAfter.map { ", closes after \(RuleEffectAction.durationText($0))" } ?? "")
        case .startSurvey(let survey): "start survey '\(survey)'"
        case .pairingRound(let kind): "run a \(kind.rawValue) pairing round"
        case .postDigest(let days): "post the round-up of the last \(days) days"
        case .nudge(let member, let style): "\(style.rawValue) nudge for \(member)"
        }
    }

    private static func plain(_ text: String) -> String { MessageMention.extract(from: text).text }

    /// `90m`, `2h`, `3d`: the shortest exact reading of `seconds`.
    static func durationText(_ seconds: Double) -> String {
        if seconds >= 86_400, seconds.truncatingRemainder(dividingBy: 86_400) == 0 {
            return "\(Int(seconds / 86_400))d"
        }
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        return "\(Int(seconds))s"
    }
}
