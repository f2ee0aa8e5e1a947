/// Why a cron expression could not be parsed: the field, the 1-based column and what to write instead.
public struct CronParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field the problem is in, or `nil` for problems with the expression as a whole.
    public let field: CronField?
    /// The 1-based column (in characters) of the offending text.
    public let column: Int
    /// What is wrong and what is allowed, e.g. "'MOM' is not a day name; use SUN-SAT or 0-7".
    public let reason: String

    /// Creates an error for `field` at `column`.
    public init(field: CronField?, column: Int, reason: String) {
        self.field = field
        self.column = column
        self.reason = reason
    }

    /// The full message, e.g. "field 5 (day of week) at column 11: 'MOM' is not a day name; use SUN-SAT or 0-7".
    public var description: String {
        if let field {
            return "field \(field.rawValue) (\(field.name)) at column \(column): \(reason)"
        }
        return "cron expression at column \(column): \(reason)"
    }
}
