import ConvenerCore

/// Where the worker finds queued messages and records their delivery.
public protocol OutboxSource: Sendable {
    /// Messages waiting for delivery, oldest first.
    func pendingOutbox() async -> [OutboxEntry]
    /// The first `limit` messages waiting for delivery, oldest first.
    func pendingOutbox(limit: Int) async -> [OutboxEntry]
    /// Records that messages were delivered and may leave the outbox.
    func settle(_ messageIDs: [String]) async throws
    /// Records that messages cannot be delivered, with why; they leave the outbox for the dead letters.
    func deadLetter(_ failures: [(id: String, reason: String)]) async throws
    /// Records, durably, where a delivered message lives on its platform, so updates can edit it.
    func recordDelivery(of messageID: String, at reference: PlatformMessageReference) async throws
    /// Where a delivered message lives on `platform`, if it was recorded.
    func deliveredReference(of messageID: String, on platform: String) async -> PlatformMessageReference?
}

extension OutboxSource {
    public func pendingOutbox(limit: Int) async -> [OutboxEntry] {
        Array(await pendingOutbox().prefix(limit))
    }
}
