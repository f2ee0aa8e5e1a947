import ConvenerCore
import Foundation

/// The dashboard page: plain HTML and inline SVG bars rendered on the server, no scripts, no external assets.
enum DashboardPage {
    /// The page for `healths`, one section per community.
    static func html(_ healths: [(id: String, health: CommunityHealth)]) -> String {
        let sections = healths.map { section($0.health, id: $0.id) }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Convener dashboard</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
            main{max-width:960px;margin:0 auto;padding:1rem}
            h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}h3{font-size:.95rem;margin:.2rem 0 .5rem}
            .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:.6rem}
            .tile{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:.6rem .8rem}
            .tile b{display:block;font-size:1.5rem}.tile span{color:#5a6478;font-size:.85rem}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:.8rem;margin-top:.8rem}
            .chart{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:.6rem .8rem}
            svg text{font-size:11px;fill:#1d2330}.muted{color:#5a6478;font-size:.85rem}
            </style></head><body><main>
            <h1>Convener dashboard</h1>
            <p class="muted">Aggregates only: no member names, no messages, no answers.</p>
            \(sections)
            </main></body></html>
            """
    }

    private static func section(_ health: CommunityHealth, id: String) -> String {
        var style = Date.ISO8601FormatStyle()
        style = style.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false)
        let tiles = [
            ("members", health.members), ("new in 30 days", health.newLast30Days),
            ("active in 7 days", health.activeLast7Days), ("active in 30 days", health.activeLast30Days),
            ("quiet", health.quiet), ("away", health.away), ("outbox", health.outbox),
            ("undeliverable", health.deadLetters),
        ]
        .map { "<div class=\"tile\"><b>\($0.1)</b><span>\(escape($0.0))</span></div>" }
        .joined()
        let charts = [
            chart("Members per tier", health.tiers),
            chart("Last active", health.lastActive),
            chart("Activity since joining", health.activity),
        ]
        return """
            <section><h2>\(escape(health.community))</h2>
            <p class="muted">as of \(health.generatedAt.formatted(style)) UTC. \
            <a href="/dashboard/trends?community=\(escape(id))&amp;weeks=12">Trends over 12 weeks</a> · \
            <a href="/dashboard/trends?community=\(escape(id))&amp;weeks=52">52 weeks</a></p>
            <div class="tiles">\(tiles)</div>
            <div class="charts">\(charts.joined())</div></section>
            """
    }

    /// A horizontal bar chart: one row per bar, scaled to the largest count.
    private static func chart(_ title: String, _ bars: [CommunityHealth.Bar]) -> String {
        let rowHeight = 22
        let height = rowHeight * max(bars.count, 1) + 4
        let largest = max(bars.map(\.count).max() ?? 0, 1)
        let rows = bars.enumerated().map { index, bar in
            let y = index * rowHeight + 2
            let width = Int((Double(bar.count) / Double(largest) * 150).rounded())
            return """
                <text x="0" y="\(y + 15)">\(escape(bar.label))</text>\
                <rect x="90" y="\(y + 3)" width="\(max(width, 1))" height="16" rx="3" fill="#3b6fd8"></rect>\
                <text x="\(96 + width)" y="\(y + 15)">\(bar.count)</text>
                """
        }
        return """
            <div class="chart"><h3>\(escape(title))</h3>
            <svg role="img" aria-label="\(escape(title))" viewBox="0 0 290 \(height)" width="100%">\
            \(rows.joined())</svg></div>
            """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
