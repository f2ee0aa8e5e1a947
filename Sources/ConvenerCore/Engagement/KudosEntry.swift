import Foundation

/// One kudos: who thanked whom, why and when.
public struct KudosEntry: Codable, Sendable, Equatable {
    /// The member who gave the kudos.
    public var giver: MemberID
    /// The member who received it.
    public var receiver: MemberID
    /// Why, as the giver wrote it (trimmed).
    public var reason: String
    /// When it was given.
    public var at: Date

    /// A kudos entry.
    public init(giver: MemberID, receiver: MemberID, reason: String, at: Date) {
        self.giver = giver
        self.receiver = receiver
        self.reason = reason
        self.at = at
    }
}
