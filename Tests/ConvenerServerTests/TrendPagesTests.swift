import ConvenerCore
import Foundation
import Testing

@testable import ConvenerServer

@Suite("The trends page and the funders' report")
struct TrendPagesTests {
    let calendar = AnalyticsWeek(timeZone: .gmt)

    /// Twelve weeks of a growing community whose commands stay below k.
    func trends() -> CommunityTrends {
        var week = calendar.week(containing: Date(timeIntervalSince1970: 1_767_600_000))
        var aggregates: [WeeklyAggregate] = []
        for index in 0..<12 {
            var counts = WeekCounts()
            counts.messages = 40 + 5 * index
            counts.commands = index % 4
            counts.joined = 6
            counts.kudos = 7
            aggregates.append(
                WeeklyAggregate(
                    start: week.start, end: week.end, label: calendar.label(of: week), members: 50 + 6 * index,
                    tiers: ["core": 3, "active": 10, "occasional": 17, "peripheral": 20 + 6 * index],
                    activeMembers: 20 + index, counts: counts))
            week = calendar.week(after: week)
        }
        return CommunityTrends(community: "Nursing <CoP>", k: 5, aggregates: aggregates)
    }

    @Test("The trends page draws six charts with a table each and the prompt table, holds k, escapes names")
    func trendsPage() throws {
        let view = TrendsView(trends(), communityID: "nursing", now: Date(), charts: .dashboard)
        let html = try ReportTemplates.render("trends", view)
        #expect(html.components(separatedBy: "<svg class=\"plot\"").count - 1 == 6)
        #expect(html.components(separatedBy: "<caption>").count - 1 == 9)
        #expect(html.contains("No prompt was posted in this period."))
        #expect(html.contains("Nursing &lt;CoP&gt;"))
        #expect(!html.contains("<script"))
        // Core (3 members) and commands (0–3) are below k everywhere they appear.
        #expect(html.contains("<td>&lt; 5</td>"))
        #expect(!html.contains("<td>3</td>"))
        #expect(html.contains("aria-current=\"page\">12 weeks"))
        #expect(html.contains("rising by"))
    }

    @Test("The report is one printable page with three charts and the highlights")
    func report() throws {
        let html = try FundersReport.html(trends(), communityID: "nursing", now: Date())
        #expect(html.contains("@media print"))
        #expect(html.components(separatedBy: "<svg class=\"plot\"").count - 1 == 3)
        #expect(html.contains("Size and growth"))
        #expect(html.contains("Members thanked each other with 84 kudos."))
        #expect(html.contains("116"))
    }
}
