/// A delivery that will never succeed as it is (a missing channel, revoked credentials, an unsupported target):
/// the worker dead-letters the message instead of retrying it.
public struct PermanentDeliveryFailure: Error, CustomStringConvertible {
    /// What the platform or the network said.
    public let reason: String

    /// A permanent failure.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
