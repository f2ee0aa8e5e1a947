import Testing

@testable import ConvenerServer

/// VERP envelope senders: each member's mail names its address in a signed token, so a later bounce says whom it is
/// about, and nobody without the key can make one.
@Suite("Bounce addresses")
struct MailBounceAddressTests {
    let bounces = MailBounceAddress(mailbox: "bounces@example.org", key: "link-key-0123456789")

    @Test("the sender carries a 20-hex token that matches its community and address only")
    func roundTrip() throws {
        let sender = bounces.sender(community: "data-science", to: "Ada@Example.org")
        #expect(sender.hasPrefix("bounces+") && sender.hasSuffix("@example.org"))
        #expect(sender.split(separator: "@")[0].count <= 64, "RFC 5321's local-part limit")
        let token = try #require(bounces.token(in: "<\(sender.uppercased())>"))
        #expect(bounces.matches(token, community: "data-science", address: "ada@example.org"))
        #expect(!bounces.matches(token, community: "data-science", address: "bob@example.org"))
        #expect(!bounces.matches(token, community: "other", address: "ada@example.org"))
        let otherKey = MailBounceAddress(mailbox: "bounces@example.org", key: "another-key")
        #expect(!otherKey.matches(token, community: "data-science", address: "ada@example.org"))
        #expect(otherKey.endpointSecret != bounces.endpointSecret)
    }

    @Test(
        "addresses that are not this mailbox's VERP form give no token",
        arguments: [
            "bounces@example.org", "bounces+0123@example.org", "other+0123456789abcdef0123@example.org",
            "bounces+0123456789abcdef0123@example.net", "bounces+0123456789abcdefxyzw@example.org",
        ])
    func noToken(_ recipient: String) {
        #expect(bounces.token(in: recipient) == nil)
    }
}
