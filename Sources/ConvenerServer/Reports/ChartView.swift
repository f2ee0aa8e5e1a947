import ConvenerCore

/// One chart as the templates draw it: the SVG geometry of a `TrendChart` as strings, a line saying how to
/// read it, and the table of every value behind it for screen readers.
struct ChartView {
    struct Marker {
        let x: String
        let y: String
        let squareX: String
        let squareY: String
        let square: Bool
    }

    struct Line {
        let title: String
        let points: String
        let area: String
        let dash: String
        let colour: String
        let markers: [Marker]
        let isArea: Bool
        let square: Bool
    }

    struct Tick {
        let at: String
        let label: String
        /// Where the label hangs from its position: the first week's starts there, the last week's ends there.
        var anchor = "middle"
    }

    struct Row {
        let week: String
        let cells: [String]
    }

    let id: String
    let title: String
    let howToRead: String
    let lines: [Line]
    let valueTicks: [Tick]
    let weekTicks: [Tick]
    let left: String
    let right: String
    let plotWidth: String
    let bottom: String
    let floorTop: String
    let floorHeight: String
    let floorLabel: String
    let headers: [String]
    let rows: [Row]

    /// A chart of `columns` from `trends`, as lines or, with `area`, filled areas.
    init(
        id: String, title: String, howToRead: String, columns: [TrendColumn], trends: CommunityTrends,
        area: Bool = false
    ) {
        let labels = trends.weeks.map(\.week)
        let chart = TrendChart(
            series: columns.map { ($0.title, trends.series($0)) }, labels: labels, k: trends.k)
        let f = TrendChart.format
        self.id = id
        self.title = title
        self.howToRead = howToRead
        lines = chart.lines.map { line in
            Line(
                title: line.title, points: line.points, area: line.area, dash: line.dash, colour: line.colour,
                markers: line.markers.map {
                    Marker(
                        x: f($0.x), y: f($0.y), squareX: f($0.x - 3), squareY: f($0.y - 3), square: line.squareMarkers)
                },
                isArea: area, square: line.squareMarkers)
        }
        valueTicks = chart.valueTicks.map { Tick(at: f($0.at), label: $0.label) }
        weekTicks = chart.weekTicks.map { tick in
            let anchor = tick.at <= chart.left ? "start" : tick.at >= chart.right ? "end" : "middle"
            return Tick(at: f(tick.at), label: tick.label, anchor: anchor)
        }
        left = f(chart.left)
        right = f(chart.right)
        plotWidth = f(chart.right - chart.left)
        bottom = f(chart.bottom)
        floorTop = f(chart.floorTop)
        floorHeight = f(chart.bottom - chart.floorTop)
        floorLabel = "< \(trends.k)"
        headers = columns.map(\.title)
        rows = trends.weeks.map { week in
            Row(week: week.week + (week.running ? " (so far)" : ""), cells: columns.map { week.figure($0).text })
        }
    }
}
