import ConvenerCore
import Foundation

/// A `multipart/form-data` body (RFC 7578), for the platform calls that take files: Discord's message with
/// `files[n]`, Mattermost's `POST /files`.
struct MultipartFormBody: Sendable {
    /// The boundary; it is random, so file bytes cannot contain it by accident.
    let boundary: String
    private(set) var bytes: [UInt8] = []

    /// An empty body with a fresh boundary.
    init(boundary: String = "convener-" + UUID().uuidString.lowercased()) {
        self.boundary = boundary
    }

    /// The `Content-Type` header value.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Adds a plain field.
    mutating func field(_ name: String, _ value: String, contentType: String? = nil) {
        part(disposition: "form-data; name=\"\(Self.quoted(name))\"", contentType: contentType, Data(value.utf8))
    }

    /// Adds a file field.
    mutating func file(_ name: String, _ attachment: OutboundAttachment) {
        part(
            disposition: "form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(attachment.name))\"",
            contentType: attachment.mimeType, attachment.bytes)
    }

    /// The finished body, closing delimiter included.
    var body: [UInt8] {
        bytes + Array("--\(boundary)--\r\n".utf8)
    }

    private mutating func part(disposition: String, contentType: String?, _ content: Data) {
        var head = "--\(boundary)\r\nContent-Disposition: \(disposition)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        bytes += Array((head + "\r\n").utf8) + Array(content) + Array("\r\n".utf8)
    }

    /// A name or file name inside a quoted parameter: quotes and line breaks dropped (RFC 7578 §4.2).
    private static func quoted(_ text: String) -> String {
        String(text.filter { $0 != "\"" && !$0.isNewline })
    }
}
