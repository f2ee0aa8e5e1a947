import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `convener bench bare-server`: a hello-world Hummingbird server, the baseline `Benchmarks/http` compares the
/// daemon with. It lives in this binary so it is built from the same lockfile, compiler and flags as the daemon.
///
/// Any POST gets `{"ok":true}`: the benchmark runs a second one as the stand-in for the platforms' reply endpoints
/// (Slack's `response_url`, Discord's follow-up webhooks), so the daemon's late replies are delivered as they are
/// in production rather than piling up in its outbox.
struct BenchBareServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bare-server",
        abstract: "Serve GET /health from a bare Hummingbird application (the baseline for Benchmarks/http)."
    )

    @Option(name: .long, help: "The loopback port to listen on (0 picks a free one).")
    var port = 0

    func run() async throws {
        let router = Router()
        router.get("health") { _, _ in "ok" }
        router.post("**") { _, _ in #"{"ok":true}"# }
        var logger = Logger(label: "convener.bench.bare")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bare"),
            onServerRunning: { channel in
                let line = "Listening on http://127.0.0.1:\(channel.localAddress?.port ?? port)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger
        )
        try await app.runService()
    }
}
