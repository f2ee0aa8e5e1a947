/// Where a Teams activity came from, as the connector needs it to answer there or to reach the member later.
public struct TeamsConversationAddress: Sendable, Equatable {
    /// The connector the conversation lives on (`https://smba.trafficmanager.net/amer/`).
    public var serviceURL: String
    /// The conversation, with `;messageid=…` when the activity is in a channel thread.
    public var conversation: String
    /// The activity's id: replies go to `…/activities/{activity}`.
    public var activity: String?
    /// The channel (`19:…@thread.tacv2`), or the conversation itself outside channels.
    public var channel: String
    /// The team, in a channel.
    public var team: String?
    /// The tenant, needed to create a 1:1 conversation.
    public var tenant: String?
    /// Who sent the activity.
    public var user: String?
    /// Whether it is a 1:1 chat with the bot.
    public var isPersonal: Bool

    /// An address.
    public init(
        serviceURL: String, conversation: String, activity: String?, channel: String, team: String?, tenant: String?,
        user: String?, isPersonal: Bool
    ) {
        self.serviceURL = serviceURL
        self.conversation = conversation
        self.activity = activity
        self.channel = channel
        self.team = team
        self.tenant = tenant
        self.user = user
        self.isPersonal = isPersonal
    }

    /// The reply context's opaque address fields.
    public var fields: [String: String] {
        var fields = ["serviceUrl": serviceURL, "conversation": conversation, "personal": isPersonal ? "1" : "0"]
        fields["activity"] = activity
        fields["tenant"] = tenant
        fields["user"] = user
        return fields
    }

    /// The address kept in reply-context fields, or nil when they are not a Teams address.
    public init?(fields: [String: String]) {
        guard let serviceURL = fields["serviceUrl"], let conversation = fields["conversation"] else { return nil }
        self.init(
            serviceURL: serviceURL, conversation: conversation, activity: fields["activity"], channel: conversation,
            team: nil, tenant: fields["tenant"], user: fields["user"], isPersonal: fields["personal"] == "1")
    }
}
