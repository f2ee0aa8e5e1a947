import ArgumentParser
import ConvenerCore

extension ScheduleCommand {
    /// `convener schedule instances RRULE --start …`: the local dates and times an event's rule gives.
    struct Instances: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the instances of an RFC 5545 recurrence rule, as local dates and times, one per line.",
            discussion: """
                Example: convener schedule instances 'FREQ=MONTHLY;BYDAY=-1FR' --start 2026-01-30T17:00 \
                --through 2026-12-31T23:59
                """
        )

        @Argument(help: "The rule, e.g. 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'.")
        var rule: String

        @Option(name: .long, help: "The event's first start, local time: 2026-01-06T18:00.")
        var start: String

        @Option(name: .long, help: "The last local time to list (default: two years after the start).")
        var through: String?

        @Option(name: .customShort("n"), help: "At most this many instances.")
        var count = 1_000

        func run() throws {
            guard let first = CivilDateTime(iso: start) else {
                throw ValidationError("--start '\(start)' is not a local date and time; write 2026-01-06T18:00.")
            }
            let last: CivilDateTime
            if let through {
                guard let value = CivilDateTime(iso: through) else {
                    throw ValidationError(
                        "--through '\(through)' is not a local date and time; write 2027-12-31T23:59.")
                }
                last = value
            } else {
                last = CivilDateTime(
                    year: first.year + 2, month: first.month, day: min(first.day, 28), hour: first.hour,
                    minute: first.minute)
            }
            let recurrence: RecurrenceRule
            do {
                recurrence = try RecurrenceRule(parsing: rule)
            } catch {
                throw ValidationError("The rule '\(rule)' is not usable: \(error.description).")
            }
            for instance in recurrence.instances(from: first, through: last, limit: count) {
                print(instance.description)
            }
        }
    }
}
