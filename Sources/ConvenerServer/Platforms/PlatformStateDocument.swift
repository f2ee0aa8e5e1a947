import Foundation

/// A small document a platform keeps between runs (a pull platform's cursor, the rooms it opened, the addresses it
/// learned): a file beside the state folder when one daemon runs (`PlatformStateFile`), a row every daemon sharing
/// the database reads and writes when the state lives in PostgreSQL (`SharedPlatformState`).
protocol PlatformStateDocument<Value>: Sendable {
    associatedtype Value: Codable & Sendable

    /// The document as last made durable, by this daemon or (when shared) any other.
    func read() async -> Value

    /// Changes the document and returns once the change is durable.
    func update(_ change: @Sendable (inout Value) -> Void) async throws
}

extension PlatformStateFile: PlatformStateDocument {
    /// Only this daemon writes the file: what it last wrote.
    func read() -> Value { value }
}
