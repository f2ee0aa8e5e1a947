/// How much the daemon logs; the names match swift-log's `Logger.Level`.
public enum ConfigLogLevel: String, Sendable, Hashable, CaseIterable {
    /// Everything, including per-request detail.
    case trace
    /// Diagnostic detail for debugging.
    case debug
    /// Normal operation (the default).
    case info
    /// Significant but normal events.
    case notice
    /// Something unexpected that the daemon handled.
    case warning
    /// A failed operation.
    case error
    /// The daemon cannot continue.
    case critical
}
