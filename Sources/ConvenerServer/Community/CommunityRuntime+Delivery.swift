import ConvenerCore
import ConvenerDelivery

extension CommunityRuntime: OutboxSource {}

extension PlaygroundTimeline: MessageSink {
    public func deliver(_ message: OutboundMessage) async throws {
        appendIfVisible(message)
    }
}
