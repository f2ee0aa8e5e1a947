import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import ConvenerServer

@Suite("Request metrics")
struct RequestMetricsMiddlewareTests {
    /// A router with the middleware in front of one route that answers and one that fails, recording into a registry
    /// of the test's own.
    private func withRouter(
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws -> String {
        let registry = PrometheusCollectorRegistry()
        let router = Router()
        router.add(middleware: RequestMetricsMiddleware(factory: PrometheusMetricsFactory(registry: registry)))
        router.get("members/:id") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "hi"))) }
        router.post("fail") { _, _ -> Response in throw HTTPError(.badRequest, message: "no") }
        try await Application(router: router).test(.router, body)
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("Requests are counted and timed per route, method and status, under Hummingbird's series")
    func countsAndTimes() async throws {
        let scrape = try await withRouter { client in
            for id in ["1", "2"] {
                try await client.execute(uri: "/members/\(id)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == "hi")
                }
            }
        }
        let labels = #"http_route="/members/{id}",http_request_method="GET",http_response_status_code="200""#
        #expect(scrape.contains("hb_requests{\(labels)} 2"))
        #expect(scrape.contains("http_server_request_duration_count{\(labels)} 2"))
        #expect(scrape.contains(#"http_server_active_requests{http_request_method="GET"} 0"#))
        let errorLabels = #"http_route="/members/{id}",http_request_method="GET",error_type="200""#
        #expect(scrape.contains("hb_request_errors{\(errorLabels)} 0"))
    }

    /// Hummingbird's own middleware recorded in a closure run after the body was written, and a closure body is
    /// written in parts; recording before the body is written is what lets a buffer body go out in one write.
    @Test("The request is recorded by the time its response is returned, before any of its body is written")
    func recordsBeforeTheBodyIsWritten() async throws {
        let registry = PrometheusCollectorRegistry()
        let router = Router()
        router.add(middleware: ScrapeOnReturn(registry: registry))
        router.add(middleware: RequestMetricsMiddleware(factory: PrometheusMetricsFactory(registry: registry)))
        router.get("hello") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "hi"))) }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/hello", method: .get) { response in
                let scrape = scrapeOnReturnHeader.flatMap { response.headers[$0] } ?? ""
                #expect(scrape.contains("hb_requests 1"))
            }
        }
    }

    @Test("A failed request is counted as an error with its status, and rethrown")
    func countsErrors() async throws {
        let scrape = try await withRouter { client in
            try await client.execute(uri: "/fail", method: .post) { #expect($0.status == .badRequest) }
        }
        let errorLabels = #"http_route="/fail",http_request_method="POST",error_type="400""#
        #expect(scrape.contains("hb_request_errors{\(errorLabels)} 1"))
        #expect(
            scrape.contains(
                #"hb_requests{http_route="/fail",http_request_method="POST",http_response_status_code="400"} 1"#))
        #expect(scrape.contains(#"http_server_active_requests{http_request_method="POST"} 0"#))
    }
}

private let scrapeOnReturnHeader = HTTPField.Name("X-Scrape-On-Return")

/// Answers with a header saying how many requests the registry had counted when the inner middleware returned.
private struct ScrapeOnReturn<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        let counted = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("hb_requests{") }.map { "hb_requests " + ($0.split(separator: " ").last ?? "") }
        if let name = scrapeOnReturnHeader { response.headers[name] = counted.joined(separator: ",") }
        return response
    }
}
