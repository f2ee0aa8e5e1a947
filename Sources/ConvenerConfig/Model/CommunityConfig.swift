import ConvenerCore
import Foundation

/// One community the daemon facilitates.
public struct CommunityConfig: Sendable, Hashable {
    /// Stable id, `[a-z0-9-]{1,40}`, unique; defaults to the slug of the name.
    public var id: String
    /// Display name, 1-80 characters.
    public var name: String
    /// Text shown to newcomers, if any.
    public var purpose: String?
    /// Community guidelines, if any.
    public var guidelines: String?
    /// IANA time zone identifier used for schedules and local mornings (default `UTC`).
    public var timeZone: String
    /// Member handles with convenor rights: playground names or `platform:user` ids.
    public var convenors: [String]
    /// The community's main channel name (default `general`).
    public var channel: String
    /// Holidays: `YYYY-MM-DD` days and `YYYY-MM-DD..YYYY-MM-DD` ranges, on which schedules skip or postpone.
    public var holidays: [CommunityHoliday]
    /// After how many silent days a member counts as inactive (default 30).
    public var inactiveAfterDays: Int
    /// When direct messages wait, on the community's clock (e.g. 21:00-08:00); nil for never.
    public var quietHours: QuietHours?
    /// Community events, served as an ICS feed (default none).
    public var events: [CommunityEvent] = []
    /// The community's mail settings (`email: {round_up_to, chat_link}`), if any.
    public var email: CommunityEmailConfig?
    /// Where the community lives on each platform (`*_channel`, `*_channels` and the workspace keys together),
    /// which is how requests are routed to it.
    public var bindings: [CommunityBinding] = []

    /// Creates a community; `id` defaults to the slug of `name`.
    public init(
        id: String? = nil,
        name: String,
        purpose: String? = nil,
        guidelines: String? = nil,
        timeZone: String = "UTC",
        convenors: [String] = ["convenor"],
        channel: String = "general",
        holidays: [CommunityHoliday] = [],
        inactiveAfterDays: Int = 30,
        quietHours: QuietHours? = nil
    ) {
        self.id = id ?? Self.slug(of: name)
        self.name = name
        self.purpose = purpose
        self.guidelines = guidelines
        self.timeZone = timeZone
        self.convenors = convenors
        self.channel = channel
        self.holidays = holidays
        self.inactiveAfterDays = inactiveAfterDays
        self.quietHours = quietHours
    }

    /// The default id for a name: ASCII-folded, lowercase, runs of other characters as `-`, at most 40 long.
    public static func slug(of name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        slug = String(slug.prefix(40))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    /// Whether `id` is a valid community id.
    public static func isValidID(_ id: String) -> Bool {
        (1...40).contains(id.count)
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// A community's `email` section.
public struct CommunityEmailConfig: Sendable, Hashable {
    /// A mailing-list address that gets every round-up.
    public var roundUpTo: String?
    /// The link back into the chat that mails carry.
    public var chatLink: String?

    /// An empty section.
    public init(roundUpTo: String? = nil, chatLink: String? = nil) {
        self.roundUpTo = roundUpTo
        self.chatLink = chatLink
    }
}
