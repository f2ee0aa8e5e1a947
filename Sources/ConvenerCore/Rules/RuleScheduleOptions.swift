/// How a schedule rule treats fires missed while the daemon was down and fires that fall on a holiday.
public struct RuleScheduleOptions: Sendable, Equatable {
    /// The catch-up policy and lateness limit (`catchUp`, `maxLateness`).
    public var catchUp: ScheduleCatchUp
    /// What a fire on a community holiday does (`holidays`).
    public var holidays: HolidayHandling

    /// Schedule options; the defaults are catch-up `latest` without a lateness limit, and skipping holidays.
    public init(catchUp: ScheduleCatchUp = ScheduleCatchUp(), holidays: HolidayHandling = .standard) {
        self.catchUp = catchUp
        self.holidays = holidays
    }

    /// The options of a schedule that names none.
    public static let standard = RuleScheduleOptions()
}
