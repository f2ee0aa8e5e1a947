#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the daemon listens: an IPv4 address, a bracketed IPv6 address or a hostname, and a port (0 picks one).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// Why a listen address was refused; `description` says what is allowed.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The explanation, e.g. `port 70000 is out of range; allowed: 0-65535`.
        public var description: String
    }

    /// The host without brackets: `127.0.0.1`, `::1`, `localhost`.
    public var host: String
    /// The port, 0-65535 (0 asks the system for a free port).
    public var port: Int

    /// Creates an address without validation.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `[IPv6]:PORT`.
    public init(parsing text: String) throws(ParseError) {
        let usage = "expected HOST:PORT, e.g. 127.0.0.1:8080, [::1]:8080 or localhost:8080"
        let host: String
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ParseError(description: "'\(text)' is not a listen address; \(usage)")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(close, offsetBy: 2)...]
            guard Self.isIPv6(host) else {
                throw ParseError(description: "'\(host)' is not an IPv6 address; \(usage)")
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw ParseError(description: "'\(text)' is not a listen address; \(usage)")
            }
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
            if host.contains(":") {
                throw ParseError(
                    description: "'\(text)' is not a listen address; write IPv6 hosts in brackets: [\(host)]:PORT")
            }
            if host.isEmpty {
                throw ParseError(description: "'\(text)' has no host; use 0.0.0.0 or [::] to listen on every interface")
            }
            if host.allSatisfy({ $0.isNumber || $0 == "." }) {
                guard Self.isIPv4(host) else {
                    throw ParseError(description: "'\(host)' is not an IPv4 address; \(usage)")
                }
            } else if !Self.isHostname(host) {
                throw ParseError(description: "'\(host)' is not a valid hostname; \(usage)")
            }
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
            let port = Int(portText)
        else {
            throw ParseError(description: "'\(portText)' is not a port; \(usage)")
        }
        guard (0...65535).contains(port) else {
            throw ParseError(description: "port \(port) is out of range; allowed: 0-65535 (0 picks a free port)")
        }
        self.init(host: host, port: port)
    }

    /// `host:port`, with brackets around IPv6 hosts.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether only this machine can connect: `localhost`, 127.0.0.0/8, `::1` or IPv4-mapped loopback.
    public var isLoopback: Bool {
        let name = host.lowercased()
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        if Self.isIPv4(name) { return name.hasPrefix("127.") }
        guard let bytes = Self.ipv6Bytes(name) else { return false }
        if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }
        return bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] && bytes[12] == 127
    }

    private static func isIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
                    && (Int(part) ?? 256) <= 255
            }
    }

    private static func isIPv6(_ host: String) -> Bool { ipv6Bytes(host) != nil }

    private static func ipv6Bytes(_ host: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    private static func isHostname(_ host: String) -> Bool {
        guard host.utf8.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                }
        }
    }
}
