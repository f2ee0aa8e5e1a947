import Testing

@testable import ConvenerCore

@Suite("Member ids")
struct MemberIDTests {
    @Test("The platform and user parts of well-formed ids, split at the first colon")
    func parts() {
        #expect(MemberID(rawValue: "slack:U024BE7LH").platform == "slack")
        #expect(MemberID(rawValue: "slack:U024BE7LH").user == "U024BE7LH")
        #expect(MemberID(rawValue: "matrix:@bob:example.org").platform == "matrix")
        #expect(MemberID(rawValue: "matrix:@bob:example.org").user == "@bob:example.org")
        #expect(MemberID(rawValue: "a::b").user == ":b")
        #expect(MemberID(platform: "teams", user: "29:1abc").user == "29:1abc")
    }

    @Test("Ids without both parts read as splitting them always did")
    func malformed() {
        for raw in [":x", "x:", "nocolon", "", ":", "::y"] {
            let parts = raw.split(separator: ":", maxSplits: 1)
            #expect(MemberID(rawValue: raw).platform == (parts.first.map(String.init) ?? ""), "\(raw)")
            #expect(MemberID(rawValue: raw).user == (parts.count == 2 ? String(parts[1]) : raw), "\(raw)")
        }
    }
}
