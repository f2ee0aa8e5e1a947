import CCurl

/// The libcurl that outbound HTTP goes through (the platform transports arrive with the chat adapters).
public enum CurlTransport {
    /// libcurl's version line, e.g. `libcurl/7.88.1 OpenSSL/3.0.15 …`.
    public static var versionDescription: String {
        guard let version = curl_version() else { return "libcurl (unknown version)" }
        return String(cString: version)
    }
}
