import Foundation
import Testing

@testable import ConvenerCore

@Suite("Anonymity keys and participation tokens")
struct AnonymityKeyTests {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test(
        "SHA-256 matches the NIST vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256(message: String, expected: String) {
        #expect(hex(SecretCrypto.sha256(Array(message.utf8))) == expected)
    }

    @Test("SHA-256 of a million 'a's (multi-block) matches NIST")
    func sha256Long() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            hex(SecretCrypto.sha256(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("HMAC-SHA256 matches RFC 4231 test cases 1, 2 and 6")
    func hmac() {
        #expect(
            hex(SecretCrypto.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(
            hex(SecretCrypto.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(
            hex(
                SecretCrypto.hmacSHA256(
                    key: [UInt8](repeating: 0xaa, count: 131),
                    message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("A token depends on the key, the scope and the member, and survives a JSON round trip of the key")
    func tokens() throws {
        let randomness = CommunityRandomness.seeded(7)
        let key = AnonymityKey(randomness: randomness)
        let other = AnonymityKey(randomness: randomness)
        let alice = MemberID(platform: "playground", user: "alice")
        let bob = MemberID(platform: "playground", user: "bob")
        let token = key.token(scope: "P1", member: alice)
        #expect(token.count == 64)
        #expect(token != key.token(scope: "P2", member: alice))
        #expect(token != key.token(scope: "P1", member: bob))
        #expect(token != other.token(scope: "P1", member: alice))
        let decoded = try JSONDecoder().decode(AnonymityKey.self, from: JSONEncoder().encode(key))
        #expect(decoded.token(scope: "P1", member: alice) == token)
        #expect(!String(decoding: try JSONEncoder().encode(key), as: UTF8.self).contains(token))
    }

    @Test("A key that is not 32 bytes of base64 is refused with a reason")
    func badKey() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnonymityKey.self, from: Data("\"AAAA\"".utf8)) }
    }

    @Test("Seeded randomness repeats; system randomness does not")
    func randomness() {
        #expect(CommunityRandomness.seeded(1).bytes(16) == CommunityRandomness.seeded(1).bytes(16))
        #expect(CommunityRandomness.system.bytes(16) != CommunityRandomness.system.bytes(16))
    }
}
