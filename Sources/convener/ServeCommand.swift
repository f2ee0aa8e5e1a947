import ArgumentParser
import ConvenerConfig
import ConvenerCore
import ConvenerServer
import Foundation
import Logging
import Metrics
import Prometheus

/// `convener serve`: runs the daemon until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Convener daemon (stops cleanly on SIGTERM or SIGINT)."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "HOST:PORT to listen on (overrides the config's listen; port 0 picks a free one).")
    var listen: String?

    func validate() throws {
        if let listen {
            do {
                _ = try ListenAddress(parsing: listen)
            } catch {
                throw ValidationError("--listen: \(error)")
            }
        }
    }

    func run() async throws {
        let configuration = try DaemonConfigurationLoader.load(
            configPath: options.config, stateDirectory: options.stateDir,
            listen: listen.flatMap { try? ListenAddress(parsing: $0) }
        )
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "convener")
        var clock: any WallClock = SystemWallClock()
        if let text = ProcessInfo.processInfo.environment["CONVENER_TEST_CLOCK"] {
            guard let scaled = ScaledWallClock(parsing: text) else {
                throw CLIError.startup(
                    "CONVENER_TEST_CLOCK='\(text)' is not ISO8601[,RATE[,EPOCH]]; use e.g. 2026-01-06T09:59:50Z,60 "
                        + "(EPOCH: the Unix time at which the clock shows ISO8601, so several daemons agree)")
            }
            clock = scaled
        }
        let daemon = ConvenerDaemon(configuration: configuration, logger: logger, clock: clock, metrics: registry) {
            line in
            // Unbuffered, so that whoever started the daemon sees the listening address at once.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        do {
            try await daemon.run()
        } catch {
            throw CLIError.startup("\(error)")
        }
    }
}
