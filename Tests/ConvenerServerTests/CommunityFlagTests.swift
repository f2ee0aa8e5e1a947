import Testing

@testable import ConvenerServer

@Suite("--community flag")
struct CommunityFlagTests {
    @Test(
        "The flag and its id are removed wherever they stand",
        arguments: [
            ("stats --community ux", "stats", "ux"),
            ("--community ux stats", "stats", "ux"),
            ("kudos @ada thanks --community=data-science", "kudos @ada thanks", "data-science"),
            ("poll \"Q --community x?\" \"A\" \"B\"", "poll \"Q --community x?\" \"A\" \"B\"", nil),
            ("stats --community", "stats", ""),
            ("stats", "stats", nil),
        ] as [(String, String, String?)])
    func strip(text: String, rest: String, community: String?) {
        let stripped = CommunityFlag.strip(text)
        #expect(stripped.text == rest)
        #expect(stripped.community == community)
    }
}
