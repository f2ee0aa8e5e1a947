import Hummingbird

/// The request context of every Convener route.
public struct ConvenerRequestContext: RequestContext {
    /// Bodies above this size are refused with 413 before any parsing.
    public static let maximumBodySize = 1 << 20

    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { Self.maximumBodySize }
}
