/// Where each member's kudos sit in the ledger, received and given, so that `/cop me` reads a member's own
/// kudos instead of the whole community's 90 days.
///
/// Derived from the ledger's entries and never stored: the ledger rebuilds it when it is decoded and after it
/// removes entries (the daily prune, a member forgotten), and extends it as kudos are appended.
struct KudosMemberIndex: Sendable, Equatable {
    private struct Positions: Sendable, Equatable {
        var received: [Int] = []
        var given: [Int] = []
    }

    private var positions: [MemberID: Positions] = [:]

    /// The index of `entries`.
    init(_ entries: [KudosEntry] = []) {
        for (position, entry) in entries.enumerated() { add(entry, at: position) }
    }

    /// Adds the kudos at `position`, after every position already added.
    mutating func add(_ entry: KudosEntry, at position: Int) {
        positions[entry.receiver, default: Positions()].received.append(position)
        positions[entry.giver, default: Positions()].given.append(position)
    }

    /// The positions of the kudos `member` received, oldest first.
    func positions(receivedBy member: MemberID) -> [Int] {
        positions[member]?.received ?? []
    }

    /// The positions of the kudos `member` gave, oldest first.
    func positions(givenBy member: MemberID) -> [Int] {
        positions[member]?.given ?? []
    }
}
