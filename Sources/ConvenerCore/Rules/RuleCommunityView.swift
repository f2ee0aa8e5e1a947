/// What rules may read about the community: the `community` variable.
public struct RuleCommunityView: Sendable, Equatable {
    /// The community's id.
    public var id: String
    /// Its display name.
    public var name: String
    /// Its IANA time zone name.
    public var timeZone: String
    /// What it is for ("" when not set).
    public var purpose: String
    /// Its main channel.
    public var channel: String
    /// How members treat each other ("" when not set).
    public var guidelines: String = ""

    /// A community view.
    public init(id: String, name: String, timeZone: String = "UTC", purpose: String = "", channel: String = "general") {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.purpose = purpose
        self.channel = channel
    }

    /// The view of a configured community.
    public init(_ profile: CommunityProfile) {
        self.init(
            id: profile.id, name: profile.name, timeZone: profile.timeZoneName, purpose: profile.purpose ?? "",
            channel: profile.channel)
        guidelines = profile.guidelines ?? ""
    }

    /// The CEL type rules see.
    public static let celType = CELType.object(
        name: "Community",
        fields: [
            "id": .string, "name": .string, "timezone": .string, "purpose": .string, "channel": .string,
            "guidelines": .string, "memberCount": .int,
        ])

    /// The community as a CEL record.
    func celValue(memberCount: Int) -> CELValue {
        .record([
            "id": .string(id), "name": .string(name), "timezone": .string(timeZone), "purpose": .string(purpose),
            "channel": .string(channel), "guidelines": .string(guidelines), "memberCount": .int(Int64(memberCount)),
        ])
    }
}
