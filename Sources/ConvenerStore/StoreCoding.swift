/// How the store turns values into bytes, the same way everywhere: sorted keys so equal values give equal bytes.
enum StoreCoding {
    /// Encodes to bytes (see `StoreJSONEncoder`), wrapping failures as `StoreError.encodingFailed`.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        do {
            return try StoreJSONEncoder().encode(value)
        } catch {
            throw StoreError.encodingFailed(reason: "\(error)")
        }
    }
}
