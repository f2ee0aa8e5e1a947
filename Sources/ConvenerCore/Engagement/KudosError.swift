import Foundation

/// Why a kudos was not given; `message(name:)` says it warmly and says what to do instead.
public enum KudosError: Error, Sendable, Equatable {
    /// The reason was empty after trimming.
    case missingReason(receiver: MemberID)
    /// The reason is longer than the policy allows.
    case reasonTooLong(length: Int, limit: Int)
    /// The giver named themselves.
    case selfKudos
    /// The giver has used today's allowance; it refreshes at `resetsAt` (midnight in `timeZoneID`).
    case allowanceUsed(limit: Int, resetsAt: Date, timeZoneID: String, now: Date)

    /// The reply to the giver; `name` renders a member mention (default `@user`).
    public func message(name: (MemberID) -> String = KudosError.defaultName) -> String {
        switch self {
        case .missingReason(let receiver):
            let who = name(receiver)
            return "Kudos need a reason, so \(who) knows what made a difference. "
                + "Try `/cop kudos \(who) for walking me through the deploy`."
        case .reasonTooLong(let length, let limit):
            return "That reason is \(length) characters; kudos keep it to \(limit). "
                + "The short version is often the warmest — try trimming it and send it again."
        case .selfKudos:
            return "Kudos are for thanking someone else — though it sounds like you did something worth "
                + "celebrating! Share it in the channel, or send kudos to someone who helped you along the way."
        case .allowanceUsed(let limit, let resetsAt, let timeZoneID, let now):
            return "You've given all \(limit) kudos for today — thank you for being so generous! "
                + "Your allowance refreshes at midnight (\(timeZoneID)), "
                + "\(KudosError.describeWait(resetsAt.timeIntervalSince(now))). "
                + "Until then, a thank-you in the thread works wonders too."
        }
    }

    /// Renders a member as `@user`.
    public static func defaultName(_ member: MemberID) -> String { "@\(member.user)" }

    /// "in 3 h 20 min" or "in 12 min".
    static func describeWait(_ seconds: TimeInterval) -> String {
        let minutes = max(1, Int((seconds / 60).rounded(.up)))
        let hours = minutes / 60
        let rest = minutes % 60
        if hours == 0 { return "in \(rest) min" }
        return rest == 0 ? "in \(hours) h" : "in \(hours) h \(rest) min"
    }
}
