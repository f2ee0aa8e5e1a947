import Foundation

/// The time zone names offered as suggestions.
enum ConfigTimeZones {
    /// Foundation's known identifiers plus `UTC`, which Linux Foundation accepts but does not list.
    static let names: [String] = ["UTC"] + TimeZone.knownTimeZoneIdentifiers
}
