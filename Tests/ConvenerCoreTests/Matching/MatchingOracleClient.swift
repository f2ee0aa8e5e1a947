import Foundation

/// Runs `Tests/oracles/matching_oracle.py` (networkx and scipy) on one JSON batch.
enum MatchingOracleClient {
    /// One case for the oracle; fields follow the script's documented input.
    struct Case: Encodable {
        var kind: String
        var n: Int?
        var edges: [[Int64]]?
        var capacities: [Int]?
        var mentees: Int?
        var weights: [[Int64?]]?
        var maxcardinality: Bool
    }

    /// The oracle's answer for one case.
    struct Answer: Decodable, Equatable {
        var total: Int64
        var cardinality: Int
    }

    private struct Batch: Encodable { var cases: [Case] }
    private struct Reply: Decodable { var answers: [Answer] }

    /// Whether the oracle can run (the test script sets `CONVENER_PYTHON`).
    static var isAvailable: Bool { ProcessInfo.processInfo.environment["CONVENER_PYTHON"] != nil }

    /// Sends all cases to one Python process and returns its answers in order.
    static func answers(for cases: [Case], filePath: String = #filePath) throws -> [Answer] {
        let environment = ProcessInfo.processInfo.environment
        guard let python = environment["CONVENER_PYTHON"] else { throw OracleError.noPython }
        let root = try repositoryRoot(from: filePath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [root.appendingPathComponent("Tests/oracles/matching_oracle.py").path]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let payload = try JSONEncoder().encode(Batch(cases: cases))
        // The script reads all of stdin before writing anything, so writing first cannot deadlock.
        try input.fileHandleForWriting.write(contentsOf: payload)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleError.failed(status: process.terminationStatus, stderr: errorText)
        }
        return try JSONDecoder().decode(Reply.self, from: data).answers
    }

    private static func repositoryRoot(from filePath: String) throws -> URL {
        let manager = FileManager.default
        var folder = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let hasPackage = manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
            let hasOracles = manager.fileExists(atPath: folder.appendingPathComponent("Tests/oracles").path)
            if hasPackage && hasOracles { return folder }
            folder.deleteLastPathComponent()
        }
        if let root = ProcessInfo.processInfo.environment["CONVENER_REPO_ROOT"] {
            return URL(fileURLWithPath: root)
        }
        throw OracleError.noRoot(filePath)
    }

    /// Why the oracle could not answer.
    enum OracleError: Error, CustomStringConvertible {
        case noPython
        case noRoot(String)
        case failed(status: Int32, stderr: String)

        var description: String {
            switch self {
            case .noPython:
                "CONVENER_PYTHON is not set; point it at a Python with networkx and scipy."
            case .noRoot(let path):
                "No folder above \(path) holds Package.swift and Tests/oracles; set CONVENER_REPO_ROOT."
            case .failed(let status, let stderr):
                "matching_oracle.py exited with status \(status): \(stderr)"
            }
        }
    }
}
