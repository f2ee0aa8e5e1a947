import Foundation

/// The durable state of polls, inside `CommunityState`: every poll by id, which are open, and the id counter.
public struct PollBook: Codable, Sendable, Equatable {
    /// Every poll, open and closed, by id (`P3`).
    public private(set) var polls: [String: Poll] = [:]
    /// The ids of open polls, oldest first, so ticks and lists never walk the closed ones.
    public private(set) var openIDs: [String] = []
    /// The ids of closed polls, in the order they closed.
    public private(set) var closedIDs: [String] = []
    /// The number the next poll gets.
    public private(set) var nextNumber = 1
    /// How many closed polls are kept (aggregates only); older ones are dropped as new ones close.
    public static let closedLimit = 500

    /// No polls yet.
    public init() {}

    /// Decodes the book; a snapshot from before polls existed has none of the keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        polls = try container.decodeIfPresent([String: Poll].self, forKey: .polls) ?? [:]
        openIDs = try container.decodeIfPresent([String].self, forKey: .openIDs) ?? []
        closedIDs = try container.decodeIfPresent([String].self, forKey: .closedIDs) ?? []
        nextNumber = try container.decodeIfPresent(Int.self, forKey: .nextNumber) ?? 1
    }

    /// The poll with `id`, open or closed.
    public subscript(id: String) -> Poll? { polls[id] }

    /// The open polls, oldest first.
    public var openPolls: [Poll] { openIDs.compactMap { polls[$0] } }

    /// The last `count` closed polls, the most recent first.
    public func recentlyClosed(_ count: Int) -> [Poll] {
        closedIDs.suffix(count).reversed().compactMap { polls[$0] }
    }

    /// How many open polls `member` started.
    public func openCount(startedBy member: MemberID) -> Int {
        openPolls.count(where: { $0.creator == member })
    }

    /// Applies one fact.
    mutating func apply(_ fact: PollFact) {
        switch fact {
        case .opened(let poll):
            guard polls[poll.id] == nil else { return }
            polls[poll.id] = poll
            if poll.isOpen { openIDs.append(poll.id) } else { closedIDs.append(poll.id) }
            nextNumber = max(nextNumber, poll.number + 1)
        case .voted(let id, let voter, let choices):
            polls[id]?.record(choices, voter: voter)
        case .votedAnonymously(let id, let token, let choices):
            polls[id]?.record(choices, token: token)
        case .closed(let id, let at):
            guard polls[id]?.isOpen == true else { return }
            polls[id]?.close(at: at)
            openIDs.removeAll { $0 == id }
            closedIDs.append(id)
            while closedIDs.count > Self.closedLimit { polls[closedIDs.removeFirst()] = nil }
        }
    }

    /// Deletes what is stored about `member` (`/cop me forget`): their choices in named polls and their token in
    /// anonymous ones (the counters keep their votes), and their name as the starter of any poll.
    mutating func forget(_ member: MemberID) {
        for id in openIDs { polls[id]?.forget(member) }
        for id in closedIDs where polls[id]?.creator == member { polls[id]?.creator = nil }
    }

    /// Lines for the weekly round-up: one per poll closed in `since..<until`, like
    /// `P3 “Lunch?” — Pizza 5 · Sushi 3 (8 voters)`; an anonymous poll with fewer voters than its minimum k is
    /// left out.
    func digestLines(since: Date, until: Date) -> [String] {
        closedIDs.compactMap { polls[$0] }.filter { poll in
            guard let closed = poll.closedAt, closed >= since, closed < until else { return false }
            return poll.showsInRoundUp
        }.map { poll in
            "\(poll.id) “\(poll.question)” — \(PollText.resultsLine(poll)) (\(PollText.voters(poll.voterCount)))"
        }
    }

    /// What this feature stores about `member`, one line each, for `/cop me`: the open polls they started, and
    /// their choices in open named polls (never anything about anonymous polls' votes).
    func memberDataLines(_ member: MemberID) -> [String] {
        openPolls.compactMap { poll in
            var parts: [String] = []
            if poll.creator == member { parts.append("you started it") }
            if !poll.isAnonymous, let choices = poll.ballots[member] {
                parts.append("you picked " + choices.map { poll.options[$0] }.joined(separator: ", "))
            }
            return parts.isEmpty ? nil : "Poll \(poll.id) “\(poll.question)”: " + parts.joined(separator: "; ")
        }
    }
}

extension Poll {
    /// Whether the round-up reports the poll once it closes: an anonymous poll only with enough voters.
    var showsInRoundUp: Bool { !isAnonymous || voterCount >= anonymousMinimum }
}
