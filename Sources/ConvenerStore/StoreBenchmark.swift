import Foundation
import Logging

/// Measures the state store on the real disk: paced latency, concurrent throughput, start-up, memory, and
/// whether the cost of a change grows with state size. A function to run by hand (`convener bench store`),
/// not a timed test.
public struct StoreBenchmark: Sendable {
    /// What to run; the defaults match the quality bars in PRODUCT.md §7.
    public struct Configuration: Sendable {
        /// Where to create scratch state folders (must be on the disk under test).
        public var directory: String
        /// Paced rates (changes/s) and how long to run each.
        public var pacedRates: [Int] = [100, 2_000]
        /// Seconds per paced rate.
        public var pacedSeconds: Double = 3
        /// Concurrent writers for the throughput run.
        public var writers: Int = 64
        /// Changes each writer makes.
        public var changesPerWriter: Int = 100
        /// Generated state for start-up and memory.
        public var members: Int = 10_000
        /// Polls in the generated state.
        public var polls: Int = 1_000
        /// Votes in the generated state.
        public var votes: Int = 100_000
        /// Journal records on top of the snapshot at start-up (the default compaction threshold: worst case).
        public var journalRecords: Int = StateStoreOptions().compactionRecords
        /// Changes timed for the cost-per-change comparison.
        public var costChanges: Int = 20_000

        /// A configuration that creates its folders under `directory`.
        public init(directory: String) {
            self.directory = directory
        }
    }

    /// Runs everything and returns the numbers.
    public static func run(
        _ configuration: Configuration = Configuration(directory: NSTemporaryDirectory()), logger: Logger
    ) async throws -> StoreBenchmarkReport {
        let base = StoreLayout.path(configuration.directory, "convener-store-bench-\(UUID().uuidString)")
        let fileSystem = PosixFileSystem()
        try fileSystem.createDirectory(at: base)
        defer { try? FileManager.default.removeItem(atPath: base) }
        var report = StoreBenchmarkReport()
        let quiet = Logger(label: logger.label) { _ in SwiftLogNoOpLogHandler() }

        report.diskBaseline = try await diskBaseline(
            path: StoreLayout.path(base, "fsync-baseline"), rate: configuration.pacedRates.first ?? 100,
            count: max(1, Int(Double(configuration.pacedRates.first ?? 100) * configuration.pacedSeconds)))
        for rate in configuration.pacedRates {
            let directory = StoreLayout.path(base, "paced-\(rate)")
            let count = max(1, Int(Double(rate) * configuration.pacedSeconds))
            let latencies = try await pacedLatencies(directory: directory, rate: rate, count: count, logger: quiet)
            report.paced.append(.init(rate: rate, samples: count, latencies: latencies))
            logger.info("paced \(rate)/s done")
        }

        let throughputDirectory = StoreLayout.path(base, "writers")
        report.concurrentWriters = configuration.writers
        report.concurrentChangesPerSecond = try await concurrentThroughput(
            directory: throughputDirectory, state: StoreBenchState(), writers: configuration.writers,
            changesPerWriter: configuration.changesPerWriter, logger: quiet)
        logger.info("concurrent writers done")

        let startupDirectory = StoreLayout.path(base, "startup")
        let memoryBefore = StoreProcessMemory.read()
        try await writeStartupFolder(
            startupDirectory,
            state: .generate(members: configuration.members, polls: configuration.polls, votes: configuration.votes),
            journalRecords: configuration.journalRecords, members: configuration.members,
            polls: configuration.polls, logger: quiet)
        let files = try fileSystem.contentsOfDirectory(at: startupDirectory) ?? []
        report.snapshotBytes =
            try fileSystem.readFile(at: StoreLayout.path(startupDirectory, StoreLayout.snapshot))?.count ?? 0
        report.journalBytes = try files.filter { $0.hasPrefix(StoreSegment.prefix) }
            .reduce(0) { $0 + (try fileSystem.readFile(at: StoreLayout.path(startupDirectory, $1))?.count ?? 0) }
        let (store, recovered, recovery, startup) = try await timedOpen(startupDirectory, logger: quiet)
        report.startup = startup
        report.startupRecordsReplayed = recovery.recordsReplayed
        report.startupVotes = recovered.voteCount
        report.memoryBefore = memoryBefore
        report.memoryAfterOpen = StoreProcessMemory.read()
        report.compaction = try await timed { try await store.compact(recovered, through: store.lastTicket) }.1
        try await store.close()
        let compacted = try await timedOpen(startupDirectory, logger: quiet)
        report.startupAfterCompaction = compacted.time
        try await compacted.store.close()
        logger.info("start-up done")

        for voteCount in [1_000, 100_000] {
            let directory = StoreLayout.path(base, "cost-\(voteCount)")
            let enqueue = try await enqueueCost(
                directory: directory,
                state: .generate(members: configuration.members, polls: configuration.polls, votes: voteCount),
                changes: configuration.costChanges, logger: quiet)
            let throughput = try await concurrentThroughput(
                directory: directory + "-writers",
                state: .generate(members: configuration.members, polls: configuration.polls, votes: voteCount),
                writers: configuration.writers,
                changesPerWriter: configuration.changesPerWriter, logger: quiet)
            report.costs.append(.init(votes: voteCount, enqueueMicroseconds: enqueue, changesPerSecond: throughput))
        }
        logger.info("cost per change done")
        return report
    }

    /// The disk alone: append ~120 bytes + fsync at `rate`, latency of write + fsync, on a pool thread.
    private static func diskBaseline(path: String, rate: Int, count: Int) async throws -> [Duration] {
        try await StoreBlockingIO.run(on: StateStoreOptions().threadPool) {
            let fileSystem = PosixFileSystem()
            let handle = try fileSystem.openForWriting(at: path, truncating: false)
            defer { try? fileSystem.close(handle) }
            let line = [UInt8](repeating: UInt8(ascii: "x"), count: 119) + [UInt8(ascii: "\n")]
            let clock = ContinuousClock()
            var latencies: [Duration] = []
            let start = clock.now
            for index in 0..<count {
                let arrival = start + Duration.seconds(1) / rate * index
                let wait = arrival - clock.now
                if wait > .zero { Thread.sleep(forTimeInterval: wait.storeSeconds) }
                let begun = clock.now
                try fileSystem.write(line, to: handle)
                try fileSystem.synchronize(handle)
                latencies.append(clock.now - begun)
            }
            return latencies
        }
    }

    /// Opens a folder and measures wall-clock and process CPU time of open + replay.
    private static func timedOpen(
        _ directory: String, logger: Logger
    ) async throws -> (
        store: StateStore<StoreBenchState>, state: StoreBenchState, recovery: RecoveryReport, time: StoreTiming
    ) {
        let ((store, state, recovery), time) = try await timed {
            try await StateStore<StoreBenchState>.open(directory: directory, logger: logger)
        }
        return (store, state, recovery, time)
    }

    /// What `work` returns, with the wall-clock and process CPU time it took.
    private static func timed<T>(_ work: () async throws -> T) async rethrows -> (T, StoreTiming) {
        let clock = ContinuousClock()
        let cpuBefore = StoreTiming.processCPU()
        let started = clock.now
        let value = try await work()
        return (value, StoreTiming(wall: clock.now - started, cpu: StoreTiming.processCPU() - cpuBefore))
    }

    /// Open-loop arrivals at `rate`; latency from the scheduled arrival until the change is durable.
    private static func pacedLatencies(
        directory: String, rate: Int, count: Int, logger: Logger
    ) async throws -> [Duration] {
        let (store, state, _) = try await StateStore<StoreBenchState>.open(directory: directory, logger: logger)
        let community = StoreBenchCommunity(store: store, state: state)
        let clock = ContinuousClock()
        let interval = Duration.seconds(1) / rate
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: Duration.self) { group in
            for index in 0..<count {
                let arrival = start + interval * index
                try await clock.sleep(until: arrival)
                group.addTask {
                    let ticket = try await community.change(
                        .vote(poll: "p\(index % 10)", member: "m\(index)", option: 1))
                    try await store.waitUntilDurable(ticket)
                    return clock.now - arrival
                }
            }
            return try await group.reduce(into: [Duration]()) { $0.append($1) }
        }
        try await store.close()
        return latencies
    }

    /// Changes per second with `writers` concurrent writers, each waiting for durability before its next change.
    private static func concurrentThroughput(
        directory: String, state: consuming StoreBenchState, writers: Int, changesPerWriter: Int, logger: Logger
    ) async throws -> Double {
        let (store, _, _) = try await StateStore<StoreBenchState>.open(directory: directory, logger: logger)
        // Moved, not copied: a second reference would make the first mutation copy the whole state.
        let community = StoreBenchCommunity(store: store, state: consume state)
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<changesPerWriter {
                        let ticket = try await community.change(
                            .vote(poll: "p\(index % 100)", member: "w\(writer)", option: index % 4))
                        try await store.waitUntilDurable(ticket)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = clock.now - started
        try await store.close()
        return Double(writers * changesPerWriter) / elapsed.storeSeconds
    }

    /// Microseconds of in-memory apply + enqueue (encoding, CRC, buffering) per change; durability is waited
    /// for every 500 changes so buffers stay small.
    private static func enqueueCost(
        directory: String, state: consuming StoreBenchState, changes: Int, logger: Logger
    ) async throws -> Double {
        let (store, _, _) = try await StateStore<StoreBenchState>.open(directory: directory, logger: logger)
        let community = StoreBenchCommunity(store: store, state: consume state)
        let clock = ContinuousClock()
        var busy = Duration.zero
        for chunk in stride(from: 0, to: changes, by: 500) {
            let started = clock.now
            let ticket = try await community.changes(from: chunk, count: min(500, changes - chunk))
            busy += clock.now - started
            try await store.waitUntilDurable(ticket)
        }
        try await store.close()
        return busy.storeSeconds * 1_000_000 / Double(changes)
    }

    /// A snapshot of `state` plus `journalRecords` vote records on top.
    private static func writeStartupFolder(
        _ directory: String, state: StoreBenchState, journalRecords: Int, members: Int, polls: Int, logger: Logger
    ) async throws {
        try StateStoreTools.importState(
            Data(try StoreCoding.encode(StoreBenchDocument(formatVersion: 1, seq: 0, state: state))),
            into: directory, as: StoreBenchState.self)
        let (store, _, _) = try await StateStore<StoreBenchState>.open(directory: directory, logger: logger)
        var ticket = store.lastTicket
        for index in 0..<journalRecords {
            ticket = try store.enqueue([
                .vote(poll: "p\(index % max(1, polls))", member: "m\(index % max(1, members))", option: index % 4)
            ])
            if index % 5_000 == 4_999 { try await store.waitUntilDurable(ticket) }
        }
        try await store.waitUntilDurable(ticket)
        try await store.close()
    }
}

/// The benchmark's numbers, printed as a table by `description`.
public struct StoreBenchmarkReport: Sendable, CustomStringConvertible {
    /// Latency at one paced rate.
    public struct Paced: Sendable {
        /// Changes per second offered.
        public var rate: Int
        /// Changes measured.
        public var samples: Int
        /// Each change's time from arrival to durable.
        public var latencies: [Duration]

        /// The q-quantile (0...1) of the latencies.
        public func quantile(_ q: Double) -> Duration {
            let sorted = latencies.sorted()
            guard !sorted.isEmpty else { return .zero }
            let rank = Int((Double(sorted.count) * q).rounded(.up)) - 1
            return sorted[min(sorted.count - 1, max(0, rank))]
        }
    }

    /// Cost per change at one state size.
    public struct Cost: Sendable {
        /// Votes in the state.
        public var votes: Int
        /// Apply + enqueue, microseconds per change.
        public var enqueueMicroseconds: Double
        /// Durable changes per second with the concurrent writers.
        public var changesPerSecond: Double
    }

    /// Paced latency results.
    public var paced: [Paced] = []
    /// Raw append + fsync latencies on the same disk at the first paced rate (what the disk alone costs).
    public var diskBaseline: [Duration] = []
    /// Writers in the throughput run.
    public var concurrentWriters = 0
    /// Durable changes per second with that many writers.
    public var concurrentChangesPerSecond = 0.0
    /// Open + replay time of the generated state with a full journal (the compaction threshold: worst case).
    public var startup = StoreTiming()
    /// A compaction of that state: encoding it, writing and fsyncing the snapshot, dropping the journal it covers.
    public var compaction = StoreTiming()
    /// Open time of the same state right after compaction (snapshot only: the common case).
    public var startupAfterCompaction = StoreTiming()
    /// Records replayed at start-up.
    public var startupRecordsReplayed = 0
    /// Votes in the recovered state.
    public var startupVotes = 0
    /// Snapshot size.
    public var snapshotBytes = 0
    /// Journal size replayed at start-up.
    public var journalBytes = 0
    /// Memory before generating the state.
    public var memoryBefore = StoreProcessMemory()
    /// Memory after opening it.
    public var memoryAfterOpen = StoreProcessMemory()
    /// Cost per change at small and large state.
    public var costs: [Cost] = []

    /// A plain-text table.
    public var description: String {
        func ms(_ duration: Duration) -> String { String(format: "%.2f ms", duration.storeSeconds * 1_000) }
        var lines = ["state store benchmark", "", "change latency (arrival → fsynced), open-loop paced:"]
        let disk = Paced(rate: paced.first?.rate ?? 0, samples: diskBaseline.count, latencies: diskBaseline)
        lines.append(
            "  disk alone (append 120 B + fsync) at \(disk.rate)/s: p50 \(ms(disk.quantile(0.5)))  "
                + "p99 \(ms(disk.quantile(0.99)))  max \(ms(disk.quantile(1)))")
        for run in paced {
            lines.append(
                "  \(run.rate) changes/s, \(run.samples) changes: p50 \(ms(run.quantile(0.5)))  "
                    + "p99 \(ms(run.quantile(0.99)))  max \(ms(run.quantile(1)))")
        }
        lines.append(
            String(
                format: "durable changes/s with %d concurrent writers: %.0f", concurrentWriters,
                concurrentChangesPerSecond))
        lines.append(
            "start-up (open + replay): \(ms(startup.wall)) wall, \(ms(startup.cpu)) CPU for a "
                + "\(snapshotBytes / 1024) KiB snapshot + \(journalBytes / 1024) KiB journal "
                + "(\(startupRecordsReplayed) records replayed, \(startupVotes) votes)")
        lines.append(
            "compaction of that state (encode, write and fsync the snapshot): \(ms(compaction.wall)) wall, "
                + "\(ms(compaction.cpu)) CPU")
        lines.append(
            "start-up after compaction (snapshot only): \(ms(startupAfterCompaction.wall)) wall, "
                + "\(ms(startupAfterCompaction.cpu)) CPU")
        lines.append(
            "memory: VmRSS \(memoryBefore.residentKiB / 1024) MiB before generating, "
                + "\(memoryAfterOpen.residentKiB / 1024) MiB after open; VmHWM \(memoryAfterOpen.peakKiB / 1024) MiB "
                + "(peak includes generating the state)")
        lines.append("cost per change:")
        for cost in costs {
            lines.append(
                String(
                    format: "  %6d votes: apply+enqueue %.2f µs/change; %.0f durable changes/s with %d writers",
                    cost.votes, cost.enqueueMicroseconds, cost.changesPerSecond, concurrentWriters))
        }
        return lines.joined(separator: "\n")
    }
}

/// Wall-clock and CPU time of one measured step (CPU is the whole process's, so it is robust to a busy machine).
public struct StoreTiming: Sendable {
    /// Elapsed wall-clock time.
    public var wall: Duration = .zero
    /// CPU time the process used meanwhile.
    public var cpu: Duration = .zero

    /// CPU time used by this process so far, all its threads.
    public static func processCPU() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }
}

/// Resident memory of this process from /proc/self/status (0 where unavailable).
public struct StoreProcessMemory: Sendable {
    /// VmRSS in KiB.
    public var residentKiB = 0
    /// VmHWM (peak resident) in KiB.
    public var peakKiB = 0

    /// Reads /proc/self/status.
    static func read() -> StoreProcessMemory {
        var memory = StoreProcessMemory()
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return memory }
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let value = Int(fields[1]) else { continue }
            if fields[0] == "VmRSS:" { memory.residentKiB = value }
            if fields[0] == "VmHWM:" { memory.peakKiB = value }
        }
        return memory
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    fileprivate var storeSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// The export document shape, for writing the generated state through the import path.
private struct StoreBenchDocument: Encodable {
    var formatVersion: Int
    var seq: Int
    var state: StoreBenchState
}

/// The owning actor, as in the daemon: apply in memory, then enqueue.
private actor StoreBenchCommunity {
    let store: StateStore<StoreBenchState>
    var state: StoreBenchState

    init(store: StateStore<StoreBenchState>, state: StoreBenchState) {
        self.store = store
        self.state = state
    }

    func change(_ change: StoreBenchState.Change) throws -> JournalTicket {
        state.apply(change)
        return try store.enqueue([change])
    }

    func changes(from start: Int, count: Int) throws -> JournalTicket {
        var ticket = store.lastTicket
        for index in start..<(start + count) {
            let change = StoreBenchState.Change.vote(poll: "p\(index % 100)", member: "m\(index)", option: index % 4)
            state.apply(change)
            ticket = try store.enqueue([change])
        }
        return ticket
    }
}

/// A community-sized state for the benchmark: members and polls with votes.
private struct StoreBenchState: PersistentState {
    struct Member: Codable, Sendable {
        var name: String
        var tier: String
        var joined: Int
    }

    struct Poll: Codable, Sendable {
        var question: String
        var options: [String]
        var votes: [String: Int]
    }

    enum Change: Codable, Sendable {
        case join(member: String, name: String)
        case openPoll(id: String, question: String)
        case vote(poll: String, member: String, option: Int)
    }

    var members: [String: Member] = [:]
    var polls: [String: Poll] = [:]

    static let formatVersion = 1
    static let migrations: [StateMigration] = []

    init() {}

    var voteCount: Int { polls.values.reduce(0) { $0 + $1.votes.count } }

    mutating func apply(_ change: Change) {
        switch change {
        case .join(let member, let name):
            members[member] = Member(name: name, tier: "peripheral", joined: members.count)
        case .openPoll(let id, let question):
            polls[id] = Poll(question: question, options: ["A", "B", "C", "D"], votes: [:])
        case .vote(let poll, let member, let option):
            if polls[poll] == nil { polls[poll] = Poll(question: poll, options: ["A", "B", "C", "D"], votes: [:]) }
            polls[poll]?.votes[member] = option
        }
    }

    static func generate(members: Int, polls: Int, votes: Int) -> StoreBenchState {
        var state = StoreBenchState()
        for index in 0..<members {
            state.apply(.join(member: "m\(index)", name: "Member number \(index)"))
        }
        for index in 0..<polls {
            state.apply(.openPoll(id: "p\(index)", question: "Which option suits session \(index) best?"))
        }
        for index in 0..<votes {
            // Distinct (poll, member) pairs so the state really holds `votes` votes.
            let poll = index % max(1, polls)
            let member = (index / max(1, polls) + poll * 7) % max(1, members)
            state.apply(.vote(poll: "p\(poll)", member: "m\(member)", option: index % 4))
        }
        return state
    }
}
