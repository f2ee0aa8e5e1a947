/// A CEL `google.protobuf.Duration`: a signed span of time with nanosecond precision.
///
/// The range is that of a signed 64-bit count of nanoseconds (about ±292 years), as in cel-go.
public struct CELDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds in one second.
    static let nanosPerSecond: Int128 = 1_000_000_000

    /// The whole span in nanoseconds.
    public let totalNanoseconds: Int128

    /// A duration of `totalNanoseconds`, or nil when outside CEL's range.
    public init?(totalNanoseconds: Int128) {
        guard totalNanoseconds >= Int128(Int64.min) && totalNanoseconds <= Int128(Int64.max) else { return nil }
        self.totalNanoseconds = totalNanoseconds
    }

    /// A duration of `seconds` plus `nanos`, or nil when outside CEL's range.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        self.init(totalNanoseconds: Int128(seconds) * Self.nanosPerSecond + Int128(nanos))
    }

    /// A duration from a Foundation-style number of seconds, or nil when outside CEL's range or not finite.
    public init?(timeInterval: Double) {
        guard timeInterval.isFinite, abs(timeInterval) < 4e11 else { return nil }
        self.init(totalNanoseconds: Int128((timeInterval * 1e9).rounded()))
    }

    /// The whole seconds (truncated toward zero).
    public var seconds: Int64 { Int64(totalNanoseconds / Self.nanosPerSecond) }
    /// The nanoseconds beyond `seconds`, with the same sign.
    public var nanos: Int32 { Int32(totalNanoseconds % Self.nanosPerSecond) }
    /// The duration in seconds as a double.
    public var timeInterval: Double { Double(totalNanoseconds) / 1e9 }

    /// The duration as CEL prints it: seconds with an optional fraction and an `s` suffix (`90s`, `1.5s`).
    public var description: String {
        let negative = totalNanoseconds < 0
        let magnitude = negative ? -totalNanoseconds : totalNanoseconds
        var text = (negative ? "-" : "") + String(magnitude / Self.nanosPerSecond)
        let fraction = magnitude % Self.nanosPerSecond
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "s"
    }

    /// Orders durations by length.
    public static func < (lhs: CELDuration, rhs: CELDuration) -> Bool {
        lhs.totalNanoseconds < rhs.totalNanoseconds
    }

    /// Parses Go-style duration text (`720h`, `1h30m`, `-1.5s`, `250ms`, `10us`, `5ns`); nil when malformed.
    public init?(parsing text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        if scalars.count == 1 && scalars.first == "0" {
            self.init(totalNanoseconds: 0)
            return
        }
        guard !scalars.isEmpty else { return nil }
        var total: Int128 = 0
        while !scalars.isEmpty {
            var whole: Int128 = 0
            var fraction: Int128 = 0
            var fractionScale: Int128 = 1
            var sawDigit = false
            while let scalar = scalars.first, let digit = Self.digit(scalar) {
                whole = whole * 10 + digit
                guard whole < 1_000_000_000_000_000_000_000 else { return nil }
                sawDigit = true
                scalars = scalars.dropFirst()
            }
            if scalars.first == "." {
                scalars = scalars.dropFirst()
                while let scalar = scalars.first, let digit = Self.digit(scalar) {
                    if fractionScale < 1_000_000_000_000 {
                        fraction = fraction * 10 + digit
                        fractionScale *= 10
                    }
                    sawDigit = true
                    scalars = scalars.dropFirst()
                }
            }
            guard sawDigit else { return nil }
            var unit = ""
            while let scalar = scalars.first, Self.digit(scalar) == nil, scalar != "." {
                unit.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst()
            }
            let unitNanos: Int128
            switch unit {
            case "ns": unitNanos = 1
            case "us", "µs", "μs": unitNanos = 1_000
            case "ms": unitNanos = 1_000_000
            case "s": unitNanos = 1_000_000_000
            case "m": unitNanos = 60_000_000_000
            case "h": unitNanos = 3_600_000_000_000
            default: return nil
            }
            total += whole * unitNanos + fraction * unitNanos / fractionScale
            guard total < 1_000_000_000_000_000_000_000_000 else { return nil }
        }
        self.init(totalNanoseconds: negative ? -total : total)
    }

    private static func digit(_ scalar: Unicode.Scalar) -> Int128? {
        guard scalar.value >= 48 && scalar.value <= 57 else { return nil }
        return Int128(scalar.value - 48)
    }
}
