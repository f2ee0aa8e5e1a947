/// The engine's safety limits: loop depth, default per-rule rate, outbound budget, traces kept, run timeout.
public struct RuleLimits: Sendable, Equatable {
    /// The longest cause chain allowed: an event caused by this many rule runs in a row is dropped.
    public var maximumChainDepth: Int
    /// How many runs a rule without its own `rateLimit.global` may make (a token bucket per rule).
    public var defaultRuleRate: RuleRate
    /// Outbound messages all rules together may send per hour in one community.
    public var outboundPerHour: Int
    /// How many recent traces each rule keeps.
    public var tracesPerRule: Int
    /// Seconds a run stays open (for `mode`) unless `finish` ends it sooner; 0 (the default) ends every run as
    /// soon as `process` returns, so modes only matter for hosts that call `finish` when a run's effects are done
    /// (for example when the poll a rule started closes).
    public var runTimeout: Double

    /// Limits; the defaults suit a community of a few hundred members.
    public init(
        maximumChainDepth: Int = 3, defaultRuleRate: RuleRate = RuleRate(count: 60, seconds: 3600),
        outboundPerHour: Int = 200, tracesPerRule: Int = 20, runTimeout: Double = 0
    ) {
        self.maximumChainDepth = maximumChainDepth
        self.defaultRuleRate = defaultRuleRate
        self.outboundPerHour = outboundPerHour
        self.tracesPerRule = tracesPerRule
        self.runTimeout = runTimeout
    }

    /// The defaults.
    public static let standard = RuleLimits()
}
