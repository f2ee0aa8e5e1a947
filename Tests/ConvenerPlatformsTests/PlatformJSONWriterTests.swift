import ConvenerCore
import Foundation
import Testing

@testable import ConvenerPlatforms

@Suite("Platform JSON writer")
struct PlatformJSONWriterTests {
    @Test("Strings with quotes, backslashes, control characters and non-ASCII text read back unchanged")
    func stringsRoundTrip() throws {
        let texts = [
            "", "plain", "say \"hi\"", "back\\slash", "line\nbreak\r\ttab", "bell\u{07} and \u{1F}", "café ☕️ 👩🏽‍💻",
            "\"", "\\", "\n", "ends with a quote\"", "/slashes/stay/",
        ]
        for text in texts {
            let bytes = PlatformJSONWriter.write(.object(["text": .string(text)]))
            let decoded = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String]
            #expect(decoded == ["text": text], "\(text)")
        }
        #expect(String(decoding: PlatformJSONWriter.write(.string("a\u{01}/\"")), as: UTF8.self) == #""a\u0001/\"""#)
    }
}
