import ConvenerCore
import ConvenerDelivery

extension CommunityRuntime: OutboxSource {}
