import Hummingbird
import Metrics
import Synchronization

/// Counts and times every request under the series Hummingbird's `MetricsMiddleware` records (`hb.requests`,
/// `http.server.request.duration`, `hb.request.errors` and `http.server.active_requests`, with the same
/// dimensions), so scrapes and dashboards built on them keep working.
///
/// It records once the handler has returned its response, instead of after the body is written. Hummingbird's
/// middleware wraps every body in a closure to record afterwards, and a closure body is written as three separate
/// parts (head, body, end) where a buffer body goes out in one write: on the signed request path that cost a
/// system call and a wake-up of the event loop per request (see the README's issue 18, eleventh session).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let series: RequestMetricsSeries

    init(factory: any MetricsFactory = MetricsSystem.factory) {
        series = RequestMetricsSeries(factory: factory)
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let active = series.active(method: request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let endpoint = series.endpoint(
                route: context.endpointPath ?? "Unknown", method: request.method, status: response.status)
            endpoint.requests.increment()
            endpoint.duration.record(duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let endpoint = series.endpoint(
                route: context.endpointPath ?? "NotFound", method: request.method, status: status)
            endpoint.requests.increment()
            endpoint.errors.increment()
            throw error
        }
    }
}

/// The metric objects per method and per route, method and status, made once: asking the factory for them on
/// every request would look them up in its registry each time.
final class RequestMetricsSeries: Sendable {
    struct Endpoint: Sendable {
        let requests: Counter
        let duration: Metrics.Timer
        let errors: Counter
    }

    private struct EndpointKey: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    private let factory: any MetricsFactory
    private let actives: Mutex<[HTTPRequest.Method: Meter]> = Mutex([:])
    private let endpoints: Mutex<[EndpointKey: Endpoint]> = Mutex([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func active(method: HTTPRequest.Method) -> Meter {
        actives.withLock { actives in
            if let meter = actives[method] { return meter }
            let meter = Meter(
                label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)],
                factory: factory)
            actives[method] = meter
            return meter
        }
    }

    func endpoint(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status) -> Endpoint {
        let key = EndpointKey(route: route, method: method, status: status)
        return endpoints.withLock { endpoints in
            if let endpoint = endpoints[key] { return endpoint }
            let dimensions = [
                ("http.route", route), ("http.request.method", method.rawValue),
                ("http.response.status_code", String(status.code)),
            ]
            let endpoint = Endpoint(
                requests: Counter(label: "hb.requests", dimensions: dimensions, factory: factory),
                duration: Metrics.Timer(
                    label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds,
                    factory: factory),
                errors: Counter(
                    label: "hb.request.errors",
                    dimensions: [
                        ("http.route", route), ("http.request.method", method.rawValue),
                        ("error.type", String(status.code)),
                    ],
                    factory: factory)
            )
            endpoints[key] = endpoint
            return endpoint
        }
    }
}
