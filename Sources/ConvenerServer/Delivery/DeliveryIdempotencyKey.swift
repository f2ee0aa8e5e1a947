import ConvenerCore

/// Deterministic per-message keys the platforms use to drop a duplicate post (a re-send after a crash).
enum DeliveryIdempotencyKey {
    /// Discord's `nonce` (at most 25 characters): the message id when it fits, else a digest of it.
    static func discordNonce(for messageID: String) -> String {
        messageID.utf8.count <= 25 && messageID.allSatisfy(\.isASCII) ? messageID : "cv" + digest(messageID, 23)
    }

    /// Mattermost's `pending_post_id`: 26 hex characters derived from the message id, like a Mattermost id.
    static func mattermostPendingPostID(for messageID: String) -> String {
        digest(messageID, 26)
    }

    private static func digest(_ text: String, _ length: Int) -> String {
        String(SecretCrypto.hex(SecretCrypto.sha256(Array(text.utf8))).prefix(length))
    }
}
