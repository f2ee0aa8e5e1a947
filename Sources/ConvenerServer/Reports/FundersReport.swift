import ConvenerCore
import Foundation

/// The one-page printable report for funders (`convener report --format html`): size, growth, the engagement
/// trend, participation and highlights, with print CSS and no member names.
public enum FundersReport {
    /// The report of `trends` as one HTML page.
    public static func html(_ trends: CommunityTrends, communityID: String, now: Date) throws -> String {
        try ReportTemplates.render("report", TrendsView(trends, communityID: communityID, now: now, charts: .report))
    }
}
