import Foundation

/// Everything the engine remembers between events, as plain values the host persists with the community.
public struct RuleEngineState: Codable, Sendable, Equatable {
    /// Token buckets by key: `rule:ID`, `member:ID:MEMBER`, `outbound:COMMUNITY`.
    public var buckets: [String: RuleTokenBucket] = [:]
    /// The most recent traces of each rule, oldest first.
    public var traces: [String: [RuleTrace]] = [:]
    /// Runs started and not yet finished, by rule id.
    public var openRuns: [String: [RuleOpenRun]] = [:]
    /// Triggers of `queued` rules waiting for an open run to finish, by rule id, oldest first.
    public var queues: [String: [RuleQueuedTrigger]] = [:]
    /// The number of the next run (run ids are `rule-id#N`).
    public var nextRunNumber: Int = 1
    /// Buckets written since the host last collected them, so it can persist just those (not encoded).
    public var touchedBuckets: Set<String> = []

    enum CodingKeys: String, CodingKey {
        case buckets, traces, openRuns, queues, nextRunNumber
    }

    /// Equal when everything that is kept is equal; which buckets were touched is bookkeeping, not state.
    public static func == (lhs: RuleEngineState, rhs: RuleEngineState) -> Bool {
        lhs.buckets == rhs.buckets && lhs.traces == rhs.traces && lhs.openRuns == rhs.openRuns
            && lhs.queues == rhs.queues && lhs.nextRunNumber == rhs.nextRunNumber
    }

    /// The state of an engine that has not run yet.
    public init() {}

    /// Writes a bucket and remembers that it changed.
    mutating func setBucket(_ key: String, _ bucket: RuleTokenBucket) {
        buckets[key] = bucket
        touchedBuckets.insert(key)
    }

    /// The newest `limit` traces of rule `ruleID`, oldest first.
    public func recentTraces(of ruleID: String, limit: Int) -> [RuleTrace] {
        Array((traces[ruleID] ?? []).suffix(limit))
    }

    /// Appends `trace`; a rule's list is cut back to the newest `limit` once it reaches twice that, so that
    /// recording stays cheap in bursts (between `limit` and `2 × limit` are kept).
    mutating func record(_ trace: RuleTrace, limit: Int) {
        traces[trace.ruleID, default: []].append(trace)
        if let count = traces[trace.ruleID]?.count, count >= 2 * max(limit, 1) {
            traces[trace.ruleID]?.removeFirst(count - limit)
        }
    }

    /// Drops open runs started more than `timeout` seconds before `now`.
    mutating func expireRuns(of ruleID: String, now: Date, timeout: Double) {
        guard let runs = openRuns[ruleID] else { return }
        let open = runs.filter { now.timeIntervalSince($0.startedAt) < timeout }
        openRuns[ruleID] = open.isEmpty ? nil : open
    }
}

/// A token bucket: `tokens` left at `updatedAt`; it refills at its rate up to its size.
public struct RuleTokenBucket: Codable, Sendable, Equatable {
    /// Tokens left at `updatedAt`.
    public var tokens: Double
    /// When `tokens` was computed.
    public var updatedAt: Date

    /// A bucket.
    public init(tokens: Double, updatedAt: Date) {
        self.tokens = tokens
        self.updatedAt = updatedAt
    }

    /// The tokens available at `now` under `rate` (a new bucket starts full).
    static func available(_ bucket: RuleTokenBucket?, rate: RuleRate, now: Date) -> Double {
        guard let bucket else { return Double(rate.count) }
        let elapsed = max(0, now.timeIntervalSince(bucket.updatedAt))
        return min(Double(rate.count), bucket.tokens + elapsed * Double(rate.count) / rate.seconds)
    }
}

/// A run that started and has not finished.
public struct RuleOpenRun: Codable, Sendable, Equatable {
    /// The run id.
    public var runID: String
    /// When it started.
    public var startedAt: Date

    /// An open run.
    public init(runID: String, startedAt: Date) {
        self.runID = runID
        self.startedAt = startedAt
    }
}

/// A trigger of a `queued` rule that waits for the rule's open run to finish.
///
/// The payload is kept as JSON text (timestamps and durations come back as strings); the member by id, looked up
/// again when the run starts.
public struct RuleQueuedTrigger: Codable, Sendable, Equatable {
    /// The event type.
    public var type: String
    /// The event's member, if any.
    public var member: MemberID?
    /// The payload as a JSON object.
    public var payloadJSON: String
    /// The event's cause chain.
    public var cause: [String]
    /// When it was queued.
    public var queuedAt: Date

    /// A queued trigger.
    public init(type: String, member: MemberID?, payloadJSON: String, cause: [String], queuedAt: Date) {
        self.type = type
        self.member = member
        self.payloadJSON = payloadJSON
        self.cause = cause
        self.queuedAt = queuedAt
    }
}
