import Foundation

/// JSON coders configured the same way everywhere: sorted keys so equal values give equal bytes.
enum StoreCoding {
    /// A deterministic encoder.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Encodes to bytes, wrapping failures as `StoreError.encodingFailed`.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        do {
            return Array(try encoder().encode(value))
        } catch {
            throw StoreError.encodingFailed(reason: "\(error)")
        }
    }
}
