import Foundation

/// Quotes strings for hand-written JSON.
enum JSONString {
    /// `text` as a JSON string literal.
    static func quote(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
