import Foundation

/// Seeded random cron expressions and start instants for the differential test against cronsim.
struct CronRandomExpressions {
    private var state: UInt64

    /// Creates a generator; the same seed gives the same sequence.
    init(seed: UInt64) { state = seed }

    /// SplitMix64: small, fast and identical on every platform.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    /// A random valid five-field expression.
    mutating func expression() -> String {
        [minuteField(), hourField(), dayOfMonthField(), monthField(), dayOfWeekField()].joined(separator: " ")
    }

    private mutating func minuteField() -> String {
        switch int(0...99) {
        case 0..<40: "\(pick([0, 0, 15, 30, 45]) ?? int(0...59))"
        case 40..<50: "\(int(0...59))"
        case 50..<62: "*/\(pick([5, 10, 15, 20, 30, 7, 25]) ?? 15)"
        case 62..<72: list(0...59, names: nil)
        case 72..<78: "*"
        case 78..<86: rangeStep(0...59, names: nil)
        case 86..<92: "\(int(0...59))/\(int(1...30))"
        default: range(0...59, names: nil)
        }
    }

    private mutating func hourField() -> String {
        switch int(0...99) {
        // Hours around DST changes: 2-3 in Europe and North America and on Lord Howe, 0 and 23 in Santiago.
        case 0..<30: "\(pick([0, 1, 2, 3, 23]) ?? 2)"
        case 30..<45: "\(int(0...23))"
        case 45..<57: "*"
        case 57..<67: "*/\(pick([2, 3, 4, 5, 6, 12]) ?? 2)"
        case 67..<80: list(0...23, names: nil)
        case 80..<90: range(0...23, names: nil)
        case 90..<95: rangeStep(0...23, names: nil)
        default: "\(int(0...23))/\(int(1...12))"
        }
    }

    private mutating func dayOfMonthField() -> String {
        switch int(0...99) {
        case 0..<50: "*"
        case 50..<62: "\(int(1...31))"
        case 62..<72: list(1...31, names: nil)
        case 72..<80: range(1...31, names: nil)
        case 80..<88: "*/\(int(2...10))"
        case 88..<94: rangeStep(1...31, names: nil)
        default: "\(int(1...28))/\(int(1...10))"
        }
    }

    private mutating func monthField() -> String {
        let names = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        switch int(0...99) {
        case 0..<55: return "*"
        // DST months: March, April, September, October, November.
        case 55..<67: return value(pick([3, 4, 9, 10, 11]) ?? 3, in: 1...12, names: names)
        case 67..<77: return list(1...12, names: names)
        case 77..<87: return range(1...12, names: names)
        case 87..<93: return "*/\(int(2...4))"
        default: return rangeStep(1...12, names: names)
        }
    }

    private mutating func dayOfWeekField() -> String {
        let names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        switch int(0...99) {
        case 0..<50: return "*"
        case 50..<62: return int(0...9) == 0 ? "7" : value(int(0...6), in: 0...6, names: names)
        case 62..<72: return list(0...7, names: names)
        case 72..<84: return range(0...7, names: names)
        case 84..<90: return "*/\(int(2...3))"
        default: return rangeStep(0...7, names: names)
        }
    }

    private mutating func pick(_ values: [Int]) -> Int? { values.isEmpty ? nil : values[int(0...(values.count - 1))] }

    private mutating func value(_ value: Int, in bounds: ClosedRange<Int>, names: [String]?) -> String {
        guard let names, value - bounds.lowerBound < names.count, chance(50) else { return "\(value)" }
        let name = names[value - bounds.lowerBound]
        switch int(0...2) {
        case 0: return name
        case 1: return name.lowercased()
        default: return name.prefix(1) + name.dropFirst().lowercased()
        }
    }

    private mutating func range(_ bounds: ClosedRange<Int>, names: [String]?) -> String {
        let low = int(bounds)
        let high = int(low...bounds.upperBound)
        return value(low, in: bounds, names: names) + "-" + value(high, in: bounds, names: names)
    }

    private mutating func rangeStep(_ bounds: ClosedRange<Int>, names: [String]?) -> String {
        range(bounds, names: names) + "/\(int(1...max(2, bounds.count / 4)))"
    }

    private mutating func list(_ bounds: ClosedRange<Int>, names: [String]?) -> String {
        (0..<int(2...4)).map { _ in
            switch int(0...3) {
            case 0: range(bounds, names: names)
            case 1: rangeStep(bounds, names: names)
            default: value(int(bounds), in: bounds, names: names)
            }
        }.joined(separator: ",")
    }

    /// A start instant in 2019-2030: a third anywhere, the rest within hours or days of one of `transitions`.
    mutating func start(near transitions: [Date]) -> Date {
        let whole: Double
        if transitions.isEmpty || chance(33) {
            whole = Double(int(1_546_300_800...1_924_991_999))
        } else {
            let transition = transitions[int(0...(transitions.count - 1))].timeIntervalSince1970
            let spread = chance(50) ? 3 * 3600 : 2 * 86_400
            whole = transition + Double(int(-spread...spread))
        }
        return Date(timeIntervalSince1970: whole + (chance(10) ? Double(int(1...999)) / 1000 : 0))
    }
}
