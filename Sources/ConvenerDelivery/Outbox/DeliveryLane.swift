import ConvenerCore

/// The entries bound for one destination of one platform, in queue order.
struct DeliveryLane: Sendable {
    /// The platform's name and the destination.
    let key: String
    /// The platform sending.
    let platform: any DeliveryPlatform
    /// The destination on that platform.
    let destination: String
    /// The entries to send, in queue order.
    var entries: [OutboxEntry] = []
}
