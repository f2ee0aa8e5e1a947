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

    @Test("keys compare by their UTF-8 bytes in place as they do element by element, and sort a dictionary so")
    func keyOrder() throws {
        let pieces = ["", "a", "b", "ab", "é", "e\u{301}", "Z", "_", "0", "member:", "slack:T0001:U", "🎉", "ä"]
        var generator = SystemRandomNumberGenerator()
        var keys = pieces
        for _ in 0..<2_000 {
            // Small strings live inside the String and long ones on the heap: both kinds, and shared prefixes.
            let count = Int.random(in: 1...8, using: &generator)
            keys.append((0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        for (a, b) in Array(zip(keys, keys.shuffled(using: &generator))) + zip(keys, keys) {
            let expected = a.utf8.elementsEqual(b.utf8) ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
            #expect(StoreJSONNode.utf8Order(a, b).signum() == expected, "\(a) vs \(b)")
        }
        let table = Dictionary(keys.map { ($0, $0.utf8.count) }) { first, _ in first }
        let written = String(decoding: try StoreJSONEncoder().encode(table), as: UTF8.self)
        let order = table.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let expected = "{" + order.map { "\"\($0)\":\($0.utf8.count)" }.joined(separator: ",") + "}"
        #expect(written == expected)
    }

    /// An array whose elements come every way an `UnkeyedEncodingContainer` takes them, some filled after later ones.
    struct MixedArray: Encodable {
        enum Key: String, CodingKey { case k, z, a }

        func encode(to encoder: any Encoder) throws {
            var array = encoder.unkeyedContainer()
            try array.encode(1)
            var nested = array.nestedUnkeyedContainer()
            try array.encode("x")
            var object = array.nestedContainer(keyedBy: Key.self)
            try array.encode([Sample.Event.counted(7)])
            let inner = array.superEncoder()
            try array.encodeNil()
            try nested.encode(2)
            try object.encode(3, forKey: .z)
            try object.encode("y", forKey: .a)
            var single = inner.singleValueContainer()
            try single.encode(true)
            try nested.encode([4, 5])
        }
    }

    @Test("array elements written as they come keep their places among elements filled later")
    func mixedArray() throws {
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let ours = String(decoding: try StoreJSONEncoder().encode([MixedArray(), MixedArray()]), as: UTF8.self)
        #expect(ours == String(decoding: try foundation.encode([MixedArray(), MixedArray()]), as: UTF8.self))
        #expect(ours.hasPrefix(#"[[1,[2,[4,5]],"x",{"a":"y","z":3},[{"counted":{"_0":7}}],true,null],"#), "\(ours)")
    }
}
