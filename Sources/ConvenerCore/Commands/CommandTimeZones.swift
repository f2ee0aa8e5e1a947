import Foundation

/// Checks `--tz` values against the IANA zones Foundation knows, with a suggestion on near misses.
enum CommandTimeZones {
    /// The canonical identifier for `text` (matching case-insensitively), or a sentence saying what is wrong.
    static func resolve(_ text: String) -> Result<String, CommandProblem> {
        let lowered = text.lowercased()
        if ["utc", "etc/utc", "gmt", "etc/gmt", "z", "zulu"].contains(lowered) {
            return .success("UTC")
        }
        if let known = identifiersByLowercase[lowered], TimeZone(identifier: known) != nil {
            return .success(known)
        }
        if let suggestion = suggestion(for: text) {
            return .failure(
                CommandProblem(
                    message: "\"\(text)\" is not a time zone I know; did you mean \(suggestion)?"))
        }
        return .failure(
            CommandProblem(
                message: "\"\(text)\" is not a time zone I know; use an Area/City name like Europe/Berlin "
                    + "or America/New_York."))
    }

    private static let identifiers: [String] = TimeZone.knownTimeZoneIdentifiers

    private static let identifiersByLowercase: [String: String] = Dictionary(
        identifiers.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    /// The last part of each identifier ("Berlin" for Europe/Berlin), for bare city names.
    private static let identifiersByCity: [String: String] = Dictionary(
        identifiers.map { (String($0.split(separator: "/").last ?? Substring($0)), $0) },
        uniquingKeysWith: { first, _ in first })

    private static let cities: [String] = identifiersByCity.keys.sorted()

    private static func suggestion(for text: String) -> String? {
        let cleaned = text.replacingOccurrences(of: " ", with: "_")
        // An abbreviation such as PST or CEST names a zone Foundation can point to.
        if text.count <= 5, text.allSatisfy({ $0.isLetter }),
            let zone = TimeZone(abbreviation: text.uppercased()), identifiers.contains(zone.identifier)
        {
            return zone.identifier
        }
        if let match = CommandSuggestion.closest(to: cleaned, in: identifiers) {
            return match
        }
        // A bare city ("Berlin", "new york") matched against the last part of each identifier.
        let city = String(cleaned.split(separator: "/").last ?? Substring(cleaned))
        if let match = CommandSuggestion.closest(to: city, in: cities) {
            return identifiersByCity[match]
        }
        return nil
    }
}
