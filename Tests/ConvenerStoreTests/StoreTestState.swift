import ConvenerStore

/// A small community-like state for the store tests: members and polls with votes.
struct StoreTestState: PersistentState, Equatable {
    /// A poll and its votes (member id → option index).
    struct Poll: Codable, Sendable, Equatable {
        var question: String
        var votes: [String: Int] = [:]
    }

    /// One change.
    enum Change: Codable, Sendable, Equatable {
        case join(member: String, name: String)
        case leave(member: String)
        case openPoll(id: String, question: String)
        case vote(poll: String, member: String, option: Int)
    }

    var members: [String: String] = [:]
    var polls: [String: Poll] = [:]

    static let formatVersion = 1
    static let migrations: [StateMigration] = []

    init() {}

    mutating func apply(_ change: Change) {
        switch change {
        case .join(let member, let name): members[member] = name
        case .leave(let member): members[member] = nil
        case .openPoll(let id, let question): polls[id] = Poll(question: question)
        case .vote(let poll, let member, let option): polls[poll]?.votes[member] = option
        }
    }
}

/// An append-only log of integers: recovery must yield exactly a prefix of what was enqueued.
struct StoreLogState: PersistentState, Equatable {
    var values: [Int] = []

    static let formatVersion = 1
    static let migrations: [StateMigration] = []

    init() {}

    mutating func apply(_ change: Int) {
        values.append(change)
    }
}
