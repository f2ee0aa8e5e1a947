/// A platform could not be reached for now; the message stays queued and is tried again.
public struct DeliveryUnavailable: Error, CustomStringConvertible {
    /// What failed, without secrets.
    public let reason: String

    /// An unavailability.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "unavailable for now: \(reason)" }
}
