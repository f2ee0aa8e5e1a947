import Foundation
import Testing

@testable import ConvenerCore

/// Runs the CEL specification's simple conformance files against `CELProgram`.
struct CELConformanceTests {
    /// Files run, with the share of applicable cases that must pass (1.0 = all).
    static let files: [(name: String, requiredRatio: Double)] = [
        ("basic", 1.0), ("comparisons", 0.95), ("conversions", 0.95), ("fields", 0.95), ("fp_math", 0.95),
        ("integer_math", 1.0), ("lists", 0.95), ("logic", 1.0), ("macros", 0.95), ("parse", 0.95),
        ("string", 0.95), ("timestamps", 0.95),
    ]

    /// Functions and macros in Convener's subset.
    static let supportedFunctions: Set<String> = Set(CELFunctions.signatures.keys).union([
        "has", "all", "exists", "exists_one", "map", "filter",
    ])

    /// Runs every file and checks the per-file pass goals.
    @Test("CEL conformance: applicable cases pass per file")
    func conformance() throws {
        guard let directory = Self.conformanceDirectory() else {
            Issue.record(
                "CEL conformance files not found: set CONVENER_CEL_CONFORMANCE_DIR or put them in <repo>/../shared/conformance/cel-spec"
            )
            return
        }
        var rows: [String] = ["| file | cases | applicable | passed | skipped |", "|---|---:|---:|---:|---:|"]
        var totals = (cases: 0, applicable: 0, passed: 0, skipped: 0)
        for (name, requiredRatio) in Self.files {
            let text = try String(contentsOf: directory.appendingPathComponent("\(name).textproto"), encoding: .utf8)
            let file = try CELTextprotoParser.parse(text)
            var report = FileReport()
            for section in file.messages("section") {
                for test in section.messages("test") {
                    report.run(test, section: section.text("name") ?? "")
                }
            }
            let total = report.applicable + report.skipped
            rows.append("| \(name) | \(total) | \(report.applicable) | \(report.passed) | \(report.skipped) |")
            totals.cases += total
            totals.applicable += report.applicable
            totals.passed += report.passed
            totals.skipped += report.skipped
            let reasons = report.skipReasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            print(
                "[cel-conformance] \(name): applicable \(report.applicable), passed \(report.passed), "
                    + "skipped \(report.skipped) {\(reasons.joined(separator: "; "))}")
            for failure in report.failures { print("[cel-conformance]   FAIL \(name)/\(failure)") }
            let required = Int((Double(report.applicable) * requiredRatio).rounded(.up))
            #expect(
                report.passed >= required,
                "\(name): \(report.passed)/\(report.applicable) passed, need \(required); failing: \(report.failures)")
        }
        rows.append("| **total** | \(totals.cases) | \(totals.applicable) | \(totals.passed) | \(totals.skipped) |")
        print(rows.joined(separator: "\n"))
    }

    /// `CONVENER_CEL_CONFORMANCE_DIR`, else `<folder with Package.swift>/../shared/conformance/cel-spec`.
    static func conformanceDirectory() -> URL? {
        if let override = ProcessInfo.processInfo.environment["CONVENER_CEL_CONFORMANCE_DIR"] {
            return URL(fileURLWithPath: override)
        }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                let candidate = folder.appendingPathComponent("../shared/conformance/cel-spec").standardized
                return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}

/// Tallies of one conformance file.
private struct FileReport {
    var applicable = 0
    var passed = 0
    var skipped = 0
    var skipReasons: [String: Int] = [:]
    var failures: [String] = []

    mutating func run(_ test: CELTextprotoMessage, section: String) {
        let name = "\(section)/\(test.text("name") ?? "?")"
        switch CELConformanceCase.prepare(test) {
        case .failure(let skip):
            skipped += 1
            skipReasons[skip.reason, default: 0] += 1
        case .success(let prepared):
            applicable += 1
            if let problem = prepared.run() {
                failures.append("\(name): \(problem)")
            } else {
                passed += 1
            }
        }
    }
}

/// Why a case is not applicable to Convener's CEL subset.
private struct CELConformanceSkip: Error {
    var reason: String
}

/// One conformance case, converted to Swift values.
private struct CELConformanceCase {
    var expression: String
    var declarations: CELDeclarations
    var activation: CELActivation
    var expected: CELValue?

    static func prepare(_ test: CELTextprotoMessage) -> Result<CELConformanceCase, CELConformanceSkip> {
        do {
            return .success(try prepareThrowing(test))
        } catch let skip as CELConformanceSkip {
            return .failure(skip)
        } catch {
            return .failure(CELConformanceSkip(reason: "unreadable case"))
        }
    }

    private static func prepareThrowing(_ test: CELTextprotoMessage) throws -> CELConformanceCase {
        let expression = test.text("expr") ?? ""
        if let container = test.text("container"), !container.isEmpty {
            throw CELConformanceSkip(reason: "container/namespace")
        }
        for field in ["unknown", "any_unknowns", "typed_result", "check_only"] where test.has(field) {
            throw CELConformanceSkip(reason: "\(field) result")
        }
        if expression.contains(".?") || expression.contains("optional.") || expression.contains("[?") {
            throw CELConformanceSkip(reason: "optional types")
        }
        if expression.range(of: #"\b[A-Z][A-Za-z0-9]*\s*\{"#, options: .regularExpression) != nil
            || expression.contains("TestAllTypes")
            || expression.contains("google.protobuf.") && !expression.contains("google.protobuf.Timestamp")
                && !expression.contains("google.protobuf.Duration")
        {
            throw CELConformanceSkip(reason: "protobuf messages")
        }
        // Unchecked cases may call unknown functions on purpose, to test run-time "unbound function" errors.
        let checked = test.text("disable_check") != "true"
        for name in calledFunctions(expression) where checked && !CELConformanceTests.supportedFunctions.contains(name)
        {
            throw CELConformanceSkip(reason: "function outside the subset (\(name))")
        }
        var variables: [String: CELType] = [:]
        for declaration in test.messages("type_env") {
            guard let name = declaration.text("name"), let type = declaration.message("ident")?.message("type") else {
                throw CELConformanceSkip(reason: "function declaration in type_env")
            }
            variables[name] = try celType(type)
        }
        var bindings: [String: CELValue] = [:]
        for binding in test.messages("bindings") {
            guard let key = binding.text("key"), let value = binding.message("value")?.message("value") else {
                throw CELConformanceSkip(reason: "non-value binding")
            }
            bindings[key] = try celValue(value)
        }
        var expected: CELValue?
        if let value = test.message("value") {
            expected = try celValue(value)
        } else if !test.has("eval_error") {
            expected = .bool(true)
        }
        let declarations = CELDeclarations(variables, typeChecking: test.text("disable_check") != "true")
        return CELConformanceCase(
            expression: expression, declarations: declarations,
            activation: CELActivation(bindings), expected: expected)
    }

    /// Names used as functions (`name(` or `.name(`), ignoring string literal contents.
    static func calledFunctions(_ expression: String) -> [String] {
        let withoutStrings = expression.replacingOccurrences(
            of: #"'(\\.|[^'\\])*'|"(\\.|[^"\\])*""#, with: "''", options: .regularExpression)
        guard let regex = try? NSRegularExpression(pattern: #"([A-Za-z_][A-Za-z0-9_.]*)\s*\("#) else { return [] }
        let range = NSRange(withoutStrings.startIndex..., in: withoutStrings)
        return regex.matches(in: withoutStrings, range: range).compactMap { match in
            guard let nameRange = Range(match.range(at: 1), in: withoutStrings) else { return nil }
            return withoutStrings[nameRange].split(separator: ".").last.map(String.init)
        }
    }

    static func celType(_ type: CELTextprotoMessage) throws -> CELType {
        if let primitive = type.text("primitive") {
            switch primitive {
            case "INT64": return .int
            case "UINT64": return .uint
            case "DOUBLE": return .double
            case "STRING": return .string
            case "BYTES": return .bytes
            case "BOOL": return .bool
            default: throw CELConformanceSkip(reason: "primitive type \(primitive)")
            }
        }
        if let message = type.text("message_type") {
            switch message {
            case "google.protobuf.Duration": return .duration
            case "google.protobuf.Timestamp": return .timestamp
            default: throw CELConformanceSkip(reason: "protobuf messages")
            }
        }
        if let list = type.message("list_type"), let element = list.message("elem_type") {
            return .list(try celType(element))
        }
        if let map = type.message("map_type"), let key = map.message("key_type"), let value = map.message("value_type")
        {
            return .map(try celType(key), try celType(value))
        }
        if type.has("dyn") { return .dyn }
        if type.has("null") { return .null }
        throw CELConformanceSkip(reason: "declared type outside the subset")
    }

    static func celValue(_ value: CELTextprotoMessage) throws -> CELValue {
        guard let field = value.fields.first else { throw CELConformanceSkip(reason: "empty value") }
        switch (field.name, field.value) {
        case ("null_value", _): return .null
        case ("bool_value", .scalar(let token)): return .bool(token == "true")
        case ("int64_value", .scalar(let token)):
            guard let number = Int64(token) else { throw CELConformanceSkip(reason: "bad int64") }
            return .int(number)
        case ("uint64_value", .scalar(let token)):
            guard let number = UInt64(token) else { throw CELConformanceSkip(reason: "bad uint64") }
            return .uint(number)
        case ("double_value", .scalar(let token)):
            switch token.lowercased() {
            case "inf", "infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            case "nan": return .double(.nan)
            default:
                guard let number = Double(token) else { throw CELConformanceSkip(reason: "bad double") }
                return .double(number)
            }
        case ("string_value", .string(let bytes)): return .string(String(decoding: bytes, as: UTF8.self))
        case ("bytes_value", .string(let bytes)): return .bytes(bytes)
        case ("type_value", .string(let bytes)): return .type(String(decoding: bytes, as: UTF8.self))
        case ("list_value", .message(let list)):
            var items: [CELValue] = []
            for item in list.messages("values") { items.append(try celValue(item)) }
            return .list(items)
        case ("map_value", .message(let map)):
            var result = CELMap()
            for entry in map.messages("entries") {
                guard let key = entry.message("key"), let item = entry.message("value") else {
                    throw CELConformanceSkip(reason: "bad map entry")
                }
                result.insert(try celValue(item), forKey: try celValue(key))
            }
            return .map(result)
        case ("object_value", .message(let any)):
            guard let (typeName, body) = any.fields.first, case .message(let message) = body else {
                throw CELConformanceSkip(reason: "protobuf messages")
            }
            let seconds = Int64(message.text("seconds") ?? "0") ?? 0
            let nanos = Int32(message.text("nanos") ?? "0") ?? 0
            if typeName.hasSuffix("google.protobuf.Duration]"),
                let duration = CELDuration(seconds: seconds, nanos: nanos)
            {
                return .duration(duration)
            }
            if typeName.hasSuffix("google.protobuf.Timestamp]"),
                let timestamp = CELTimestamp(seconds: seconds, nanos: nanos)
            {
                return .timestamp(timestamp)
            }
            throw CELConformanceSkip(reason: "protobuf messages")
        case ("enum_value", _): throw CELConformanceSkip(reason: "enums")
        default: throw CELConformanceSkip(reason: "value kind \(field.name)")
        }
    }

    /// Nil when the case passes, otherwise what went wrong.
    func run() -> String? {
        let program: CELProgram
        do throws(CELError) {
            program = try CELProgram.compile(expression, declarations: declarations)
        } catch {
            return expected == nil ? nil : "compile error \(error)"
        }
        switch program.evaluate(activation) {
        case .success(let value):
            guard let expected else { return "expected an error, got \(CELJSON.render(value))" }
            return Self.same(value, expected) ? nil : "expected \(expected), got \(value)"
        case .failure(let error):
            return expected == nil ? nil : "evaluation error \(error)"
        }
    }

    /// Structural equality that treats NaN as equal to NaN and requires matching numeric kinds.
    static func same(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case let (.double(x), .double(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.list(x), .list(y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (.map(x), .map(y)):
            return x.count == y.count
                && x.entries.allSatisfy { entry in y[entry.key].map { same(entry.value, $0) } ?? false }
        default: return a == b
        }
    }
}
