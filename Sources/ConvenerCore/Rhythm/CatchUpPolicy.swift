/// What a schedule does about fire times it missed while the daemon was down.
///
/// A fire is *missed* when it is found later than `ScheduleCatchUp.onTimeTolerance` after its instant.
/// Fires found within the tolerance are on time and run under every policy.
public enum CatchUpPolicy: String, Codable, Sendable, CaseIterable {
    /// Missed fires are skipped (and reported); the schedule waits for its next due time.
    case none
    /// Only the most recent missed fire runs, once; older ones are reported as superseded.
    case latest
    /// Every missed fire runs, oldest first, at most `ScheduleCatchUp.allCap` of the most recent ones.
    case all

    /// The policy used when a schedule names none.
    public static let standard: CatchUpPolicy = .latest
}
