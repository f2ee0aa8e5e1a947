/// Walks forward to the next time that matches an expression, step for step like cronsim 2.8's
/// `CronSim.advance` (the reference), but jumping over runs of non-matching values with bitsets and
/// arithmetic instead of ticking one unit at a time.
///
/// Fixed-time expressions (neither minute nor hour starts with `*`) walk local wall-clock time and are
/// placed on the timeline at the end (a skipped time moves to the end of the gap, a repeated time takes
/// its first pass). All other expressions walk real time, reading the wall clock at each instant.
struct CronCursor {
    /// Years to search past the start year before giving up, as cronsim does.
    static let searchYears = 50

    private let expression: CronExpression
    private let zone: CronZone
    /// Whether `wall` is plain wall-clock time advanced by arithmetic (fixed-time jobs, fixed-offset zones).
    private let walksWallClock: Bool
    private var wall: Int
    private var fold: Bool

    /// Starts at the whole second at or before `instant` (cronsim drops sub-second parts).
    init(expression: CronExpression, zone: CronZone, instant: Int) {
        self.expression = expression
        self.zone = zone
        walksWallClock = expression.isFixedTime || zone.fixedOffset != nil
        (wall, fold) = zone.wall(ofInstant: instant)
        if walksWallClock { fold = false }
    }

    /// The first matching instant after the cursor, moving the cursor there; `nil` when nothing matches
    /// within `searchYears` of the cursor's year.
    mutating func next() -> Int? {
        tick(1)
        guard advance() else { return nil }
        guard walksWallClock else { return zone.instant(ofWall: wall, fold: fold) }
        moveOutOfGap()
        return zone.instant(ofWall: wall, fold: false)
    }

    // A skipped wall time runs at the first whole minute that exists, i.e. right after the jump.
    private mutating func moveOutOfGap() {
        guard zone.isSkipped(wall: wall) else { return }
        var low = 1
        var high = 1
        while zone.isSkipped(wall: wall + high * 60) {
            low = high + 1
            high *= 2
        }
        while low < high {
            let middle = (low + high) / 2
            if zone.isSkipped(wall: wall + middle * 60) { low = middle + 1 } else { high = middle }
        }
        wall += low * 60
    }

    private mutating func advance() -> Bool {
        let startYear = civilDate.year
        while true {
            advanceMonth()
            if civilDate.year > startYear + Self.searchYears { return false }
            if advanceDay() { continue }
            if advanceHour() { continue }
            if advanceMinute() { continue }
            if advanceSecond() { continue }
            return true
        }
    }

    private var dayNumber: Int { CivilCalendar.floorDivide(wall, CivilCalendar.secondsPerDay) }
    private var secondOfDay: Int { wall - dayNumber * CivilCalendar.secondsPerDay }
    private var civilDate: (year: Int, month: Int, day: Int) { CivilCalendar.civil(fromDays: dayNumber) }
    private var hour: Int { secondOfDay / 3600 }
    private var minute: Int { secondOfDay / 60 % 60 }
    private var second: Int { secondOfDay % 60 }

    private mutating func tick(_ seconds: Int) {
        if walksWallClock {
            wall += seconds
        } else {
            (wall, fold) = zone.wall(ofInstant: zone.instant(ofWall: wall, fold: fold) + seconds)
        }
    }

    private mutating func startDay(year: Int, month: Int, day: Int) {
        wall = CivilCalendar.days(year: year, month: month, day: day) * CivilCalendar.secondsPerDay
        fold = false
    }

    private mutating func advanceMonth() {
        var (year, month, _) = civilDate
        if expression.matchesMonth(month) { return }
        repeat {
            month += 1
            if month == 13 {
                month = 1
                year += 1
            }
        } while !expression.matchesMonth(month)
        startDay(year: year, month: month, day: 1)
    }

    private mutating func advanceDay() -> Bool {
        let (year, month, day) = civilDate
        let matching = expression.matchingDays(year: year, month: month)
        if matching & (1 << UInt32(day)) != 0 { return false }
        let later = matching & ~((UInt32(2) << UInt32(day)) &- 1)
        if later != 0 {
            startDay(year: year, month: month, day: later.trailingZeroBitCount)
        } else if month == 12 {
            startDay(year: year + 1, month: 1, day: 1)
        } else {
            startDay(year: year, month: month + 1, day: 1)
        }
        return true
    }

    private mutating func advanceHour() -> Bool {
        if expression.matchesHour(hour) { return false }
        wall -= minute * 60 + second
        tickUntil(step: 3600, period: 24, matching: UInt64(expression.hours))
        return true
    }

    private mutating func advanceMinute() -> Bool {
        if expression.matchesMinute(minute) { return false }
        wall -= second
        if expression.minutes.nonzeroBitCount == 1 {
            let target = expression.minutes.trailingZeroBitCount
            tick(CivilCalendar.floorModulo(target - minute, 60) * 60)
        }
        tickUntil(step: 60, period: 60, matching: expression.minutes)
        return true
    }

    private mutating func advanceSecond() -> Bool {
        if second == 0 { return false }
        tick(60 - second)
        while second != 0 { tick(1) }
        return true
    }

    // cronsim ticks by `step` until the value matches or wraps to 0; between DST transitions the wall
    // clock moves in step with real time, so the number of ticks can be computed instead of counted.
    private mutating func tickUntil(step: Int, period: Int, matching mask: UInt64) {
        let value = { (cursor: CronCursor) in step == 60 ? cursor.minute : cursor.hour }
        let matches = { (value: Int) in mask & (1 << UInt64(value)) != 0 }
        while !matches(value(self)) {
            let current = value(self)
            var ticks = 1
            while current + ticks < period, !matches(current + ticks) { ticks += 1 }
            if walksWallClock {
                wall += ticks * step
                return
            }
            let instant = zone.instant(ofWall: wall, fold: fold)
            let target = instant + ticks * step
            if zone.wall(ofInstant: instant).wall == wall, zone.hasSameOffset(instant, target) {
                (wall, fold) = zone.wall(ofInstant: target)
                return
            }
            tick(step)
            if value(self) == 0 { return }
        }
    }
}
