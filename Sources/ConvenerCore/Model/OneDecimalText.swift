extension Double {
    /// The number with one decimal, rounded half away from zero ("2.4", "-0.5", "12.0"), written without
    /// Foundation's `String(format:)`: `/cop me` shows a score on every first contact, and formatting it through
    /// `NSString` took 2% of that request. Values too large for tenths in an `Int`, and NaN, keep their own text.
    public var oneDecimalText: String {
        let scaled = (self * 10).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return description }
        let tenths = Int(scaled)
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
