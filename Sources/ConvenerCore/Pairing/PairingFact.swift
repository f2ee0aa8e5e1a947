import Foundation

/// A change to the state of pairing programs, journaled inside `Fact`.
public enum PairingFact: Codable, Sendable, Equatable {
    /// A member joined, rejoined, left (`optedIn` false) or changed their profile.
    case profileSaved(PairingProfile)
    /// `/cop pair pause` (until a date) or `/cop pair resume` (nil).
    case pauseChanged(member: MemberID, until: Date?)
    /// `/cop pair not`: `member` is never paired with `other`.
    case avoidAdded(member: MemberID, other: MemberID)
    /// A program's rhythm starts counting from `at` (its first tick), so a new program does not run at once.
    case programAnchored(program: String, at: Date)
    /// A round ran (its program's last run is its `at`).
    case roundRecorded(PairingRound)
    /// "Did you meet?" went out for a round.
    case followUpSent(round: Int)
    /// A member answered "did you meet?".
    case meetingAnswered(round: Int, member: MemberID, met: Bool)
}
