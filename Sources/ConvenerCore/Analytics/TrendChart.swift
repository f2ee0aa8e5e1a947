/// The geometry of a server-rendered SVG trend chart: lines (or a filled area) over weeks, scaled to a nice
/// maximum, with the band below k shaded. Pure numbers and path strings; the templates draw them.
///
/// Readable without colour: every series has its own dash pattern and marker, the legend repeats them, and the
/// table behind the chart holds every value. A value below k is drawn in the middle of the shaded band, which
/// says "fewer than k", never at a height that would tell it.
public struct TrendChart: Sendable {
    /// One drawn series.
    public struct Line: Sendable {
        /// The series' name.
        public var title: String
        /// The polyline's points, `x,y x,y …`.
        public var points: String
        /// A closed path under the line down to the axis, for area charts.
        public var area: String
        /// The stroke's dash pattern (`none` for solid).
        public var dash: String
        /// The series' colour (secondary to the dash pattern).
        public var colour: String
        /// The markers' centres.
        public var markers: [Point]
        /// Whether markers are squares (otherwise circles), the second cue besides the dash.
        public var squareMarkers: Bool
    }

    /// A point of the drawing.
    public struct Point: Sendable {
        /// Across.
        public var x: Double
        /// Down.
        public var y: Double
    }

    /// A labelled position on an axis.
    public struct Tick: Sendable {
        /// Where the tick is (y for the value axis, x for weeks).
        public var at: Double
        /// Its label.
        public var label: String
    }

    /// The drawing's width.
    public let width = 640.0
    /// The drawing's height.
    public let height = 220.0
    /// The plot area's left edge (room for the value labels).
    public let left = 44.0
    /// The plot area's right edge.
    public var right: Double { width - 12 }
    /// The plot area's top.
    public let top = 12.0
    /// The plot area's bottom (the zero line).
    public var bottom: Double { height - 28 }

    /// The series.
    public var lines: [Line]
    /// Value labels: zero, half and the nice maximum.
    public var valueTicks: [Tick]
    /// Week labels: the first, the middle and the last week.
    public var weekTicks: [Tick]
    /// The top of the shaded band below k (its bottom is the zero line).
    public var floorTop: Double
    /// The largest value the scale shows.
    public var maximum: Int

    private static let dashes = ["none", "6 4", "2 3", "10 3 2 3"]
    private static let colours = ["#2f5fb3", "#b34a2f", "#2f8a4a", "#6b3fa0"]

    /// A chart of `series` (title and values, oldest first) over the weeks `labels`, with threshold `k`.
    public init(series: [(title: String, values: [ShownCount])], labels: [String], k: Int) {
        let shown = series.flatMap { $0.values.compactMap(\.number) }
        maximum = Self.niceMaximum(max(shown.max() ?? 0, k))
        lines = []
        valueTicks = []
        weekTicks = []
        floorTop = 0
        let count = max(labels.count, 1)
        let step = count > 1 ? (right - left) / Double(count - 1) : 0
        func x(_ index: Int) -> Double { count > 1 ? left + Double(index) * step : (left + right) / 2 }
        func y(_ value: Double) -> Double { bottom - value / Double(maximum) * (bottom - top) }
        floorTop = y(Double(k))
        for (index, item) in series.enumerated() {
            let points = item.values.enumerated().map { offset, value in
                Point(x: x(offset), y: y(value.number.map(Double.init) ?? Double(k) / 2))
            }
            let text = points.map { "\(Self.format($0.x)),\(Self.format($0.y))" }.joined(separator: " ")
            var area = ""
            if let first = points.first, let last = points.last {
                area =
                    "M\(Self.format(first.x)),\(Self.format(bottom)) L"
                    + text.replacingOccurrences(of: " ", with: " L")
                    + " L\(Self.format(last.x)),\(Self.format(bottom)) Z"
            }
            lines.append(
                Line(
                    title: item.title, points: text, area: area, dash: Self.dashes[index % Self.dashes.count],
                    colour: Self.colours[index % Self.colours.count], markers: points, squareMarkers: index % 2 == 1))
        }
        valueTicks = [0, maximum / 2, maximum].map { Tick(at: y(Double($0)), label: "\($0)") }
        var weekIndexes = [0, (count - 1) / 2, count - 1]
        weekIndexes = weekIndexes.enumerated().filter { !weekIndexes[..<$0.offset].contains($0.element) }.map(\.element)
        weekTicks = weekIndexes.filter { $0 < labels.count }.map { Tick(at: x($0), label: labels[$0]) }
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `value`.
    static func niceMaximum(_ value: Int) -> Int {
        var scale = 1
        while true {
            for factor in [1, 2, 5] where factor * scale >= value { return factor * scale }
            scale *= 10
        }
    }

    /// A coordinate with one decimal, so the SVG stays small and the same data gives the same bytes.
    public static func format(_ value: Double) -> String {
        value.oneDecimalText
    }
}
