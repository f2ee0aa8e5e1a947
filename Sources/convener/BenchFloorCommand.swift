import ArgumentParser
import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import ConvenerStore
import Crypto
import Foundation

/// `convener bench floor`: what the parts of a signed kudos that no design of the daemon can leave out cost on this
/// machine, each alone, through the same code the daemon runs.
///
/// `Benchmarks/http` adds them to bare Hummingbird's own cost of a request, which gives the least CPU a signed
/// kudos can take here, and so the highest share of bare Hummingbird's rate any daemon built this way can reach.
/// An append with an fsync of its own is measured beside them but left out of that sum: under load, group commit
/// shares one fsync between many requests.
struct BenchFloorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floor",
        abstract: "CPU of a signature check, a late reply sent through libcurl and a journal fsync, each alone."
    )

    @Option(name: .long, help: "A server that answers POSTs, such as `convener bench bare-server`.")
    var sink: String

    @Option(name: .long, help: "How many of each part to measure.")
    var count = 20_000

    @Option(name: .long, help: "How many late replies are in flight at once (the daemon's lanes to one host).")
    var concurrency = 8

    @Option(name: .long, help: "Where to write the fsync'd file (default: a new temporary folder).")
    var directory: String?

    @Flag(name: .long, help: "Print the figures as one JSON object.")
    var json = false

    func validate() throws {
        guard count > 0, concurrency > 0 else {
            throw ValidationError("--count and --concurrency must be at least 1")
        }
    }

    func run() async throws {
        let folder =
            directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("convener-floor-\(UUID().uuidString)")
            .path
        let figures = [
            ("slack_verify_us", try Self.cpuMicroseconds(each: count, Self.slackVerification())),
            ("discord_verify_us", try Self.cpuMicroseconds(each: count, Self.discordVerification())),
            ("late_reply_us", try await Self.lateReplies(count: count, concurrency: concurrency, to: sink)),
            ("fsync_us", try Self.fsyncedAppends(count: min(count, 2_000), in: folder)),
        ]
        if directory == nil { try? FileManager.default.removeItem(atPath: folder) }
        if json {
            let object = Dictionary(uniqueKeysWithValues: figures)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for (name, microseconds) in figures {
                print("\(name): \(String(format: "%.1f", microseconds)) µs of CPU each")
            }
        }
    }

    /// A kudos body as Slack signs it, and the daemon's check of it.
    private static func slackVerification() -> () throws -> Void {
        let secret = "8f742231b10e8888abcd99yyyzzz85a5"
        let body = Data(slackKudosBody.utf8)
        let timestamp = "\(Int(Date().timeIntervalSince1970))"
        let signature = SlackVerifier.signature(signingSecret: secret, timestamp: timestamp, body: body)
        let verifier = SlackVerifier(signingSecret: secret)
        return { try verifier.verify(body: body, timestamp: timestamp, signature: signature, now: Date()) }
    }

    /// A kudos interaction as Discord signs it (Ed25519), and the daemon's check of it.
    private static func discordVerification() throws -> () throws -> Void {
        let key = Curve25519.Signing.PrivateKey()
        let body = Data(discordKudosBody.utf8)
        let timestamp = "\(Int(Date().timeIntervalSince1970))"
        let signature = try key.signature(for: Data(timestamp.utf8) + body)
        let verifier = try DiscordVerifier(publicKeyHex: SecretCrypto.hex(key.publicKey.rawRepresentation))
        let signatureHex = SecretCrypto.hex(signature)
        return { try verifier.verify(body: body, signature: signatureHex, timestamp: timestamp, now: Date()) }
    }

    /// Client CPU per late reply POSTed to `url` through the daemon's libcurl client, `concurrency` at a time.
    private static func lateReplies(count: Int, concurrency: Int, to url: String) async throws -> Double {
        let client = try CurlHTTPClient(configuration: .init(maxConnectionsPerHost: concurrency))
        let request = HTTPTransportRequest(
            method: "POST", url: url, headers: [HTTPTransportHeader("Content-Type", "application/json")],
            body: Array(lateReplyBody.utf8))
        // The first exchanges open the connections; they are not what a late reply costs.
        try await send(request, times: concurrency * 4, concurrency: concurrency, through: client)
        let before = StoreTiming.processCPU()
        try await send(request, times: count, concurrency: concurrency, through: client)
        let spent = StoreTiming.processCPU() - before
        await client.shutdown()
        return microseconds(spent, each: count)
    }

    private static func send(
        _ request: HTTPTransportRequest, times: Int, concurrency: Int, through client: CurlHTTPClient
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<concurrency {
                group.addTask {
                    for _ in stride(from: lane, to: times, by: concurrency) {
                        let response = try await client.send(request)
                        guard response.status == 200 else {
                            throw CLIError.invalidConfig(
                                "--sink \(request.url) answered a POST with HTTP \(response.status), not 200: give "
                                    + "it a server that answers POSTs, such as `convener bench bare-server`")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// CPU per journal-sized append made durable on its own, as one request with nobody to share its fsync has.
    private static func fsyncedAppends(count: Int, in folder: String) throws -> Double {
        let files = PosixFileSystem()
        try files.createDirectory(at: folder)
        let handle = try files.openForWriting(at: folder + "/floor.jsonl", truncating: true)
        defer { try? files.close(handle) }
        let record = Array(journalRecord.utf8)
        return try cpuMicroseconds(each: count) {
            try files.write(record, to: handle)
            try files.synchronize(handle)
        }
    }

    /// CPU per call of `work`, over `count` calls after a few to warm up.
    private static func cpuMicroseconds(each count: Int, _ work: () throws -> Void) throws -> Double {
        for _ in 0..<min(count, 100) { try work() }
        let before = StoreTiming.processCPU()
        for _ in 0..<count { try work() }
        return microseconds(StoreTiming.processCPU() - before, each: count)
    }

    private static func microseconds(_ spent: Duration, each count: Int) -> Double {
        let (seconds, attoseconds) = spent.components
        return (Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000) / Double(count)
    }

    /// The sizes of what `Benchmarks/http` sends and the daemon writes for one kudos.
    private static let slackKudosBody =
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001"
        + "&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test&user_id=U2147483697"
        + "&user_name=Steve&command=%2Fcop&text=kudos%20%3C%40U0000123%7Cmember123%3E%20for%20the%20review%2012345"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088"
        + "&api_app_id=A123456"
    private static let discordKudosBody =
        #"{"type":2,"id":"1234567890123456789","application_id":"1111111111111111111","#
        + #""token":"aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpleGFtcGxlLXRva2Vu","version":1,"#
        + #""guild_id":"2222222222222222222","channel_id":"3333333333333333333","#
        + #""member":{"user":{"id":"4444444444444444444","username":"member123"}},"#
        + #""data":{"id":"5555555555555555555","name":"cop","type":1,"#
        + #""options":[{"name":"text","type":3,"value":"kudos <@6666666666666666666> for the review 12345"}]}}"#
    private static let lateReplyBody =
        #"{"response_type":"in_channel","text":"Kudos to member123 from Steve: for the review 12345","#
        + #""replace_original":false}"#
    private static let journalRecord = String(repeating: "x", count: 399) + "\n"
}
