import Foundation

/// Why a roster command could not be done, with what to do instead.
public enum RosterError: Error, Sendable, Equatable {
    /// The member is already on the roster, at this place in line (1-based).
    case alreadyOnRoster(position: Int)
    /// The member is not on the roster.
    case notOnRoster
    /// Only the member up next can skip or swap; `upcoming` is who is (if anyone).
    case notUpNext(upcoming: MemberID?)
    /// A member cannot swap with themselves.
    case swapWithSelf
    /// The swap partner is not on the roster.
    case partnerNotOnRoster(MemberID)
    /// The swap partner is away.
    case partnerAway(MemberID)
    /// Nobody else is available to take the turn.
    case nobodyElseAvailable

    /// The reply to the member; `name` renders a member mention (default `@user`).
    public func message(name: (MemberID) -> String = KudosError.defaultName) -> String {
        switch self {
        case .alreadyOnRoster(let position):
            return "You're already on the facilitator roster (#\(position) in line). "
                + "`/cop roster who` shows the order; `/cop roster leave` takes you off."
        case .notOnRoster:
            return "You're not on the facilitator roster yet. `/cop roster join` adds you — thank you for offering!"
        case .notUpNext(let upcoming?):
            return "You're not up next — \(name(upcoming)) is, so there's no turn of yours to pass on yet. "
                + "If you'll be away, `/cop away 2w` keeps you out of the rotation."
        case .notUpNext(nil):
            return "Nobody has been picked for the next turn yet, so there's nothing to skip or swap. "
                + "`/cop roster who` shows the order."
        case .swapWithSelf:
            return "Swapping with yourself keeps things as they are. Name another roster member: "
                + "`/cop roster swap @member`."
        case .partnerNotOnRoster(let partner):
            return "\(name(partner)) isn't on the facilitator roster, so they can't take your turn. "
                + "`/cop roster who` lists who is."
        case .partnerAway(let partner):
            return "\(name(partner)) is away at the moment. Try someone else, or `/cop roster skip` to let "
                + "the next person in line take it."
        case .nobodyElseAvailable:
            return "Nobody else on the roster is available to take this turn, so it stays with you. "
                + "If you can't make it, tell the convenors."
        }
    }
}
