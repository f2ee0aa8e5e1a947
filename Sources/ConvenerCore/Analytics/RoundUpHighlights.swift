/// Highlights from the round-ups of a period, for the funders' report and the trends API: the polls that closed
/// with their question, winning answer and turnout, the surveys run and their responses, what members thanked each
/// other for most, and the prompt themes that drew the most answers. Drawn from the weekly history's
/// `RoundUpRecord`s, so no member is named; every count is held to the k-floor.
public struct RoundUpHighlights: Sendable, Encodable, Equatable {
    /// A closed poll as shown.
    public struct PollNote: Sendable, Encodable, Equatable {
        /// The Monday of the week it closed.
        public var week: String
        /// The question.
        public var question: String
        /// The winning answers (several on a tie).
        public var winners: [String]
        /// How many voted (always at least k: a poll fewer voted in is left out, so its answer tells no one's vote).
        public var voters: ShownCount
    }

    /// A closed survey as shown.
    public struct SurveyNote: Sendable, Encodable, Equatable {
        /// The Monday of the week it closed.
        public var week: String
        /// Its title.
        public var title: String
        /// How many answered.
        public var responses: ShownCount
    }

    /// A kudos theme used by at least k kudos.
    public struct ThemeNote: Sendable, Encodable, Equatable {
        /// The word or hashtag.
        public var theme: String
        /// How many kudos of the period used it.
        public var kudos: Int
    }

    /// How many polls, kudos themes and prompt themes are named at most (the report is one page).
    public static let shownPolls = 4
    /// How many kudos themes are named at most.
    public static let shownThemes = 5
    /// How many prompt themes are named at most.
    public static let shownPromptThemes = 3

    /// The polls with the largest turnout of at least k, in the order they closed.
    public var polls: [PollNote]
    /// How many polls closed in the period in all (Convener's own count of its posts).
    public var pollsClosed: Int
    /// The surveys that closed, in order.
    public var surveys: [SurveyNote]
    /// The most used kudos themes, each used by at least k kudos, most used first.
    public var kudosThemes: [ThemeNote]
    /// The prompt themes whose response rate may be shown, best first.
    public var promptThemes: [PromptStatsTable.Row]
    /// The same as sentences, for the report and the page.
    public var lines: [String]

    /// The highlights of `trends`' period.
    public init(_ trends: CommunityTrends) {
        let k = trends.k
        var polls: [(order: Int, note: PollNote)] = []
        var surveys: [SurveyNote] = []
        var themes: [String: Int] = [:]
        for week in trends.aggregates {
            let record = week.counts.roundUp
            for poll in record.polls {
                polls.append(
                    (
                        polls.count,
                        PollNote(
                            week: week.label, question: poll.question, winners: poll.winners,
                            voters: ShownCount(poll.voters, k: k))
                    ))
            }
            for survey in record.surveys {
                surveys.append(
                    SurveyNote(week: week.label, title: survey.title, responses: ShownCount(survey.responses, k: k)))
            }
            for (theme, count) in record.kudosThemes { themes[theme, default: 0] += count }
        }
        pollsClosed = polls.count
        self.polls = polls.filter { $0.note.voters.number != nil && !$0.note.winners.isEmpty }
            .sorted { ($0.note.voters.number ?? 0, -$0.order) > ($1.note.voters.number ?? 0, -$1.order) }
            .prefix(Self.shownPolls).sorted { $0.order < $1.order }.map(\.note)
        self.surveys = surveys
        kudosThemes = themes.filter { $0.value >= k }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.shownThemes).map { ThemeNote(theme: $0.key, kudos: $0.value) }
        promptThemes = Array(
            PromptStatsTable(trends).rows.filter { $0.responseRate != nil }.prefix(Self.shownPromptThemes))
        lines = Self.lines(polls: self.polls, surveys: surveys, themes: kudosThemes, prompts: promptThemes)
    }

    private static func lines(
        polls: [PollNote], surveys: [SurveyNote], themes: [ThemeNote], prompts: [PromptStatsTable.Row]
    ) -> [String] {
        var lines = polls.map { poll in
            let winners = poll.winners.map { "“\($0)”" }.joined(separator: " and ")
            let verb = poll.winners.count > 1 ? "tied" : "won"
            return "Poll “\(poll.question)” (week of \(poll.week)): \(winners) \(verb), \(poll.voters.text) voters."
        }
        lines += surveys.map { "Survey “\($0.title)” (week of \($0.week)): \($0.responses.text) responses." }
        if !themes.isEmpty {
            lines.append(
                "What members thanked each other for most: "
                    + themes.map { "\($0.theme) (\($0.kudos) kudos)" }.joined(separator: ", ") + ".")
        }
        if !prompts.isEmpty {
            lines.append(
                "Prompt themes that drew the most answers: "
                    + prompts.map { "\($0.theme) (\($0.responseRateText) answerers a prompt)" }
                    .joined(separator: ", ") + ".")
        }
        return lines
    }
}
