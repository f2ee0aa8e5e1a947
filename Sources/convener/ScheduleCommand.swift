import ArgumentParser
import ConvenerCore
import Foundation

/// `convener schedule …`: see when a cron schedule fires, in its time zone.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Inspect cron schedules and event recurrence rules.",
        subcommands: [Next.self, Instances.self]
    )

    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the next fire times (ISO-8601 with offset, one per line; the description goes to stderr).",
            discussion: "Example: convener schedule next '0 9 * * MON' --tz Europe/Berlin -n 10"
        )

        @Argument(help: "A 5-field cron expression or an alias such as @daily.")
        var cron: String

        @Option(name: .long, help: "The IANA time zone the schedule runs in.")
        var tz = "UTC"

        @Option(name: .customShort("n"), help: "How many fire times.")
        var count = 5

        @Option(
            name: .long,
            help: "Start strictly after this ISO-8601 instant (default: now), e.g. 2026-03-29T00:00:00+01:00.")
        var after: String?

        func validate() throws {
            guard TimeZone(identifier: tz) != nil else {
                throw ValidationError(
                    "--tz '\(tz)' is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).")
            }
            guard (1...1_000).contains(count) else { throw ValidationError("-n must be between 1 and 1000.") }
            if let after, ISO8601Instant.parse(after) == nil {
                throw ValidationError(
                    "--after '\(after)' is not an ISO-8601 instant with an offset, e.g. 2026-03-29T00:00:00Z.")
            }
        }

        func run() throws {
            let expression: CronExpression
            do {
                expression = try CronExpression(parsing: cron)
            } catch {
                throw CLIError.invalidExpression("'\(cron)': \(error)")
            }
            guard let zone = TimeZone(identifier: tz) else { return }
            let start = after.flatMap(ISO8601Instant.parse) ?? Date()
            let fires = CronSchedule(expression: expression, timeZone: zone).fires(after: start, count: count)
            FileHandle.standardError.write(Data("\(expression.description) (\(zone.identifier))\n".utf8))
            if fires.isEmpty { FileHandle.standardError.write(Data("This schedule never fires.\n".utf8)) }
            for fire in fires { print(ISO8601Instant.format(fire, in: zone)) }
        }
    }
}

/// ISO-8601 instants with an explicit offset, as the schedule tools read and print them.
enum ISO8601Instant {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func format(_ date: Date, in zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(from: date)
        // Foundation writes UTC as "Z"; an explicit offset reads the same for every zone.
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
    }
}
