import ConvenerCore
import ConvenerDelivery
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// Builds the HTTP application: every route Convener serves. Chat requests and the playground are routed among
/// `runtimes` (the playground defaults to the first); health covers them all; `/metrics` shows `metrics`, the
/// registry the process bootstrapped swift-metrics with.
///
/// `onListening` receives the bound address once the server accepts connections, which is how the CLI
/// reports the real port when asked for port 0. `transport` makes the calls that open modals and dialogs on the
/// chat platforms; without one, forms are shown as text with their open button. `addresses` is where platforms keep
/// how to reach conversations, shared with the deliveries (by default in memory only). With `mail`, the pages mail
/// links open are served. `readiness` names what keeps the daemon from serving (the database not answering), or
/// nil when nothing does.
public func buildApplication(
    settings: ServerSettings,
    runtimes: [CommunityRuntime],
    timeline: PlaygroundTimeline,
    clock: any WallClock = SystemWallClock(),
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    logger: Logger,
    transport: (any HTTPTransport)? = nil,
    addresses: PlatformAddressBook? = nil,
    mail: MailSetup? = nil,
    readiness: (@Sendable () async -> String?)? = nil,
    onListening: @escaping @Sendable (String) -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router(context: ConvenerRequestContext.self)
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: RequestMetricsMiddleware())
    HealthController(runtimes: runtimes, readiness: readiness).addRoutes(to: router)
    MetricsController(registry: metrics).addRoutes(to: router)
    CalendarController(runtimes: runtimes, key: settings.calendarKey, clock: clock).addRoutes(to: router)
    if let mail {
        EmailController(runtimes: runtimes, links: mail.links, renderer: mail.renderer).addRoutes(to: router)
        BounceController(runtimes: runtimes, bounces: mail.bounces).addRoutes(to: router)
    }
    let forms = PlatformFormOpener(
        transport: transport, credentials: settings.platforms, publicURL: settings.publicURL, logger: logger)
    let directory = CommunityDirectory(runtimes: runtimes)
    let work = PlatformWorkService()
    PlatformRoutes(
        settings: settings.platforms, directory: directory, clock: clock, logger: logger, forms: forms, work: work,
        addresses: addresses ?? PlatformAddressBook(file: nil, logger: logger)
    ).addRoutes(to: router)
    DashboardController(runtimes: runtimes, adminToken: settings.adminToken)
        .addRoutes(to: router.group("dashboard"))
    if settings.playgroundEnabled {
        PlaygroundController(directory: directory, timeline: timeline, adminToken: settings.adminToken)
            .addRoutes(to: router.group("playground"))
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Convener"),
        services: [work],
        onServerRunning: { channel in
            let address = channel.localAddress
            let port = address?.port ?? settings.port
            let host = address?.ipAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? settings.host
            onListening("http://\(host):\(port)")
        },
        logger: logger
    )
}
