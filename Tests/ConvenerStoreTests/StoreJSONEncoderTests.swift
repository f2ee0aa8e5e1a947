import ConvenerCore
import Foundation
import Testing

@testable import ConvenerStore

@Suite("The store's JSON encoder")
struct StoreJSONEncoderTests {
    /// Everything the synthesized and hand-written `Codable` of the state use, in one value.
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case plain, fancy }
        enum Event: Codable, Equatable {
            case joined(member: String, at: Date)
            case counted(Int)
            case nothing
        }

        var text: String
        var count: Int
        var big: UInt64
        var small: Int8
        var ratio: Double
        var whole: Double
        var tiny: Double
        var single: Float
        var flag: Bool
        var missing: String?
        var present: String?
        var when: Date
        var blob: Data
        var link: URL
        var amount: Decimal
        var kind: Kind
        var events: [Event]
        var table: [String: Int]
        var byNumber: [Int: String]
        var nested: [[String: [Double]]]
        var empty: [String]
    }

    /// A class hierarchy that encodes through `superEncoder`.
    class Base: Codable {
        var base: String = "b"
    }

    final class Derived: Base {
        var extra = 3

        enum CodingKeys: String, CodingKey { case extra }

        override init() { super.init() }

        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            extra = try container.decode(Int.self, forKey: .extra)
            try super.init(from: container.superDecoder())
        }

        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(extra, forKey: .extra)
            try super.encode(to: container.superEncoder())
        }
    }

    static let sample = Sample(
        text: "quote \" backslash \\ slash / newline \n tab \t bell \u{07} é 👋 \u{E000}", count: -42,
        big: UInt64.max, small: -8, ratio: 0.1, whole: 818_200_161, tiny: 1e-7, single: 0.1, flag: true,
        missing: nil, present: "here", when: Date(timeIntervalSinceReferenceDate: 818_200_161.758_876_2),
        blob: Data([0, 1, 2, 250, 255]),
        link: URL(string: "https://hooks.example.com/a/b?c=d") ?? URL(fileURLWithPath: "/"),
        amount: Decimal(sign: .plus, exponent: -3, significand: 12_345), kind: .fancy,
        events: [.joined(member: "slack:U1", at: Date(timeIntervalSince1970: 0)), .counted(3), .nothing],
        table: ["zeta": 1, "alpha": 2, "Beta": 3, "_0": 4, "a b": 5], byNumber: [10: "ten", 2: "two"],
        nested: [["x": [1.5, -2]], [:]], empty: [])

    @Test("what it writes decodes to the same value, and means what Foundation's encoder writes")
    func matchesFoundation() throws {
        let ours = try StoreJSONEncoder().encode(Self.sample)
        #expect(try JSONDecoder().decode(Sample.self, from: Data(ours)) == Self.sample)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let theirs = try foundation.encode(Self.sample)
        let parsedOurs = try JSONSerialization.jsonObject(with: Data(ours)) as? NSDictionary
        let parsedTheirs = try JSONSerialization.jsonObject(with: theirs) as? NSDictionary
        #expect(parsedOurs != nil)
        #expect(parsedOurs == parsedTheirs)
    }

    @Test("keys are sorted, equal values give equal bytes, and numbers and strings are written as JSON")
    func deterministicText() throws {
        let first = try StoreJSONEncoder().encode(Self.sample.table)
        #expect(String(decoding: first, as: UTF8.self) == #"{"Beta":3,"_0":4,"a b":5,"alpha":2,"zeta":1}"#)
        var reordered: [String: Int] = [:]
        for key in Self.sample.table.keys.sorted().reversed() { reordered[key] = Self.sample.table[key] }
        #expect(try StoreJSONEncoder().encode(reordered) == first)
        let text = try StoreJSONEncoder().encode("a\"b\\c/d\n\u{01}é")
        #expect(String(decoding: text, as: UTF8.self) == #""a\"b\\c/d\n\u0001é""#)
        #expect(String(decoding: try StoreJSONEncoder().encode([12.0, 0.5, -3]), as: UTF8.self) == "[12,0.5,-3]")
        #expect(String(decoding: try StoreJSONEncoder().encode(Int?.none), as: UTF8.self) == "null")
    }

    @Test("a subclass encodes its superclass under \"super\"")
    func superEncoder() throws {
        let bytes = try StoreJSONEncoder().encode(Derived())
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"extra":3,"super":{"base":"b"}}"#)
        #expect(try JSONDecoder().decode(Derived.self, from: Data(bytes)).extra == 3)
    }

    @Test("NaN and infinity are refused with the field's path")
    func nonFinite() {
        struct Holder: Encodable { var values: [String: Double] }
        #expect(throws: EncodingError.self) { try StoreJSONEncoder().encode(Holder(values: ["x": .nan])) }
        #expect(throws: StoreError.self) { try StoreCoding.encode([Double.infinity]) }
        #expect(throws: EncodingError.self) {
            try StoreJSONEncoder().encode([Date(timeIntervalSinceReferenceDate: .nan)])
        }
    }

    @Test("a date is its seconds since 2001, written as Foundation writes the number")
    func dates() throws {
        let dates = [
            Date(timeIntervalSinceReferenceDate: 818_200_161.758_876_2), Date(timeIntervalSinceReferenceDate: 12),
        ]
        let foundation = JSONEncoder()
        #expect(try StoreJSONEncoder().encode(dates) == Array(try foundation.encode(dates)))
        #expect(String(decoding: try StoreJSONEncoder().encode(dates), as: UTF8.self) == "[818200161.7588762,12]")
    }

    @Test("the journal's changes decode back unchanged")
    func changesRoundTrip() throws {
        let bytes = try StoreCoding.encode(StoreTestSupport.sampleChanges)
        let decoded = try JSONDecoder().decode([StoreTestState.Change].self, from: Data(bytes))
        #expect(decoded == StoreTestSupport.sampleChanges)
    }
}
