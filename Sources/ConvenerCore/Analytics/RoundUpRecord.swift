/// What a week's round-up told beyond its counts, kept in the weekly history for the funders' report: the polls and
/// surveys that closed (question, winning answers and turnout; title and responses) and the themes of the kudos given
/// (the words of their reasons, each with how many kudos used it).
///
/// It is filled as the facts apply, from the same polls and surveys the round-up lists, and holds no member id and
/// no kudos text: mentions are stripped from questions and answers, and a kudos reason leaves only its theme words,
/// without stop-words, mentions or any word of a member's name or id (`KudosThemes`).
public struct RoundUpRecord: Codable, Sendable, Equatable {
    /// A poll the round-up reported closed.
    public struct ClosedPoll: Codable, Sendable, Equatable {
        /// The question, mentions stripped.
        public var question: String
        /// The answers with the most votes (several on a tie), mentions stripped.
        public var winners: [String]
        /// How many members voted.
        public var voters: Int

        /// A closed poll's summary.
        public init(question: String, winners: [String], voters: Int) {
            self.question = question
            self.winners = winners
            self.voters = voters
        }
    }

    /// A survey the round-up reported closed.
    public struct ClosedSurvey: Codable, Sendable, Equatable {
        /// The survey's title.
        public var title: String
        /// How many answered.
        public var responses: Int

        /// A closed survey's summary.
        public init(title: String, responses: Int) {
            self.title = title
            self.responses = responses
        }
    }

    /// How many polls and surveys a week keeps at most (far above a community's weekly rhythm).
    public static let listLimit = 20
    /// How many kudos themes a closed week keeps: the most used, so three years of history stay small.
    public static let themeLimit = 40

    /// Polls closed this week, in the order they closed.
    public var polls: [ClosedPoll] = []
    /// Surveys closed this week, in the order they closed.
    public var surveys: [ClosedSurvey] = []
    /// Kudos themes: for each theme word, how many kudos of the week used it.
    public var kudosThemes: [String: Int] = [:]

    private enum CodingKeys: String, CodingKey {
        case polls, surveys, kudosThemes
    }

    /// Nothing reported yet.
    public init() {}

    /// Decodes a record; every field may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        polls = try container.decodeIfPresent([ClosedPoll].self, forKey: .polls) ?? []
        surveys = try container.decodeIfPresent([ClosedSurvey].self, forKey: .surveys) ?? []
        kudosThemes = try container.decodeIfPresent([String: Int].self, forKey: .kudosThemes) ?? [:]
    }

    /// Encodes only what the week has, so the history of a quiet week stays as small as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !polls.isEmpty { try container.encode(polls, forKey: .polls) }
        if !surveys.isEmpty { try container.encode(surveys, forKey: .surveys) }
        if !kudosThemes.isEmpty { try container.encode(kudosThemes, forKey: .kudosThemes) }
    }

    /// Whether nothing was reported.
    public var isEmpty: Bool { polls.isEmpty && surveys.isEmpty && kudosThemes.isEmpty }

    /// Notes `poll`, as it stands when it closes, when the round-up lists it (`Poll.showsInRoundUp`).
    mutating func pollClosed(_ poll: Poll) {
        guard poll.showsInRoundUp, polls.count < Self.listLimit else { return }
        let most = poll.counts.max() ?? 0
        let winners =
            most > 0
            ? zip(poll.options, poll.counts).filter { $0.1 == most }.map { KudosThemes.withoutMentions($0.0) } : []
        polls.append(
            ClosedPoll(
                question: KudosThemes.withoutMentions(poll.question), winners: winners, voters: poll.voterCount))
    }

    /// Notes a survey that closed with `responses` answers, when the round-up lists it (at least its threshold).
    mutating func surveyClosed(title: String, responses: Int, threshold: Int) {
        guard responses >= threshold, surveys.count < Self.listLimit else { return }
        surveys.append(ClosedSurvey(title: KudosThemes.withoutMentions(title), responses: responses))
    }

    /// Counts the theme words of one kudos reason; `names` are the words of members' names and ids, never kept.
    mutating func kudosGiven(reason: String, names: Set<String>) {
        for theme in KudosThemes.themes(in: reason, names: names) { kudosThemes[theme, default: 0] += 1 }
    }

    /// The record without the kudos themes that are a word of `names` (members' names and ids).
    func withoutNames(_ names: Set<String>) -> RoundUpRecord {
        var kept = self
        kept.kudosThemes = kudosThemes.filter { !KudosThemes.isName($0.key, in: names) }
        return kept
    }

    /// The record as a closed week keeps it: the `themeLimit` most used kudos themes (ties by name).
    var keptForHistory: RoundUpRecord {
        guard kudosThemes.count > Self.themeLimit else { return self }
        var kept = self
        let top = kudosThemes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.themeLimit)
        kept.kudosThemes = Dictionary(uniqueKeysWithValues: top.map { ($0.key, $0.value) })
        return kept
    }
}
