import Foundation

/// What celebrations need to know about one member.
public struct CelebrationProfile: Codable, Sendable, Equatable {
    /// When the member joined (for anniversaries).
    public var joinedAt: Date
    /// The opt-in birthday, `nil` unless the member gave one.
    public var birthday: CelebrationBirthday?
    /// The member's IANA time zone, `nil` to use the community's.
    public var timeZoneID: String?

    /// A profile.
    public init(joinedAt: Date, birthday: CelebrationBirthday? = nil, timeZoneID: String? = nil) {
        self.joinedAt = joinedAt
        self.birthday = birthday
        self.timeZoneID = timeZoneID
    }

    /// The member's time zone if set and known, else `fallback`.
    public func timeZone(fallback: TimeZone) -> TimeZone {
        timeZoneID.flatMap(TimeZone.init(identifier:)) ?? fallback
    }
}
