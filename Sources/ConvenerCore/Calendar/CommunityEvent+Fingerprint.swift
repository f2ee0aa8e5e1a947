import Foundation

/// What changes an event as calendars see it, reduced to one stable value.
extension CommunityEvent {
    /// A SHA-256 over everything the feed writes for the event: title, words, place, start, duration, recurrence,
    /// instances called off and, when it skips them, the community's holidays. Stable across processes (unlike
    /// `hashValue`), so a restart with an unchanged config records no change.
    public func fingerprint(holidays: [CommunityHoliday]) -> String {
        var parts = [
            "id=\(id)", "title=\(title)", "details=\(details ?? "")", "location=\(location ?? "")",
            "link=\(link ?? "")", "start=\(start)", "duration=\(durationMinutes)",
        ]
        switch recurrence {
        case .once: parts.append("once")
        case .rule(let rule): parts.append("rrule=\(rule)")
        case .cron(let expression):
            parts.append("cron=\(expression.fingerprint) zone=\(scheduleTimeZone?.identifier ?? "")")
        }
        parts.append("cancelled=" + cancelled.map(\.description).sorted().joined(separator: ","))
        parts.append("skipsHolidays=\(skipsHolidays)")
        if skipsHolidays {
            parts.append("holidays=" + holidays.map { "\($0.first)..\($0.last)" }.sorted().joined(separator: ","))
        }
        let text = parts.map { $0.replacingOccurrences(of: "\n", with: "\\n") }.joined(separator: "\n")
        return SecretCrypto.hex(SecretCrypto.sha256(Array(text.utf8)))
    }
}

extension CronExpression {
    /// The matched values of every field: equal for expressions that fire at the same times.
    var fingerprint: String {
        "\(minutes) \(hours) \(daysOfMonth) \(months) \(daysOfWeek) \(daysMatchBoth) \(isFixedTime)"
    }
}
