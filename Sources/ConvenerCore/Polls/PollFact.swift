import Foundation

/// A change to the state of polls, journaled inside `Fact`.
///
/// No case holds a member id together with an anonymous poll's choices: anonymous votes carry the participation
/// token only, and the journal records holding tokens and keys are compacted away when the poll closes.
public enum PollFact: Codable, Sendable, Equatable {
    /// A poll opened (with its anonymity key, if anonymous); the id counter moves past its number.
    case opened(Poll)
    /// In a named poll, `voter` now picks `choices` (option indexes; empty: the vote was taken back).
    case voted(poll: String, voter: MemberID, choices: [Int])
    /// In an anonymous poll, the member behind `token` now picks `choices` (empty: taken back).
    case votedAnonymously(poll: String, token: String, choices: [Int])
    /// A poll closed: its key, tokens and ballots are destroyed, its counters stay.
    case closed(poll: String, at: Date)
}
