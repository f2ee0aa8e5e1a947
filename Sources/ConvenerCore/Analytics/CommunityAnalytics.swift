import Foundation

/// The community's weekly history, inside `CommunityState`: the closed weeks (at least three years of them) and
/// the counts of the week that is running.
///
/// Counting happens as facts are applied (`count(_:in:)`), so the history costs nothing to keep and needs no
/// member id: the figures of a week are the counts of its facts plus sizes read from the state when it closes.
/// A week closes exactly once, through a journaled `AnalyticsFact.weekClosed` that the reducer puts first in the
/// record of the first tick or input after the week's end.
public struct CommunityAnalytics: Codable, Sendable, Equatable {
    /// How many closed weeks are kept: a little over three years.
    public static let retainedWeeks = 160
    /// Closed weeks, oldest first (at most `retainedWeeks`).
    public private(set) var weeks: [WeeklyAggregate] = []
    /// An instant in the running week (its start once a week has closed); nil until the first dated fact.
    public private(set) var runningSince: Date?
    /// What the running week has counted so far.
    public private(set) var running = WeekCounts()

    /// No history yet.
    public init() {}

    /// Decodes the history; states written before it existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weeks = try container.decodeIfPresent([WeeklyAggregate].self, forKey: .weeks) ?? []
        runningSince = try container.decodeIfPresent(Date.self, forKey: .runningSince)
        running = try container.decodeIfPresent(WeekCounts.self, forKey: .running) ?? WeekCounts()
    }

    /// Applies one analytics fact.
    mutating func apply(_ fact: AnalyticsFact) {
        switch fact {
        case .weekClosed(let aggregate):
            // A week is closed once: a replayed or repeated close of a week already kept changes nothing.
            guard weeks.last.map({ $0.start < aggregate.start }) ?? true else { return }
            weeks.append(aggregate)
            if weeks.count > Self.retainedWeeks { weeks.removeFirst(weeks.count - Self.retainedWeeks) }
            runningSince = aggregate.end
            running = WeekCounts()
        case .memberLeft:
            running.left += 1
        }
    }

    /// Counts what `fact` adds to the running week; `state` is the state before the fact applies.
    mutating func count(_ fact: Fact, in state: CommunityState) {
        // The first dated fact starts the history, so a new community's first week is the one it first lived in.
        if runningSince == nil, let at = fact.instant { runningSince = at }
        switch fact {
        case .memberJoined(let id, _, _):
            if state.members[id] == nil { running.joined += 1 }
        case .activityRecorded(let id, let kind, _):
            guard state.members[id] != nil else { return }
            switch kind {
            case .message: running.messages += 1
            case .command: running.commands += 1
            case .reaction: running.reactions += 1
            case .vote: running.pollVotes += 1
            case .survey: running.surveyResponses += 1
            case .kudos: running.kudos += 1
            case .meeting: break
            }
        case .memberInactiveRaised(let id, _):
            if state.inactiveSince[id] == nil { running.wentQuiet += 1 }
        case .memberReturned(let id):
            guard let since = state.inactiveSince[id], let member = state.members[id] else { return }
            running.returned += 1
            // The reducer records the return after the activity that ended the silence, so `lastActiveAt` is when.
            if member.lastActiveAt.timeIntervalSince(since) <= 14 * 86_400 { running.returnedWithin14Days += 1 }
        case .promptRotated(_, let round):
            if round.lastPosted != nil, round.done.last == round.lastPosted { running.promptsPosted += 1 }
        case .poll(.opened):
            running.pollsOpened += 1
        case .poll(.closed(let id, _)):
            // The state before the fact holds the poll still open, with its final counts: noted once.
            if let poll = state.polls[id], poll.isOpen { running.roundUp.pollClosed(poll) }
        case .survey(.opened(let record)):
            running.surveysInvited += record.invited
        case .survey(.closed(let id, _, let results)):
            if let record = state.surveys.survey(id), record.isOpen {
                running.roundUp.surveyClosed(
                    title: record.title, responses: results.responses,
                    threshold: max(record.threshold, results.threshold))
            }
        case .engagement(.kudosGiven(let entry, _)):
            // Kudos are on the request path: only the giver's and receiver's names are taken out here (the names a
            // reason holds most); every member's are when the week's aggregate is made (`WeeklyAggregate`).
            let people = [entry.giver, entry.receiver]
            running.roundUp.kudosGiven(
                reason: entry.reason,
                names: KudosThemes.names(of: people.compactMap { state.members[$0] }, ids: people))
        case .memberForgotten(let id):
            // Once forgotten, the member is no longer there to be taken out when the week closes: do it now.
            let member = state.members[id].map { [$0] } ?? []
            running.roundUp = running.roundUp.withoutNames(KudosThemes.names(of: member, ids: [id]))
        case .pairing(.roundRecorded(let round)):
            if state.pairing.round(round.number) == nil { running.pairingIntros += round.groups.count }
        case .pairing(.meetingAnswered(let number, let member, let met)):
            guard met, let round = state.pairing.round(number) else { return }
            running.meetingsConfirmed += round.groups.count { $0.members.contains(member) && $0.met != true }
        case .engagement(.tiersEvaluated(_, _, let changes)):
            for change in changes {
                running.tierMoves[WeekCounts.moveKey(from: change.from, to: change.to), default: 0] += 1
            }
        case .engagement(.digestPosted):
            running.roundUpsPosted += 1
        case .prompt(let fact):
            countPrompt(fact, in: state)
        default:
            break
        }
    }

    // A prompt's answers count in the week they come in, under the prompt's theme; an answer to a prompt whose
    // window is closed (or that is unknown) counts nowhere, and a member replying twice is one answerer.
    private mutating func countPrompt(_ fact: PromptFact, in state: CommunityState) {
        switch fact {
        case .posted(let message, let theme, _, _):
            guard state.prompts.prompt(message: message) == nil else { return }
            running.promptThemes[theme, default: PromptThemeCounts()].posted += 1
        case .replied(let message, let member, _):
            guard let prompt = state.prompts.prompt(message: message) else { return }
            running.promptReplies += 1
            running.promptThemes[prompt.theme, default: PromptThemeCounts()].replies += 1
            if !prompt.answerers.contains(member) {
                running.promptAnswerers += 1
                running.promptThemes[prompt.theme, default: PromptThemeCounts()].answerers += 1
            }
        case .reacted(let message, _):
            guard let prompt = state.prompts.prompt(message: message) else { return }
            running.promptReactions += 1
            running.promptThemes[prompt.theme, default: PromptThemeCounts()].reactions += 1
        case .windowClosed:
            break
        }
    }

    /// The facts that close every week that ended by `now`, in order; none while the running week is on (or
    /// before anything happened). Weeks the daemon slept through close empty, their sizes read from the state.
    public func closingFacts(state: CommunityState, weeks calendar: AnalyticsWeek, now: Date) -> [Fact] {
        // Nearly every input falls in the running week: tell that cheaply before asking the calendar.
        guard let runningSince, !calendar.sameWeek(runningSince, now) else { return [] }
        var facts: [Fact] = []
        var week = calendar.week(containing: runningSince)
        var counts = running
        while week.end <= now, facts.count < Self.retainedWeeks {
            counts.roundUp = counts.roundUp.keptForHistory
            let aggregate = WeeklyAggregate(
                week: week, label: calendar.label(of: week), state: state, counts: counts, isRunning: false)
            facts.append(.analytics(.weekClosed(aggregate)))
            counts = WeekCounts()
            week = calendar.week(after: week)
        }
        return facts
    }

    /// What each theme's prompts drew over the whole history and the running week, by theme id.
    public var promptThemeTotals: [String: PromptThemeCounts] {
        var totals = PromptThemeCounts.totals(of: weeks)
        for (theme, counts) in running.promptThemes {
            totals[theme] = (totals[theme] ?? PromptThemeCounts()).adding(counts)
        }
        return totals
    }

    /// The running week's figures so far, computed on demand (not kept).
    public func runningWeek(state: CommunityState, weeks calendar: AnalyticsWeek, now: Date) -> WeeklyAggregate {
        let week = calendar.week(containing: now)
        let counts = runningSince.map { calendar.week(containing: $0) == week } ?? false ? running : WeekCounts()
        return WeeklyAggregate(
            week: week, label: calendar.label(of: week), state: state, counts: counts, isRunning: true)
    }
}

extension Fact {
    /// When the fact happened, for the facts that say.
    var instant: Date? {
        switch self {
        case .memberJoined(_, _, let at), .activityRecorded(_, _, let at), .memberInactiveRaised(_, let at),
            .messageSettled(_, let at), .messageDeadLettered(_, _, let at):
            at
        case .engagement(.tiersEvaluated(_, let at, _)), .engagement(.digestPosted(let at)),
            .prompt(.posted(_, _, _, let at)), .prompt(.replied(_, _, let at)), .prompt(.reacted(_, let at)):
            at
        default:
            nil
        }
    }
}
