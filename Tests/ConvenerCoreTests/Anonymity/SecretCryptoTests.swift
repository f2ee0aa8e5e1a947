import Testing

@testable import ConvenerCore

@Suite("Secret crypto: one compare, one hex, swift-crypto underneath")
struct SecretCryptoTests {
    @Test("Equal bytes compare equal; a different byte or length does not")
    func constantTimeEquals() {
        #expect(SecretCrypto.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!SecretCrypto.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!SecretCrypto.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(SecretCrypto.constantTimeEquals([UInt8](), []))
    }

    @Test("Secrets compare by value, whatever their lengths")
    func secrets() {
        #expect(SecretCrypto.secretsEqual("s3cret-token", "s3cret-token"))
        #expect(!SecretCrypto.secretsEqual("s3cret-token", "s3cret-tokeN"))
        #expect(!SecretCrypto.secretsEqual("s3cret-token", "s3cret"))
    }

    @Test("Hex round-trips in either case and refuses what is not hex")
    func hex() {
        #expect(SecretCrypto.hex([0x00, 0xab, 0xff]) == "00abff")
        #expect(SecretCrypto.bytes(hex: "00ABff") == [0x00, 0xab, 0xff])
        #expect(SecretCrypto.bytes(hex: "abc") == nil)
        #expect(SecretCrypto.bytes(hex: "zz") == nil)
    }
}
