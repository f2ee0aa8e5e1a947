/// The unguessable address of one pairing group's invitation: `/calendar/invite/{token}.ics`, where the token
/// names the community, round and group and carries an HMAC-SHA256 of them under a key derived from the operator's
/// `calendar_key`.
///
/// Nothing is stored: the daemon recomputes the MAC, and changing `calendar_key` revokes every invitation link,
/// as it does the feeds. The MAC covers the whole name, so one group's link cannot be edited into another's.
public struct PairingInvitationLink: Sendable, Equatable {
    /// What a community signs its invitation links with, and where they are served.
    public struct Signing: Sendable, Equatable {
        /// The community's invitation key (`communityKey`).
        public var key: [UInt8]
        /// The daemon's public address, without a trailing slash (empty: links are paths).
        public var baseURL: String

        /// Signing settings.
        public init(key: [UInt8], baseURL: String) {
            self.key = key
            self.baseURL = baseURL
        }
    }

    /// The community.
    public var community: String
    /// The pairing round's number.
    public var round: Int
    /// The group's position in the round.
    public var group: Int

    /// A link's parts.
    public init(community: String, round: Int, group: Int) {
        self.community = community
        self.round = round
        self.group = group
    }

    /// The community's invitation key: what the core signs links with, derived so `calendar_key` never reaches it.
    public static func communityKey(calendarKey: String, community: String) -> [UInt8] {
        SecretCrypto.hmacSHA256(key: Array(calendarKey.utf8), message: Array("convener-invite:\(community)".utf8))
    }

    /// `data-science.12.0.<32 hex>`.
    public func token(key: [UInt8]) -> String {
        "\(name).\(mac(key: key))"
    }

    /// The path the daemon serves the invitation at.
    public func path(key: [UInt8]) -> String {
        "/calendar/invite/\(token(key: key)).ics"
    }

    /// Reads a token's parts without checking its MAC (the caller finds the community's key, then `verifies`).
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, !parts[0].isEmpty, let round = Int(parts[1]), let group = Int(parts[2]),
            round >= 0, group >= 0, String(round) == parts[1], String(group) == parts[2]
        else { return nil }
        self.init(community: String(parts[0]), round: round, group: group)
    }

    /// Whether `token` is this link's token under `key`, compared in constant time.
    public func verifies(_ token: String, key: [UInt8]) -> Bool {
        SecretCrypto.constantTimeEquals(Array(token.utf8), Array(self.token(key: key).utf8))
    }

    private var name: String { "\(community).\(round).\(group)" }

    private func mac(key: [UInt8]) -> String {
        SecretCrypto.hex(SecretCrypto.hmacSHA256(key: key, message: Array("invite:\(name)".utf8)).prefix(16))
    }
}
