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
                capacity: max(1, profile.capacity), tier: state.engagement.tier(of: profile.member).rank,
                avoid: Set(profile.avoid + (avoidedBy[profile.member] ?? [])).sorted())
        }
    }

    /// The highest tier rank (core); tiers come from engagement (peripheral 0 … core 3).
    static let maximumTier = EngagementTier.core.rank
}
