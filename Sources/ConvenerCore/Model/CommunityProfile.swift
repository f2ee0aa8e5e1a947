import Foundation

/// The settings of one community that its behaviour depends on, as the config gives them.
public struct CommunityProfile: Sendable, Equatable {
    /// Stable id, also the name of the community's state folder.
    public var id: String
    /// Display name.
    public var name: String
    /// What the community is for, shown to newcomers.
    public var purpose: String?
    /// How members treat each other, shown to newcomers.
    public var guidelines: String?
    /// The community's time zone (IANA name).
    public var timeZone: TimeZone
    /// The time zone's name as the config wrote it (`UTC` stays `UTC`), for people to read.
    public var timeZoneName: String
    /// Handles of the convenors: `platform:user` ids, or bare playground names.
    public var convenors: Set<String>
    /// The community's main channel.
    public var channel: String
    /// The community's holidays, on its own calendar.
    public var holidays: [CommunityHoliday]
    /// After how many silent days `member.inactive` is raised for a member.
    public var inactiveAfterDays: Int
    /// When direct messages wait until the window ends; nil when they never wait.
    public var quietHours: QuietHours?
    /// Where the community lives on each chat platform, which is how requests are routed to it.
    public var bindings: [CommunityBinding]
    /// The community's events, for its calendar feed.
    public var events: [CommunityEvent] = []
    /// The calendar feed's secret address, when the operator set a calendar key; shown by `/cop events` only.
    public var calendarFeedURL: String?
    /// How pairing intros sign their calendar invitation links, when the operator set a calendar key.
    public var invitationSigning: PairingInvitationLink.Signing?
    /// How the community uses e-mail; nil when the operator set up no SMTP server.
    public var mail: CommunityMail?

    /// A community profile.
    public init(
        id: String,
        name: String,
        purpose: String? = nil,
        guidelines: String? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current,
        timeZoneName: String? = nil,
        convenors: Set<String> = [],
        channel: String = "general",
        holidays: [CommunityHoliday] = [],
        inactiveAfterDays: Int = 30,
        quietHours: QuietHours? = nil,
        bindings: [CommunityBinding] = []
    ) {
        self.id = id
        self.name = name
        self.purpose = purpose
        self.guidelines = guidelines
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName ?? CommunityClockText.displayName(of: timeZone)
        self.convenors = convenors
        self.channel = channel
        self.holidays = holidays
        self.inactiveAfterDays = inactiveAfterDays
        self.quietHours = quietHours
        self.bindings = bindings
    }

    /// The channel id the community's channel posts go to on `platform` (its first bound channel there), or nil.
    public func mainChannel(on platform: String) -> String? {
        bindings.first { $0.platform == platform }?.channels.first
    }

    /// Dates and times as people read them: on the community's clock, with the zone as configured.
    public var clockText: CommunityClockText {
        CommunityClockText(timeZone: timeZone, zoneName: timeZoneName)
    }

    /// The community's calendar: its holidays in its time zone.
    public var calendar: CommunityCalendar {
        CommunityCalendar(timeZone: timeZone, holidays: holidays)
    }

    /// The convenors as member ids; a bare name is a playground member.
    public var convenorIDs: [MemberID] {
        convenors.sorted().map {
            $0.contains(":") ? MemberID(rawValue: $0) : MemberID(platform: "playground", user: $0)
        }
    }

    /// Whether `member` is one of the community's convenors.
    public func isConvenor(_ member: MemberID) -> Bool {
        convenors.contains(member.rawValue) || (member.platform == "playground" && convenors.contains(member.user))
    }
}
