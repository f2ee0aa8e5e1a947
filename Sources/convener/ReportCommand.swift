import ArgumentParser
import ConvenerCore
import ConvenerServer
import Foundation

/// `convener report`: a community's weekly history over a period, as CSV, JSON or a one-page HTML report for
/// funders. Read-only, safe while the daemon runs; every member figure is held to the anonymity threshold.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a community's trends over a period as CSV, JSON or a printable HTML report.",
        discussion: "Weeks run Monday to Sunday on the community's clock; every week that overlaps --from..--to is "
            + "included, the running week with its figures so far. A figure about fewer than k members "
            + "(surveys.k) is shown as \"< k\". Print the HTML from a browser to get a PDF."
    )

    /// The formats `--format` takes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
        case json
        case html
    }

    @OptionGroup var location: StateCommand.Location

    @Option(help: "The first day, YYYY-MM-DD on the community's calendar.")
    var from: String

    @Option(help: "The last day, YYYY-MM-DD (default: today).")
    var to: String?

    @Option(help: "csv, json or html.")
    var format: Format = .html

    func validate() throws {
        _ = try Self.day(from, option: "--from")
        if let to { _ = try Self.day(to, option: "--to") }
    }

    /// `text` as a civil day, or a message naming the option and the expected form.
    static func day(_ text: String, option: String) throws -> CivilDateTime {
        guard text.count == 10, let day = CivilDateTime(iso: text + "T00:00") else {
            throw ValidationError("\(option) '\(text)' is not a date; write YYYY-MM-DD, like 2026-01-31.")
        }
        return day
    }

    func run() throws {
        let (configuration, profile) = try location.chosenCommunity()
        let state = try StateCommand.Location.readState(configuration.stateDirectory(for: profile))
        let now = Date()
        let weeks = AnalyticsWeek(timeZone: profile.timeZone)
        let first = try Self.day(from, option: "--from")
        guard let start = weeks.start(of: first) else {
            throw ValidationError("--from '\(from)' does not exist on the community's clock (\(profile.timeZoneName)).")
        }
        var end = now
        if let to {
            let last = try Self.day(to, option: "--to")
            guard let lastStart = weeks.start(of: last) else {
                throw ValidationError("--to '\(to)' does not exist on the community's clock (\(profile.timeZoneName)).")
            }
            end = lastStart.addingTimeInterval(86_400)
        }
        guard start < end else {
            throw ValidationError("--from \(from) is after --to \(to ?? "today"); give the earlier day first.")
        }
        let trends = CommunityTrends.period(
            from: start, to: end, state: state, community: profile.name, k: configuration.settings.surveys.threshold,
            weeks: weeks, now: now)
        switch format {
        case .csv:
            print(trends.csv, terminator: "")
        case .json:
            FileHandle.standardOutput.write(try TrendsDocument(trends).json())
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .html:
            do {
                print(try FundersReport.html(trends, communityID: profile.id, now: now), terminator: "")
            } catch {
                throw CLIError.state("\(error)")
            }
        }
    }
}
