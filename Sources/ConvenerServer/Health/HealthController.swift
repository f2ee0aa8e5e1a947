import Hummingbird

/// `/healthz` (the process answers) and `/readyz` (state is loaded and writable, and the database answers).
struct HealthController {
    let runtimes: [CommunityRuntime]
    var readiness: (@Sendable () async -> String?)? = nil

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("healthz") { _, _ -> Response in
            Self.json(.ok, #"{"status":"ok"}"#)
        }
        router.get("readyz") { _, _ -> Response in
            if let problem = await readiness?() {
                return Self.json(
                    .serviceUnavailable, #"{"status":"unavailable","reason":"# + JSONString.quote(problem) + "}")
            }
            for runtime in runtimes {
                if let problem = await runtime.unavailability {
                    return Self.json(
                        .serviceUnavailable,
                        #"{"status":"unavailable","reason":"#
                            + JSONString.quote(problem) + "}")
                }
            }
            return Self.json(.ok, #"{"status":"ready"}"#)
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
