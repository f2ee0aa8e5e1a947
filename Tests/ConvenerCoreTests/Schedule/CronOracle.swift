import Foundation

/// Runs `Tests/oracles/cron_oracle.py` (cronsim) with the interpreter named by `CONVENER_PYTHON`.
enum CronOracle {
    /// One question for the oracle: the fire times of `expr` in `tz` strictly after `start`.
    struct Case: Encodable {
        /// The cron expression.
        var expr: String
        /// The IANA zone name.
        var tz: String
        /// The start instant, ISO-8601 with offset.
        var start: String
        /// How many fire times to ask for.
        var count: Int
    }

    /// Whether the oracle can run (the test script sets `CONVENER_PYTHON`).
    static var isAvailable: Bool { ProcessInfo.processInfo.environment["CONVENER_PYTHON"] != nil }

    /// The repository root: the first folder above this file holding `Package.swift` and `Tests/oracles`,
    /// else `CONVENER_REPO_ROOT`.
    static func repositoryRoot(filePath: String = #filePath) -> URL? {
        var folder = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let files = FileManager.default
        while folder.path != "/" {
            if files.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
                files.fileExists(atPath: folder.appendingPathComponent("Tests/oracles").path)
            {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        return ProcessInfo.processInfo.environment["CONVENER_REPO_ROOT"].map { URL(fileURLWithPath: $0) }
    }

    /// Answers the cases, split into `processes` batches that run at the same time; each answer is the
    /// list of fire instants, or `nil` where cronsim rejects the expression.
    static func answers(for cases: [Case], processes: Int = 2) throws -> [[Date]?] {
        guard let python = ProcessInfo.processInfo.environment["CONVENER_PYTHON"] else {
            throw CronOracleError("CONVENER_PYTHON is not set")
        }
        guard let root = repositoryRoot() else {
            throw CronOracleError("cannot find the repository root; set CONVENER_REPO_ROOT")
        }
        let script = root.appendingPathComponent("Tests/oracles/cron_oracle.py").path
        let batchSize = (cases.count + processes - 1) / max(processes, 1)
        var running: [(Process, Pipe)] = []
        for start in stride(from: 0, to: cases.count, by: max(batchSize, 1)) {
            let batch = Array(cases[start..<min(start + batchSize, cases.count)])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [script]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(try JSONEncoder().encode(batch))
            try input.fileHandleForWriting.close()
            running.append((process, output))
        }
        var answers: [[Date]?] = []
        for (process, output) in running {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CronOracleError("cron_oracle.py exited with status \(process.terminationStatus)")
            }
            let decoded = try JSONDecoder().decode([[String]?].self, from: data)
            for answer in decoded {
                guard let answer else {
                    answers.append(nil)
                    continue
                }
                answers.append(
                    try answer.map { text in
                        guard let date = CronISO.date(from: text) else { throw CronOracleError("bad time '\(text)'") }
                        return date
                    })
            }
        }
        return answers
    }
}

/// A failure to run the oracle.
struct CronOracleError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    /// Creates an error with a message.
    init(_ description: String) { self.description = description }
}
