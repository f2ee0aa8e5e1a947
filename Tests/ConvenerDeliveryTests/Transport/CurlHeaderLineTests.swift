import Testing

@testable import ConvenerDelivery

@Suite("Response header lines")
struct CurlHeaderLineTests {
    private func parse(_ text: String) -> CurlHeaderLine {
        Array(text.utf8).withUnsafeBytes { CurlHeaderLine($0) }
    }

    @Test("A field loses the spaces and tabs around its name and value and the line's CRLF, nothing inside")
    func fields() {
        #expect(parse("Retry-After: 30\r\n") == .field(name: "Retry-After", value: "30"))
        #expect(parse("X-Name :\t a  b \t\r\n") == .field(name: "X-Name", value: "a  b"))
        #expect(
            parse("Location: https://example.org/a:b\r\n") == .field(name: "Location", value: "https://example.org/a:b")
        )
        #expect(parse("X-Empty:\r\n") == .field(name: "X-Empty", value: ""))
        #expect(parse("X-Text: caf\u{E9} \u{2014} ok\r\n") == .field(name: "X-Text", value: "caf\u{E9} \u{2014} ok"))
    }

    @Test("Status lines start a new response; the blank line and anything else are neither")
    func statusAndOthers() {
        #expect(parse("HTTP/1.1 100 Continue\r\n") == .status)
        #expect(parse("HTTP/2 429\r\n") == .status)
        #expect(parse("\r\n") == .other)
        #expect(parse("garbage without a colon\r\n") == .other)
    }
}
