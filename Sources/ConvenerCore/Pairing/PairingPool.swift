import Foundation

/// Who takes part in a round of a program: opted-in members who are neither paused nor away, as participants.
enum PairingPool {
    /// The participants of a round of `program` at `now`, sorted by member; `zone` stands in for members who
    /// gave no time zone.
    static func participants(
        program: PairingProgram, state: CommunityState, now: Date, communityZone: TimeZone
    ) -> [PairingParticipant] {
        let book = state.pairing
        var avoidedBy: [MemberID: [MemberID]] = [:]
        for profile in book.profiles.values {
            for other in profile.avoid { avoidedBy[other, default: []].append(profile.member) }
        }
        let eligible = book.profiles.values.filter { profile in
            guard profile.optedIn, !profile.isPaused(at: now), state.members[profile.member] != nil,
                !state.vacations.isAway(profile.member, at: now)
            else { return false }
            return program.kind == .coffee || profile.role != .peer
        }
        return eligible.sorted { $0.member < $1.member }.map { profile in
            PairingParticipant(
                member: profile.member, role: profile.role, interests: profile.interests,
                timeZone: profile.timeZone ?? communityZone.identifier,
                capacity: max(1, profile.capacity), tier: tier(of: state.members[profile.member], now: now),
                avoid: Set(profile.avoid + (avoidedBy[profile.member] ?? [])).sorted())
        }
    }

    /// The highest tier `tier(of:now:)` gives.
    static let maximumTier = 2

    /// A member's engagement tier from 0 (peripheral: new or rarely active) to 2 (core), from their activity.
    static func tier(of member: Member?, now: Date) -> Int {
        guard let member else { return 0 }
        let activity = member.activity
        let score =
            activity.messages + activity.commands
            + 2 * (activity.votes + activity.kudos + activity.surveys + activity.meetings)
        let days = now.timeIntervalSince(member.joinedAt) / 86_400
        if score >= 40 && days >= 60 { return 2 }
        if score >= 8 { return 1 }
        return 0
    }
}
