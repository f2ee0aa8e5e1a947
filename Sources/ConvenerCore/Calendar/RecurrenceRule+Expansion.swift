/// The instances of a rule, as local dates and times, in order.
extension RecurrenceRule {
    /// Every instance from `start` on (`start` itself only when the rule selects it, as python-dateutil does),
    /// up to and including `through`, at most `limit` of them.
    public func instances(from start: CivilDateTime, through: CivilDateTime, limit: Int = 10_000) -> [CivilDateTime] {
        var found: [CivilDateTime] = []
        var produced = 0
        var period = 0
        // Enough periods for any rule whose periods can be empty (BYMONTHDAY=31 in February, …) to reach `through`.
        let maxPeriods = 12 * 500
        while period < maxPeriods {
            let days = candidateDays(period: period, start: start)
            period += 1
            for day in days {
                let instance = CivilDateTime(dayNumber: day, hour: start.hour, minute: start.minute)
                guard instance >= start else { continue }
                if case .until(let until) = end, instance > until { return found }
                if instance > through || found.count >= limit { return found }
                produced += 1
                found.append(instance)
                if case .count(let count) = end, produced >= count { return found }
            }
            if let first = periodStart(period: period, start: start), first > through.dayNumber { return found }
        }
        return found
    }

    /// The first day number of period `period`, to know when expansion has passed `through`.
    private func periodStart(period: Int, start: CivilDateTime) -> Int? {
        switch frequency {
        case .daily: return start.dayNumber + period * interval
        case .weekly: return weekStartDay(of: start.dayNumber) + 7 * period * interval
        case .monthly:
            let month = start.month - 1 + period * interval
            return CivilCalendar.days(year: start.year + month / 12, month: month % 12 + 1, day: 1)
        case .yearly: return CivilCalendar.days(year: start.year + period * interval, month: 1, day: 1)
        }
    }

    /// The selected days of one period, sorted, after BYSETPOS.
    private func candidateDays(period: Int, start: CivilDateTime) -> [Int] {
        var days: [Int]
        switch frequency {
        case .daily:
            let day = start.dayNumber + period * interval
            days = matchesFilters(day) ? [day] : []
        case .weekly:
            let first = weekStartDay(of: start.dayNumber) + 7 * period * interval
            let wanted = weekdays.isEmpty ? [start.weekday] : weekdays.map(\.weekday)
            days = (first..<first + 7).filter { wanted.contains(CivilCalendar.weekday(ofDay: $0)) }
            if !months.isEmpty { days = days.filter { months.contains(month(of: $0)) } }
        case .monthly:
            let index = start.month - 1 + period * interval
            let (year, month) = (start.year + index / 12, index % 12 + 1)
            days = months.isEmpty || months.contains(month) ? daysOf(year: year, month: month, start: start) : []
        case .yearly:
            let year = start.year + period * interval
            // BYMONTHDAY alone picks its days in every month of the year (RFC 5545's table of BYxxx expansions).
            let inMonths = !months.isEmpty ? months.sorted() : monthDays.isEmpty ? [start.month] : Array(1...12)
            days = inMonths.flatMap {
                daysOf(year: year, month: $0, start: start)
            }
        }
        days = Array(Set(days)).sorted()
        guard !setPositions.isEmpty else { return days }
        let picked = setPositions.compactMap { position -> Int? in
            let index = position > 0 ? position - 1 : days.count + position
            return days.indices.contains(index) ? days[index] : nil
        }
        return Array(Set(picked)).sorted()
    }

    /// The days of one month that BYMONTHDAY and BYDAY select (both: the days in both); neither: the start's day.
    private func daysOf(year: Int, month: Int, start: CivilDateTime) -> [Int] {
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        let first = CivilCalendar.days(year: year, month: month, day: 1)
        let all = Array(first..<first + length)
        var byMonthDay: [Int]?
        if !monthDays.isEmpty {
            byMonthDay = monthDays.compactMap { value in
                let day = value > 0 ? value : length + value + 1
                return (1...length).contains(day) ? first + day - 1 : nil
            }
        }
        var byDay: [Int]?
        if !weekdays.isEmpty {
            byDay = weekdays.flatMap { number -> [Int] in
                let matching = all.filter { CivilCalendar.weekday(ofDay: $0) == number.weekday }
                guard let ordinal = number.ordinal else { return matching }
                let index = ordinal > 0 ? ordinal - 1 : matching.count + ordinal
                return matching.indices.contains(index) ? [matching[index]] : []
            }
        }
        switch (byMonthDay, byDay) {
        case (let dates?, let weekdays?): return dates.filter { weekdays.contains($0) }
        case (let dates?, nil): return dates
        case (nil, let weekdays?): return weekdays
        case (nil, nil): return start.day <= length ? [first + start.day - 1] : []
        }
    }

    /// Whether a day passes the BYMONTH, BYMONTHDAY and BYDAY filters (daily rules use them as filters).
    private func matchesFilters(_ day: Int) -> Bool {
        let civil = CivilCalendar.civil(fromDays: day)
        if !months.isEmpty, !months.contains(civil.month) { return false }
        if !monthDays.isEmpty {
            let length = CivilCalendar.daysInMonth(year: civil.year, month: civil.month)
            guard monthDays.contains(where: { ($0 > 0 ? $0 : length + $0 + 1) == civil.day }) else { return false }
        }
        if !weekdays.isEmpty, !weekdays.contains(where: { $0.weekday == CivilCalendar.weekday(ofDay: day) }) {
            return false
        }
        return true
    }

    private func weekStartDay(of day: Int) -> Int {
        day - CivilCalendar.floorModulo(CivilCalendar.weekday(ofDay: day) - weekStart, 7)
    }

    private func month(of day: Int) -> Int { CivilCalendar.civil(fromDays: day).month }
}
