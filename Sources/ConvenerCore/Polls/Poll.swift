import Foundation

/// One poll: its question and options, how members may answer, and what it has counted so far.
///
/// A named poll keeps each voter's current choices so they can change them; an anonymous poll keeps only counters
/// and, while it is open, a map from participation tokens to choices. Closing keeps nothing but the aggregates.
public struct Poll: Codable, Sendable, Equatable {
    /// The short id members type, like `P3`.
    public let id: String
    /// The number in the id.
    public let number: Int
    /// The question.
    public let question: String
    /// The options, in the order they were given (2 to 10).
    public let options: [String]
    /// How many options one member may pick: 1 for a single-choice poll.
    public let maxChoices: Int
    /// Whether only counters are kept, never who voted for what.
    public let isAnonymous: Bool
    /// Whether counts stay hidden from everyone until the poll closes.
    public let hidesResultsUntilClosed: Bool
    /// The round-up leaves out this anonymous poll if fewer members voted; fixed when it opens.
    public let anonymousMinimum: Int
    /// Who started it; nil when a rule did, after `/cop me forget`, and for anonymous polls once closed.
    public internal(set) var creator: MemberID?
    /// When it opened.
    public let openedAt: Date
    /// When it closes by itself, if it has a deadline.
    public let closesAt: Date?
    /// When it closed; nil while open.
    public internal(set) var closedAt: Date?
    /// How many members currently pick each option, by option index.
    public internal(set) var counts: [Int]
    /// How many members currently have at least one option picked.
    public internal(set) var voterCount: Int
    /// Named polls while open: each voter's picked option indexes, ascending.
    public internal(set) var ballots: [MemberID: [Int]]
    /// Anonymous polls while open: the key that turns a member into their participation token.
    var key: AnonymityKey?
    /// Anonymous polls while open: each participation token's picked option indexes, ascending.
    var tokenChoices: [String: [Int]]
    /// How many votes it has taken, so each edit of its message gets a new id.
    public internal(set) var revision: Int

    /// A new, open poll with nothing counted yet.
    public init(
        number: Int, question: String, options: [String], maxChoices: Int = 1, isAnonymous: Bool = false,
        hidesResultsUntilClosed: Bool = false, anonymousMinimum: Int = 5, creator: MemberID?, openedAt: Date,
        closesAt: Date? = nil, key: AnonymityKey? = nil
    ) {
        self.id = "P\(number)"
        self.number = number
        self.question = question
        self.options = options
        self.maxChoices = max(1, min(maxChoices, options.count))
        self.isAnonymous = isAnonymous
        self.hidesResultsUntilClosed = hidesResultsUntilClosed
        self.anonymousMinimum = anonymousMinimum
        self.creator = creator
        self.openedAt = openedAt
        self.closesAt = closesAt
        self.counts = Array(repeating: 0, count: options.count)
        self.voterCount = 0
        self.ballots = [:]
        self.key = isAnonymous ? key : nil
        self.tokenChoices = [:]
        self.revision = 0
    }

    /// Whether it still takes votes.
    public var isOpen: Bool { closedAt == nil }

    /// The id of the channel message that shows it; later edits update this message in place.
    public var messageID: String { "poll.\(id)" }

    /// The total number of picks (more than the voters in a multi-choice poll).
    public var totalVotes: Int { counts.reduce(0, +) }

    /// The options `member` has picked now (empty if none), whether the poll is named or anonymous.
    public func choices(of member: MemberID) -> [Int] {
        if let key {
            return tokenChoices[key.token(scope: id, member: member)] ?? []
        }
        return ballots[member] ?? []
    }

    /// The participation token of `member`, for an open anonymous poll.
    func token(of member: MemberID) -> String? {
        key?.token(scope: id, member: member)
    }

    /// Records that `voter` now picks `choices` in a named poll.
    mutating func record(_ choices: [Int], voter: MemberID) {
        guard isOpen, !isAnonymous, let valid = validated(choices) else { return }
        let previous = ballots[voter] ?? []
        ballots[voter] = valid.isEmpty ? nil : valid
        count(valid, replacing: previous)
    }

    /// Records that the member behind `token` now picks `choices` in an anonymous poll.
    mutating func record(_ choices: [Int], token: String) {
        guard isOpen, isAnonymous, let valid = validated(choices) else { return }
        let previous = tokenChoices[token] ?? []
        tokenChoices[token] = valid.isEmpty ? nil : valid
        count(valid, replacing: previous)
    }

    /// Closes it: the key, the tokens and the ballots go, the counters stay.
    mutating func close(at date: Date) {
        guard isOpen else { return }
        closedAt = date
        key = nil
        tokenChoices = [:]
        ballots = [:]
        if isAnonymous { creator = nil }
    }

    /// Deletes what links `member` to this poll, keeping the counters.
    mutating func forget(_ member: MemberID) {
        if creator == member { creator = nil }
        ballots[member] = nil
        if let token = token(of: member) { tokenChoices[token] = nil }
    }

    private func validated(_ choices: [Int]) -> [Int]? {
        let unique = Array(Set(choices)).sorted()
        guard unique.count <= maxChoices, unique.allSatisfy({ options.indices.contains($0) }) else { return nil }
        return unique
    }

    private mutating func count(_ choices: [Int], replacing previous: [Int]) {
        for index in previous { counts[index] -= 1 }
        for index in choices { counts[index] += 1 }
        voterCount += (choices.isEmpty ? 0 : 1) - (previous.isEmpty ? 0 : 1)
        revision += 1
    }
}
