import ConvenerCore
import ConvenerDelivery
import Foundation

/// Builds platform API requests and reads the few fields Convener needs from their JSON answers.
enum PlatformAPIResponse {
    /// The string (or number, as text) at `key` of a top-level JSON object, if any.
    static func string(_ key: String, in body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        if let text = object[key] as? String { return text }
        if let number = object[key] as? NSNumber { return number.stringValue }
        return nil
    }

    /// Slack answers 200 with `{"ok": false, "error": "…"}` for most failures.
    static func slackError(in body: [UInt8]) -> String? {
        // Nearly every answer is `{"ok":true, …}` or plain `ok`: a body without `false` in it cannot say
        // `"ok": false`, and is not parsed.
        guard body.containsBytes(falseLiteral),
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            object["ok"] as? Bool == false
        else { return nil }
        return object["error"] as? String ?? "unknown_error"
    }

    private static let falseLiteral = Array("false".utf8)

    /// A JSON request with `authorization` (when given).
    static func json(
        _ method: String, _ url: String, body: Data, authorization: String?, extra: [HTTPTransportHeader] = []
    ) -> HTTPTransportRequest {
        var headers = [HTTPTransportHeader("Content-Type", "application/json; charset=utf-8")]
        if let authorization { headers.append(HTTPTransportHeader("Authorization", authorization)) }
        return HTTPTransportRequest(method: method, url: url, headers: headers + extra, body: Array(body))
    }

    /// `object` with `extra` members added (the idempotency keys), as JSON.
    static func adding(_ extra: [String: Any], to body: Data) -> Data {
        guard var object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return body }
        object.merge(extra) { _, new in new }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? body
    }
}
