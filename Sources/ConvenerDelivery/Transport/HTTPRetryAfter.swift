import Foundation

/// Parses the waits servers ask for: the `Retry-After` header and Discord's JSON `retry_after`.
public enum HTTPRetryAfter {
    /// The wait in a `Retry-After` value: whole seconds (`120`) or an IMF-fixdate relative to `now`
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`); a date in the past gives zero, anything else `nil`.
    public static func parseHeader(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(trimmed) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        // Fractional seconds are not standard, but some servers send them.
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0, !trimmed.contains(" ") {
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        guard let date = parseHTTPDate(trimmed) else { return nil }
        let interval = date.timeIntervalSince(now)
        return interval > 0 ? .milliseconds(Int64((interval * 1000).rounded(.up))) : .zero
    }

    /// The wait in a JSON body's top-level `retry_after` (seconds, possibly fractional, as Discord sends) or
    /// `retry_after_ms` (milliseconds, Matrix's `M_LIMIT_EXCEEDED`).
    public static func parseJSONBody(_ body: [UInt8]) -> Duration? {
        struct Body: Decodable {
            let retryAfter: Double?
            let retryAfterMilliseconds: Double?
            enum CodingKeys: String, CodingKey {
                case retryAfter = "retry_after"
                case retryAfterMilliseconds = "retry_after_ms"
            }
        }
        guard let decoded = try? JSONDecoder().decode(Body.self, from: Data(body)),
            let seconds = decoded.retryAfter ?? decoded.retryAfterMilliseconds.map({ $0 / 1000 }), seconds.isFinite,
            seconds >= 0
        else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// An IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`, or `nil`.
    static func parseHTTPDate(_ text: String) -> Date? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = monthIndex + 1
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        return calendar.date(from: components)
    }
}
