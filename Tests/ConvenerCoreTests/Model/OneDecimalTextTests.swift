import ConvenerCore
import Testing

@Suite("Numbers with one decimal")
struct OneDecimalTextTests {
    @Test("rounds to tenths, half away from zero, and always writes the decimal")
    func tenths() {
        #expect(2.44.oneDecimalText == "2.4")
        #expect(2.46.oneDecimalText == "2.5")
        #expect(12.0.oneDecimalText == "12.0")
        #expect(0.0.oneDecimalText == "0.0")
        #expect((-0.5).oneDecimalText == "-0.5")
        #expect((-0.04).oneDecimalText == "0.0")
        #expect(0.25.oneDecimalText == "0.3")
        #expect(1234.56.oneDecimalText == "1234.6")
    }

    @Test("NaN, infinities and numbers beyond tenths in an Int keep their own text instead of trapping")
    func outOfRange() {
        #expect(Double.nan.oneDecimalText == "nan")
        #expect(Double.infinity.oneDecimalText == "inf")
        #expect(1e300.oneDecimalText == 1e300.description)
    }
}
