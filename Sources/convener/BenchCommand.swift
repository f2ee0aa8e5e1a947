import ArgumentParser
import ConvenerCore
import ConvenerServer
import ConvenerStore
import Foundation
import Logging

/// `convener bench …`: the benchmarks behind the numbers in the README. Build with `-c release` to measure.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the store, rule conditions, schedules and pairing (use a release build).",
        subcommands: [
            Store.self, CEL.self, Rules.self, Cron.self, Scheduler.self, Pairing.self, BenchBareServerCommand.self,
            BenchFloorCommand.self,
        ]
    )

    struct Store: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Journal latency with fsync, group commit under concurrency, start-up with a large state."
        )

        @Option(name: .long, help: "Where to write the benchmark's state folders (default: a new temporary folder).")
        var directory: String?

        @Flag(name: .long, help: "A short run with smaller numbers, for a quick check.")
        var quick = false

        func run() async throws {
            let folder =
                directory
                ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("convener-bench-\(UUID().uuidString)").path
            var configuration = StoreBenchmark.Configuration(directory: folder)
            if quick {
                configuration.pacedSeconds = 1
                configuration.members = 1_000
                configuration.polls = 100
                configuration.votes = 10_000
                configuration.journalRecords = 5_000
                configuration.costChanges = 2_000
            }
            let report = try await StoreBenchmark.run(configuration, logger: Logger(label: "convener.bench"))
            print(report)
            if directory == nil { try? FileManager.default.removeItem(atPath: folder) }
        }
    }

    struct CEL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cel",
            abstract: "Compile a typical rule condition once and evaluate it many times."
        )

        @Option(name: .long, help: "How many evaluations.")
        var iterations = 100_000

        func run() {
            print(CELBenchmark.run(iterations: iterations))
        }
    }

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile 1,000 rules and run them over a burst of 10,000 events."
        )

        @Option(name: .long, help: "How many rules.")
        var rules = 1_000

        @Option(name: .long, help: "How many events.")
        var events = 10_000

        func run() {
            print(RuleBenchmark.run(ruleCount: rules, eventCount: events, memberCount: 200))
        }
    }

    struct Cron: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Next-fire computation over several zones.")

        @Option(name: .long, help: "How many samples.")
        var samples = 2_000

        func run() {
            print(CronBenchmark.run(samples: samples))
        }
    }

    struct Scheduler: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "10,000 schedules due in the same minute: time to decide and record every fire."
        )

        @Option(name: .long, help: "How many schedules.")
        var schedules = 10_000

        func run() {
            print(ScheduleBenchmark.run(scheduleCount: schedules))
        }
    }

    struct Pairing: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exact maximum-weight matching: dense n = 1,000 and sparse n = 10,000 with k = 20."
        )

        @Option(name: .long, help: "Members in the dense pool.")
        var dense = 1_000

        @Option(name: .long, help: "Members in the sparse pool (pruned to the best k candidates each).")
        var sparse = 10_000

        func run() {
            print(MatchingBenchmark.run(denseNodes: dense, sparseNodes: sparse, clock: ContinuousClock()))
        }
    }
}
