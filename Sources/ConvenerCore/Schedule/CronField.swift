/// One of the five fields of a cron expression, numbered as in crontab(5).
public enum CronField: Int, Sendable, Hashable, CaseIterable {
    case minute = 1
    case hour = 2
    case dayOfMonth = 3
    case month = 4
    case dayOfWeek = 5

    /// The field's name as used in error messages, e.g. "day of week".
    public var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day of month"
        case .month: "month"
        case .dayOfWeek: "day of week"
        }
    }

    /// The numbers the field accepts; day of week accepts both 0 and 7 for Sunday.
    public var bounds: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// What a user may write in this field, for error messages.
    var allowedValues: String {
        switch self {
        case .minute: "use 0-59"
        case .hour: "use 0-23"
        case .dayOfMonth: "use 1-31"
        case .month: "use JAN-DEC or 1-12"
        case .dayOfWeek: "use SUN-SAT or 0-7"
        }
    }

    /// Three-letter names accepted in place of numbers (month: JAN = 1, day of week: SUN = 0).
    var names: [String] {
        switch self {
        case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        default: []
        }
    }

    /// The number the first name stands for.
    var firstNameValue: Int { self == .month ? 1 : 0 }
}
