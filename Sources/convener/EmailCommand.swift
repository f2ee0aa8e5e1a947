import ArgumentParser
import ConvenerDelivery
import Foundation

/// `convener email test --to ADDRESS`: check the `email` settings by sending one short mail.
struct EmailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Check the SMTP settings.",
        subcommands: [Test.self]
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
}
