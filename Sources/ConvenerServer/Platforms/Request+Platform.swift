import ConvenerPlatforms
import Foundation
import Hummingbird

extension Request {
    /// The value of the header `name`, compared case-insensitively.
    func platformHeader(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.canonicalName == wanted }?.value
    }

    /// The raw body, bounded by the context's upload limit (413 above it), for verification before parsing.
    func rawBody(context: some RequestContext) async throws -> Data {
        Data(buffer: try await body.collect(upTo: context.maxUploadSize))
    }
}

extension PlatformHTTPReply {
    /// The reply as a 200 response (a Slack URL check, a Discord PONG).
    var response: Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The HTTP answers platform routes give.
enum PlatformResponse {
    /// A 200 with a JSON body.
    static func json(_ data: Data) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A 200 with no body: the platform only needs the acknowledgement.
    static var acknowledged: Response { Response(status: .ok) }

    /// A 401 that says why, before anything was parsed or changed.
    static func unauthorized(_ reason: some CustomStringConvertible) -> HTTPError {
        HTTPError(.unauthorized, message: "\(reason)")
    }

    /// A 400 that says which field is wrong.
    static func badRequest(_ reason: some CustomStringConvertible) -> HTTPError {
        HTTPError(.badRequest, message: "\(reason)")
    }
}
