import Foundation

/// When something typed with `--closes` should close: after a duration, or at a date and time.
public enum CommandDeadline: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Closes this long after the command is handled, like `--closes 2d`.
    case after(CommandDuration)
    /// Closes at this date and time, like `--closes 2026-12-01T17:00`; local times use the community's zone.
    case at(CommandDateTime)

    /// Parses a duration or a date-time; `nil` if the text is neither.
    public static func parse(_ text: String) -> CommandDeadline? {
        try? parseExplaining(text).get()
    }

    /// The instant this deadline names, counting durations from `now` and reading local times in `timeZone`.
    public func date(now: Date, timeZone: TimeZone) -> Date? {
        switch self {
        case .after(let duration):
            return now.addingTimeInterval(TimeInterval(duration.seconds))
        case .at(let dateTime):
            return dateTime.date(localTimeZone: timeZone)
        }
    }

    /// The deadline as a person would read it: "in 2 days" or "at 2026-12-01T17:00:00".
    public var description: String {
        switch self {
        case .after(let duration):
            return "in \(duration)"
        case .at(let dateTime):
            return "at \(dateTime)"
        }
    }

    /// Parses a deadline, or says in one sentence what is wrong with it.
    static func parseExplaining(_ text: String) -> Result<CommandDeadline, CommandProblem> {
        // A date starts with a four-digit year and a dash; anything else is read as a duration.
        let looksLikeDate =
            text.count >= 5 && text.prefix(4).allSatisfy { $0.isASCII && $0.isNumber }
            && text.dropFirst(4).first == "-"
        if looksLikeDate {
            return CommandDateTime.parseExplaining(text).map { .at($0) }
        }
        switch CommandDuration.parseExplaining(text) {
        case .success(let duration):
            return .success(.after(duration))
        case .failure(let problem):
            if text.contains("-") || text.contains(":") {
                return .failure(
                    CommandProblem(
                        message: "\"\(text)\" is neither a duration nor a date; use 2d or 2026-12-01T17:00."))
            }
            return .failure(problem)
        }
    }
}
