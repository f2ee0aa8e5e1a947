import ConvenerCore
import ConvenerDelivery
import ConvenerStore
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// The long-running daemon: opens every community's state, serves HTTP, delivers the outbox, and on
/// SIGTERM or SIGINT drains requests, flushes state and returns.
public struct ConvenerDaemon {
    let configuration: DaemonConfiguration
    let logger: Logger
    let clock: any WallClock
    /// Where start-up facts for people go (standard output for the CLI).
    let report: @Sendable (String) -> Void
    /// The registry `/metrics` shows; the CLI bootstraps swift-metrics with it.
    let metrics: PrometheusCollectorRegistry

    /// A daemon for `configuration`.
    public init(
        configuration: DaemonConfiguration,
        logger: Logger,
        clock: any WallClock = SystemWallClock(),
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        report: @escaping @Sendable (String) -> Void
    ) {
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.metrics = metrics
        self.report = report
    }

    /// Runs until a shutdown signal; throws when start-up fails (the state cannot be opened, the port is taken).
    ///
    /// With a database configured, its connection pool runs beside the services for as long as they do.
    public func run() async throws {
        guard let settings = configuration.database else {
            try await serve(database: nil, clock: clock, upkeep: []) { profile in
                let opened = try await StateStore<CommunityState>.open(
                    directory: configuration.stateDirectory(for: profile), logger: logger)
                return (opened.store, opened.state, opened.recovery)
            }
            return
        }
        let database = try PostgresDatabase(settings: settings, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            defer { group.cancelAll() }
            try await database.prepareSchema()
            // Every daemon sharing the database schedules by the database's clock.
            let time = DatabaseTime()
            try await time.synchronize(with: database)
            var clock = self.clock
            if let scaled = clock as? ScaledWallClock {
                clock = scaled.reading(realTime: { time.now() })
            } else if clock is SystemWallClock {
                clock = DatabaseWallClock(time: time)
            }
            let upkeep: [any Service] = [DatabaseTimeService(time: time, database: database, logger: logger)]
            try await serve(database: database, clock: clock, upkeep: upkeep) { profile in
                let opened = try await PostgresStateStore<CommunityState>.open(
                    community: profile.id, database: database)
                return (opened.store, opened.state, opened.recovery)
            }
        }
    }

    /// Opens every community with `open`, then serves until a shutdown signal, with `upkeep` running beside.
    private func serve(
        database: PostgresDatabase?,
        clock: any WallClock,
        upkeep: [any Service],
        open: (CommunityProfile) async throws -> (
            store: any StateStoring<CommunityState>, state: CommunityState, recovery: RecoveryReport
        )
    ) async throws {
        // Before any state folder is locked: missing mail templates stop start-up with nothing to undo.
        let mail = try await mailSetup()
        var runtimes: [CommunityRuntime] = []
        var services: [any Service] = upkeep
        var summary = ["Convener \(ConvenerVersion.current)", "  config:     \(configuration.source)"]
        if let database {
            summary.append(
                "  database:   \(database.settings.redactedURL) (PostgreSQL, pool of \(database.settings.poolSize); "
                    + "other daemons may share it)")
        }
        for profile in configuration.communities {
            let opened: (store: any StateStoring<CommunityState>, state: CommunityState, recovery: RecoveryReport)
            do {
                opened = try await open(profile)
            } catch {
                for runtime in runtimes { try? await runtime.close() }
                throw error
            }
            let runtime = CommunityRuntime(
                profile: profile, store: opened.store, state: opened.state, rules: configuration.rules(for: profile.id),

                prompts: configuration.prompts, settings: configuration.settings, clock: clock, logger: logger
            )
            runtimes.append(runtime)
            do {
                try await runtime.restoreSealedPools()
            } catch {
                for runtime in runtimes { try? await runtime.close() }
                throw error
            }
            services.append(CommunityService(runtime: runtime, logger: logger))
            summary.append(
                "  community:  \(profile.name) (\(profile.id)), time zone \(profile.timeZoneName), "
                    + "convenors: \(profile.convenors.sorted().joined(separator: ", "))")
            summary.append(
                "  state:      \(opened.store.location) (\(opened.state.members.count) members; \(opened.recovery))")
            if !profile.bindings.isEmpty {
                summary.append("  lives in:   " + profile.bindings.map(\.description).joined(separator: "; "))
            }
            if let own = configuration.communityRules[profile.id] {
                let replaced = own.rules.filter { configuration.rules.rule($0.id) != nil }.count
                summary.append(
                    "  own rules:  \(own.rules.count - replaced) added, \(replaced) replacing shared rules "
                        + "(\(own.rules.map(\.id).joined(separator: ", ")))")
            }
        }
        guard !runtimes.isEmpty else { return }
        let timeline = PlaygroundTimeline()
        let transport = try CurlHTTPClient()
        let exchange = DeliveryExchange(transport: transport, timeout: DeliveryPlatforms.timeout())
        // With a database, what the platforms learn is shared by every daemon, like the communities' state.
        let place: PlatformStatePlace = database.map { .database($0) } ?? .folder(configuration.stateDirectory)
        let addresses: PlatformAddressBook
        let pulled: PullPlatforms
        do {
            addresses = try await PlatformAddressBook.kept(in: place, logger: logger)
            pulled = try await PullPlatforms(
                credentials: configuration.server.platforms, place: place, transport: transport, exchange: exchange,
                logger: logger)
        } catch {
            for runtime in runtimes { try? await runtime.close() }
            throw error
        }
        let delivery = DeliveryPlatforms(
            credentials: configuration.server.platforms,
            timeline: configuration.server.playgroundEnabled ? timeline : nil,
            exchange: exchange,
            publicURL: configuration.server.publicURL
                ?? "http://\(configuration.server.host):\(configuration.server.port)",
            clock: clock, addresses: addresses, pulled: pulled)
        for runtime in runtimes {
            var platforms = delivery.platforms(for: runtime.profile)
            if let mail {
                platforms.append(
                    MailDelivery(
                        community: runtime.profile, mailer: mail.mailer, renderer: mail.renderer, links: mail.links,
                        bounces: mail.bounces, clock: clock, backoff: mail.backoff))
            }
            services.append(OutboxWorker(source: runtime, platforms: platforms, logger: logger))
        }
        if let settings = configuration.email {
            summary.append("  email:      " + EmailSummary.line(settings, linkKeySet: mail?.links != nil))
        }
        // After the communities and their outboxes, so it stops before them: no event is handled once a store closes.
        services += pulled.services(runtimes: runtimes, clock: clock, logger: logger)
        summary.append("  rules:      \(configuration.rules.rules.count) from \(configuration.rulesSource)")
        let programs = configuration.settings.pairing.programs.map { program in
            "\(program.id) (\(program.kind.rawValue)\(program.cadence.map { ", \"\($0)\"" } ?? ", by rule only"))"
        }
        summary.append("  pairing:    " + (programs.isEmpty ? "off (no programs)" : programs.joined(separator: ", ")))
        summary.append(
            "  surveys:    templates "
                + configuration.settings.surveys.templates.map(\.id).joined(separator: ", "))
        let library = configuration.prompts
        summary.append(
            "  prompts:    \(library.themes.count) themes, \(library.promptCount) prompts ("
                + configuration.promptSources.joined(separator: "; ") + ")")
        for problem in configuration.promptProblems {
            logger.warning("Prompt library: \(problem)")
        }
        if let scaled = clock as? ScaledWallClock {
            logger.warning(
                "A test clock is in use (CONVENER_TEST_CLOCK): it started at \(scaled.start) and runs at \(scaled.rate)x"
            )
        }
        let served =
            (configuration.server.playgroundEnabled ? ["playground"] : [])
            + configuration.server.platforms.servedPlatforms
        summary.append("  platforms:  \(served.isEmpty ? "none" : served.joined(separator: ", "))")
        summary.append("  outbound:   \(delivery.summary)")
        summary.append("  delivery:   \(CurlTransport.versionDescription)")
        report(summary.joined(separator: "\n"))

        let playgroundEnabled = configuration.server.playgroundEnabled
        var readiness: (@Sendable () async -> String?)?
        if let database {
            readiness = {
                await database.isReachable() ? nil : "the database \(database.settings.redactedURL) does not answer"
            }
        }
        let app = buildApplication(
            settings: configuration.server,
            runtimes: runtimes,
            timeline: timeline,
            clock: clock,
            metrics: metrics,
            logger: logger,
            transport: transport,
            addresses: addresses,
            mail: mail,
            readiness: readiness,
            onListening: { [report] url in
                if playgroundEnabled { report("  playground: \(url)/playground") }
                report("Listening on \(url)")
            }
        )
        services.append(SchedulerService(runtimes: runtimes, logger: logger))
        if let database {
            services.append(JournalFollowerService(database: database, runtimes: runtimes, logger: logger))
        }
        services.append(app)
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        // Below the 30 s systemd gives the unit (Deploy/convener.service), so a stuck drain is cut short by us,
        // with the state closed, rather than killed.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(25)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
        report("Convener stopped cleanly.")
    }
}

extension ConvenerDaemon {
    /// The mail setup when the config has an `email` section: its links under the public URL (or the listen
    /// address), signed with `email.link_key`.
    fileprivate func mailSetup() async throws -> MailSetup? {
        guard let settings = configuration.email else { return nil }
        let server = configuration.server
        let links = server.emailLinkKey.map {
            MailLinks(baseURL: server.publicURL ?? "http://\(server.host):\(server.port)", key: $0)
        }
        var bounces: MailBounceAddress?
        if let mailbox = settings.bounceAddress, let key = server.emailLinkKey {
            bounces = MailBounceAddress(mailbox: mailbox, key: key)
        }
        return MailSetup(
            mailer: SMTPMailer(settings: settings), renderer: try await MailRenderer.load(), links: links,
            bounces: bounces)
    }
}

/// The version the CLI and the start-up summary print.
public enum ConvenerVersion {
    /// The current version.
    public static let current = "0.1.0"
}
