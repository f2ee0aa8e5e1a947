import ArgumentParser
import ConvenerCore
import ConvenerServer
import ConvenerStore
import Foundation

/// `convener outbox list`: what is waiting to be sent, and what could not be delivered and why.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Inspect the outbox.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List queued messages and dead letters (read-only; safe while the daemon runs)."
        )

        @OptionGroup var location: StateCommand.Location

        func run() async throws {
            let state = try await location.state().state
            let format = Date.ISO8601FormatStyle()
            print("Queued: \(state.outbox.count)")
            for entry in state.outbox {
                let wait = entry.notBefore.map { " (not before \($0.formatted(format)))" } ?? ""
                print(
                    "  \(entry.message.id)  \(entry.mail == nil ? Self.describe(entry.message.audience) : "email")  "
                        + "\(Self.preview(entry.message))\(wait)"
                )
            }
            print("Dead letters: \(state.deadLetters.count)")
            for letter in state.deadLetters {
                print(
                    "  \(letter.message.id)  \(Self.describe(letter.message.audience))  \(letter.at.formatted(format))")
                print("    reason: \(letter.reason)")
                print("    text:   \(Self.preview(letter.message))")
            }
        }

        private static func describe(_ audience: Audience) -> String {
            switch audience {
            case .channel: "channel"
            case .direct(let member): "dm \(member)"
            case .ephemeral(let member): "ephemeral \(member)"
            }
        }

        private static func preview(_ message: OutboundMessage) -> String {
            let line = message.text.split(separator: "\n").first.map(String.init) ?? ""
            return line.count > 60 ? String(line.prefix(59)) + "…" : line
        }
    }
}

/// The shape of `convener state export`, as the read-only tools decode it.
struct StateDocument: Decodable {
    let state: CommunityState
}
