import Hummingbird
import Prometheus

/// `GET /metrics`: every metric the process records, in the Prometheus text format.
///
/// The metrics carry community ids and counts only, never member ids or message text, so the route needs no
/// token; an operator who exposes the daemon beyond loopback scrapes it through their reverse proxy.
struct MetricsController {
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
    }
}
