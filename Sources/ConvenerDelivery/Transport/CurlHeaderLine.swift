/// One response header line as libcurl hands it over (`Name: value\r\n`, a status line, or the blank line).
///
/// Read on bytes: HTTP's whitespace around a field is spaces and tabs only (RFC 9110, 5.6.3), so nothing needs
/// Foundation's Unicode-aware trimming, which took a twentieth of a request's CPU when every late reply was
/// delivered.
enum CurlHeaderLine: Equatable {
    /// A status line (`HTTP/1.1 200 OK`): a new response begins (after 100 Continue or a redirect).
    case status
    /// A header field.
    case field(name: String, value: String)
    /// Anything else (the blank line that ends the headers).
    case other

    init(_ bytes: UnsafeRawBufferPointer) {
        let line = Self.trimmed(bytes[...])
        if line.starts(with: "HTTP/".utf8) {
            self = .status
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            self = .field(
                name: String(decoding: Self.trimmed(line[..<colon]), as: UTF8.self),
                value: String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self))
        } else {
            self = .other
        }
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }
}
