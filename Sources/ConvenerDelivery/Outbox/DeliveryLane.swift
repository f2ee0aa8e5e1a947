import ConvenerCore

/// The entries bound for one destination of one platform, in queue order.
struct DeliveryLane: Sendable {
    /// The platform's name and the destination.
    let key: String
    let platform: any DeliveryPlatform
    let destination: String
    var entries: [OutboxEntry] = []
}
