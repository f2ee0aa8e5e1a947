import ConvenerCore
import Testing

@Suite("Byte search")
struct ByteSearchTests {
    @Test("finds a needle anywhere, and only a whole one")
    func finds() {
        let hay = Array(#"{"ok":false,"error":"x"}"#.utf8)
        #expect(hay.containsBytes(Array("false".utf8)))
        #expect(hay.containsBytes(Array("{".utf8)))
        #expect(hay.containsBytes(Array("}".utf8)))
        #expect(!hay.containsBytes(Array("fals e".utf8)))
        #expect(!Array("fals".utf8).containsBytes(Array("false".utf8)))
        #expect(!Array("ffalsfalsX".utf8).containsBytes(Array("false".utf8)))
        #expect([UInt8]().containsBytes([]))
        #expect(![UInt8]().containsBytes(Array("a".utf8)))
    }
}
