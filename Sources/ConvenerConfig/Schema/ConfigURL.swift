import Foundation

/// URL validation shared by config values and environment defaults.
enum ConfigURL {
    /// `text` as a URL if it is http or https with a host; trailing slashes of the path are removed.
    static func validated(_ text: String) -> URL? {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }
}
