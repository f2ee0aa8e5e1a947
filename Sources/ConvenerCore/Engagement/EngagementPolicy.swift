import Foundation

/// The tunable rules that turn activity into scores, tiers and `inactive` events.
///
/// With exponential decay a member who earns `r` points a day settles at a score of
/// `r × halfLife / ln 2` (≈ 43 r for the 30-day default), so the default thresholds read as rates:
/// core ≈ a message a day, active ≈ two a week, occasional ≈ two a month. The lower "keep" thresholds
/// (about 0.5–0.7 of the promotion ones) and the 7-day gap between changes are the hysteresis: a
/// member hovering around a threshold does not flip back and forth, and nobody's tier changes more
/// than once a week. A core member who falls silent leaves core after two weeks (if just above the
/// line) to seven weeks (after two messages a day) and reaches peripheral after five to six months:
/// slow enough to feel fair, fast enough to stay true.
public struct EngagementPolicy: Codable, Sendable, Equatable, Hashable {
    /// Points per kind of activity.
    public var weights: EngagementWeights
    /// Days after which a score has halved (default 30).
    public var halfLifeDays: Double
    /// Score at which a member is promoted to core (default 40).
    public var corePromote: Double
    /// Score below which a core member is demoted (default 28).
    public var coreKeep: Double
    /// Score at which a member is promoted to active (default 12).
    public var activePromote: Double
    /// Score below which an active (or core) member drops under active (default 8).
    public var activeKeep: Double
    /// Score at which a member is promoted to occasional (default 3).
    public var occasionalPromote: Double
    /// Score below which a member drops to peripheral (default 1.5).
    public var occasionalKeep: Double
    /// Minimum days between two tier changes of one member (default 7).
    public var minDaysBetweenTierChanges: Double
    /// Days without activity after which `inactive` is raised (default 30).
    public var silentDays: Int

    /// A policy; every argument defaults to the documented default.
    public init(
        weights: EngagementWeights = EngagementWeights(),
        halfLifeDays: Double = 30,
        corePromote: Double = 40,
        coreKeep: Double = 28,
        activePromote: Double = 12,
        activeKeep: Double = 8,
        occasionalPromote: Double = 3,
        occasionalKeep: Double = 1.5,
        minDaysBetweenTierChanges: Double = 7,
        silentDays: Int = 30
    ) {
        self.weights = weights
        self.halfLifeDays = halfLifeDays
        self.corePromote = corePromote
        self.coreKeep = coreKeep
        self.activePromote = activePromote
        self.activeKeep = activeKeep
        self.occasionalPromote = occasionalPromote
        self.occasionalKeep = occasionalKeep
        self.minDaysBetweenTierChanges = minDaysBetweenTierChanges
        self.silentDays = silentDays
    }

    /// What is wrong with the policy, one sentence per problem naming the setting; empty when valid.
    public var problems: [String] {
        var problems: [String] = []
        if !(halfLifeDays > 0) {
            problems.append("halfLifeDays must be greater than 0 (it is \(halfLifeDays)); 30 is a good start.")
        }
        let pairs: [(String, Double, String, Double)] = [
            ("coreKeep", coreKeep, "corePromote", corePromote),
            ("activeKeep", activeKeep, "activePromote", activePromote),
            ("occasionalKeep", occasionalKeep, "occasionalPromote", occasionalPromote),
        ]
        for (keepName, keep, promoteName, promote) in pairs where !(keep >= 0 && keep <= promote) {
            problems.append("\(keepName) (\(keep)) must be between 0 and \(promoteName) (\(promote)).")
        }
        if !(occasionalPromote <= activePromote && activePromote <= corePromote) {
            problems.append(
                "Promotion thresholds must grow from occasional to core "
                    + "(they are \(occasionalPromote), \(activePromote), \(corePromote))."
            )
        }
        if !(occasionalKeep <= activeKeep && activeKeep <= coreKeep) {
            problems.append(
                "Keep thresholds must grow from occasional to core "
                    + "(they are \(occasionalKeep), \(activeKeep), \(coreKeep))."
            )
        }
        if !(minDaysBetweenTierChanges >= 0) {
            problems.append("minDaysBetweenTierChanges must be 0 or more (it is \(minDaysBetweenTierChanges)).")
        }
        if silentDays < 1 {
            problems.append("silentDays must be at least 1 (it is \(silentDays)).")
        }
        return problems
    }

    /// The score needed to be promoted into `tier` (0 for peripheral).
    public func promoteThreshold(for tier: EngagementTier) -> Double {
        switch tier {
        case .peripheral: 0
        case .occasional: occasionalPromote
        case .active: activePromote
        case .core: corePromote
        }
    }

    /// The score a member of `tier` must stay at or above to keep it (0 for peripheral).
    public func keepThreshold(for tier: EngagementTier) -> Double {
        switch tier {
        case .peripheral: 0
        case .occasional: occasionalKeep
        case .active: activeKeep
        case .core: coreKeep
        }
    }

    /// The tier a member of `current` tier with `score` belongs in, ignoring the time between changes.
    ///
    /// Up: the highest tier whose promotion threshold the score reaches. Down: the highest tier whose
    /// keep threshold the score still meets. Between the two thresholds nothing changes.
    public func targetTier(current: EngagementTier, score: Double) -> EngagementTier {
        let tiersDownward = EngagementTier.allCases.reversed()
        if let promoted = tiersDownward.first(where: { $0 > current && score >= promoteThreshold(for: $0) }) {
            return promoted
        }
        if score >= keepThreshold(for: current) {
            return current
        }
        return tiersDownward.first(where: { $0 < current && score >= keepThreshold(for: $0) }) ?? .peripheral
    }

    /// The half-life in seconds.
    var halfLife: TimeInterval { halfLifeDays * 86_400 }
}
