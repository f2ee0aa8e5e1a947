import Foundation

/// The community's celebrations as the desk and the round-up need them, built from members' join dates and the
/// birthdays and time zones they gave.
enum EngagementCelebrations {
    /// English month names, January first.
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// Celebrations whose announcement falls in `(after, through]`, oldest first; `only` limits them to one member.
    ///
    /// Lateness is left to the caller (the desk drops what is announced too late), so a plan made ahead of time
    /// keeps every celebration in its window. O(members × days in the window).
    static func due(after: Date, through: Date, _ context: FeatureContext, only: MemberID? = nil) -> [Celebration] {
        let book = context.state.engagement
        var calendar = CelebrationCalendar()
        let members =
            only.map { id in context.state.members[id].map { [$0] } ?? [] } ?? Array(context.state.members.values)
        for member in members {
            calendar.profiles[member.id] = CelebrationProfile(
                joinedAt: member.joinedAt, birthday: book.birthdays[member.id], timeZoneID: book.timeZones[member.id])
        }
        var policy = context.settings.engagement.celebrations
        policy.maxLatenessHours = through.timeIntervalSince(after) / 3_600 + 1
        return calendar.due(after: after, through: through, communityTimeZone: context.profile.timeZone, policy: policy)
    }

    /// How the round-up lists a coming celebration: "@Ada's birthday on 2026-03-14".
    static func describe(_ celebration: Celebration, name: (MemberID) -> String) -> String {
        switch celebration.kind {
        case .birthday:
            return "\(name(celebration.member))'s birthday on \(celebration.date)"
        case .anniversary(let years):
            let span = years == 1 ? "1 year" : "\(years) years"
            return "\(name(celebration.member)): \(span) with us on \(celebration.date)"
        }
    }
}
