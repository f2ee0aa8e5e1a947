import Foundation

/// A kudos that was given, with what to tell the channel and the giver.
public struct KudosReceipt: Codable, Sendable, Equatable {
    /// The kudos as stored.
    public var entry: KudosEntry
    /// How many more kudos the giver may give today.
    public var remainingToday: Int

    /// A receipt.
    public init(entry: KudosEntry, remainingToday: Int) {
        self.entry = entry
        self.remainingToday = remainingToday
    }

    /// The public shout-out for the channel.
    public func announcement(name: (MemberID) -> String = KudosError.defaultName) -> String {
        "🎉 Kudos to \(name(entry.receiver)) from \(name(entry.giver)): \(entry.reason)"
    }

    /// The private confirmation for the giver, with what is left of today's allowance.
    public func confirmation(name: (MemberID) -> String = KudosError.defaultName) -> String {
        let left: String
        switch remainingToday {
        case 0: left = "That was your last one for today."
        case 1: left = "You have 1 kudos left today."
        default: left = "You have \(remainingToday) kudos left today."
        }
        return "Thanks for recognising \(name(entry.receiver)) — your kudos is in the channel. \(left)"
    }
}
