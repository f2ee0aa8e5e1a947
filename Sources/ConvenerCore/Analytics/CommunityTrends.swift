import Foundation

/// The weekly history of one community over a period, as it may be shown: every member figure held to the
/// k-floor. The trends API, the CSV and JSON exports, the dashboard's charts and the funders' report read it.
public struct CommunityTrends: Sendable {
    /// One week's row.
    public struct Week: Sendable, Encodable {
        /// The week's Monday, `YYYY-MM-DD`.
        public var week: String
        /// When it began.
        public var start: Date
        /// Whether it is still running (figures so far).
        public var running: Bool
        /// The figures, in `TrendColumn` order.
        public var figures: [ShownCount]

        /// The figure of `column`.
        public func figure(_ column: TrendColumn) -> ShownCount {
            figures[TrendColumn.allCases.firstIndex(of: column) ?? 0]
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(week, forKey: DynamicKey("week"))
            try container.encode(start, forKey: DynamicKey("start"))
            try container.encode(running, forKey: DynamicKey("running"))
            for (column, figure) in zip(TrendColumn.allCases, figures) {
                try container.encode(figure, forKey: DynamicKey(column.rawValue))
            }
        }
    }

    /// The community's name.
    public var community: String
    /// The anonymity threshold the figures are held to.
    public var k: Int
    /// The weeks, oldest first.
    public var weeks: [Week]
    /// The same weeks' raw aggregates, for totals that are floored after summing (never shown as they are).
    let aggregates: [WeeklyAggregate]

    /// The trends of `aggregates` (oldest first) for `community` with threshold `k`.
    public init(community: String, k: Int, aggregates: [WeeklyAggregate]) {
        self.community = community
        self.k = k
        self.aggregates = aggregates
        weeks = aggregates.map { aggregate in
            Week(
                week: aggregate.label, start: aggregate.start, running: aggregate.isRunning,
                figures: TrendColumn.allCases.map { $0.shown(in: aggregate, k: k) })
        }
    }

    /// The last `count` weeks of `state`'s history up to and including the running week at `now`.
    public static func recent(
        _ count: Int, state: CommunityState, community: String, k: Int, weeks calendar: AnalyticsWeek, now: Date
    ) -> CommunityTrends {
        let running = state.analytics.runningWeek(state: state, weeks: calendar, now: now)
        let closed = state.analytics.weeks.filter { $0.start < running.start }
        let all = closed + [running]
        return CommunityTrends(community: community, k: k, aggregates: Array(all.suffix(max(1, count))))
    }

    /// The weeks of `state` that overlap `from..<to` (the running week too, with its figures so far), for
    /// reports over a period.
    public static func period(
        from: Date, to: Date, state: CommunityState, community: String, k: Int, weeks calendar: AnalyticsWeek,
        now: Date
    ) -> CommunityTrends {
        let running = state.analytics.runningWeek(state: state, weeks: calendar, now: now)
        let all = state.analytics.weeks.filter { $0.start < running.start } + [running]
        return CommunityTrends(
            community: community, k: k, aggregates: all.filter { $0.end > from && $0.start < to })
    }

    /// The series of `column`, oldest first.
    public func series(_ column: TrendColumn) -> [ShownCount] {
        weeks.map { $0.figure(column) }
    }

    /// `column` summed over the period, then held to the floor.
    public func total(_ column: TrendColumn) -> ShownCount {
        let sum = aggregates.reduce(0) { $0 + column.count(in: $1) }
        return column.isAboutMembers ? ShownCount(sum, k: k) : .value(sum)
    }

    /// The CSV export: a header of the figures' keys, then one line per week.
    public var csv: String {
        var lines = [(["week", "start", "running"] + TrendColumn.allCases.map(\.rawValue)).joined(separator: ",")]
        for week in weeks {
            let start = week.start.formatted(.iso8601)
            lines.append(
                ([week.week, start, week.running ? "yes" : "no"] + week.figures.map(\.text)).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A JSON key made at run time, for the figures of a week.
private struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ key: String) { stringValue = key }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
