import Foundation

/// A celebration due for one member on one local day.
public struct Celebration: Codable, Sendable, Equatable {
    /// What is celebrated.
    public enum Kind: Codable, Sendable, Equatable {
        /// The member's birthday.
        case birthday
        /// The member joined this many years ago today.
        case anniversary(years: Int)
    }

    /// The member celebrated.
    public var member: MemberID
    /// What is celebrated.
    public var kind: Kind
    /// The member's local day of the celebration.
    public var date: CelebrationDate
    /// When it is announced (the configured local morning of `date`).
    public var at: Date

    /// A celebration.
    public init(member: MemberID, kind: Kind, date: CelebrationDate, at: Date) {
        self.member = member
        self.kind = kind
        self.date = date
        self.at = at
    }

    /// A stable key for deduplicating deliveries, e.g. `birthday:slack:U1:2026-11-23`.
    public var key: String {
        switch kind {
        case .birthday: "birthday:\(member.rawValue):\(date)"
        case .anniversary: "anniversary:\(member.rawValue):\(date)"
        }
    }

    /// The announcement for the channel; `name` renders a member mention (default `@user`).
    public func message(name: (MemberID) -> String = KudosError.defaultName) -> String {
        switch kind {
        case .birthday:
            return "🎂 Happy birthday, \(name(member))! Wishing you a wonderful day from everyone here."
        case .anniversary(let years):
            let span = years == 1 ? "a year" : "\(years) years"
            return "🎉 \(name(member)) joined us \(span) ago today — thank you for everything you bring "
                + "to this community!"
        }
    }
}
