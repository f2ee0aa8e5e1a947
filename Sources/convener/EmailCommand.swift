import ArgumentParser
import ConvenerDelivery
import ConvenerServer
import Foundation

/// `convener email test --to ADDRESS`: check the `email` settings by sending one short mail; `convener email bounce`:
/// hand a bounce that arrived later to the daemon.
struct EmailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Check the SMTP settings; hand bounces to the daemon.",
        subcommands: [Test.self, Bounce.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send one test mail (text and HTML) through the config's email settings and say what happened.")

        @OptionGroup var options: ConfigOptions

        @Option(name: .long, help: "The address to send the test mail to.")
        var to: String

        func validate() throws {
            guard MailMessage.isPlausibleAddress(to) else {
                throw ValidationError("--to '\(to)' is not an e-mail address; write someone@example.org.")
            }
        }

        func run() async throws {
            let configuration = try DaemonConfigurationLoader.load(
                configPath: options.config, stateDirectory: nil, listen: nil)
            guard let settings = configuration.email else {
                throw CLIError.invalidConfig(
                    "The config has no email section; add email: {smtp_url: smtp://HOST:587, from: ADDRESS}.")
            }
            let now = Date()
            let message = MailMessage(
                from: settings.from, fromName: settings.fromName, to: to, subject: "Convener: test mail ✓",
                text: "This is a test mail from Convener. If you can read it, the email settings work.\n",
                html: "<p>This is a test mail from <b>Convener</b>. If you can read it, the email settings work.</p>",
                id: "test-\(Int(now.timeIntervalSince1970))")
            switch await SMTPMailer(settings: settings).send(message, at: now) {
            case .sent:
                print("Sent a test mail to \(to) through \(settings.url) (\(settings.security.rawValue)).")
            case .transient(let reason):
                throw CLIError.invalidConfig("Not sent, but worth trying again later: \(reason)")
            case .permanent(let reason), .refused(let reason):
                throw CLIError.invalidConfig("Not sent, and retrying will not help: \(reason)")
            }
        }
    }

    /// Reads one raw message (a bounce) on standard input and posts it to the daemon's `POST /email/bounces`, for a
    /// Postfix pipe or alias on `email.bounce_address`. Exits 0 when the daemon took it (whether or not it changed
    /// anything), 65 when it refused it (forged, not a report), 75 when the daemon could not be reached, which the
    /// MTA answers by trying again later.
    struct Bounce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand one bounce (a raw message on standard input) to the running daemon.",
            discussion: """
                For the MTA: a Postfix pipe (`argv=/usr/local/bin/convener email bounce --config /etc/convener.yaml \
                --recipient ${recipient}`) or an alias (`"|/usr/local/bin/convener email bounce --config …"`) on the \
                mailbox of email.bounce_address. Exit codes: 0 taken, 65 refused, 75 try again later.
                """)

        @OptionGroup var options: ConfigOptions

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The envelope recipient the bounce came to (default: $ORIGINAL_RECIPIENT, then $RECIPIENT, as "
                    + "Postfix sets them; else the bounce's own Delivered-To and To)."))
        var recipient: String?

        @Option(name: .long, help: "The daemon's address (default: the config's listen address).")
        var url: String?

        func run() async throws {
            let configuration = try DaemonConfigurationLoader.load(
                configPath: options.config, stateDirectory: nil, listen: nil)
            guard let mailbox = configuration.email?.bounceAddress else {
                throw CLIError.invalidConfig(
                    "The config's email section has no bounce_address; add bounce_address: bounces@example.org.")
            }
            guard let key = configuration.server.emailLinkKey else {
                throw CLIError.invalidConfig("email: " + EmailSummary.missingLinkKey)
            }
            let environment = ProcessInfo.processInfo.environment
            let envelope = recipient ?? environment["ORIGINAL_RECIPIENT"] ?? environment["RECIPIENT"]
            // The report comes first in a bounce; a returned original beyond the daemon's body limit is cut off.
            let raw = FileHandle.standardInput.readDataToEndOfFile().prefix(ConvenerRequestContext.maximumBodySize)
            let host = configuration.server.host == "0.0.0.0" ? "127.0.0.1" : configuration.server.host
            var base = url ?? "http://\(host):\(configuration.server.port)"
            if base.hasSuffix("/") { base.removeLast() }
            var headers = [
                HTTPTransportHeader(
                    "Authorization", "Bearer \(MailBounceAddress(mailbox: mailbox, key: key).endpointSecret)"),
                HTTPTransportHeader("Content-Type", "message/rfc822"),
            ]
            if let envelope { headers.append(HTTPTransportHeader("X-Convener-Recipient", envelope)) }
            let client = try CurlHTTPClient()
            let request = HTTPTransportRequest(
                method: "POST", url: base + "/email/bounces", headers: headers, body: Array(raw))
            let response: HTTPTransportResponse
            do {
                response = try await client.send(request)
            } catch {
                await client.shutdown()
                FileHandle.standardError.write(
                    Data("convener email bounce: the daemon at \(base) did not answer: \(error)\n".utf8))
                throw ExitCode(75)
            }
            await client.shutdown()
            let answer = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            switch response.status {
            case 200..<300:
                print(answer)
            case 400..<500:
                FileHandle.standardError.write(
                    Data("convener email bounce: refused (\(response.status)): \(answer)\n".utf8))
                throw ExitCode(65)
            default:
                FileHandle.standardError.write(
                    Data("convener email bounce: the daemon answered \(response.status): \(answer)\n".utf8))
                throw ExitCode(75)
            }
        }
    }
}
