import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation

/// The Bot Framework connector's REST API as Convener uses it: post an activity to a conversation (a reply to an
/// activity with `…/activities/{replyToId}`), replace one (`PUT …/activities/{id}`), and open a member's 1:1
/// conversation (`POST {serviceUrl}/v3/conversations` with the member and the tenant), kept per member.
///
/// Each conversation's `serviceUrl` comes from verified inbound activities (`remember`), kept in the address book;
/// a conversation no activity has named yet goes through the configured service URL.
struct TeamsConnector: Sendable {
    /// Sends the calls with the bot token, with retries (429 `Retry-After`, 5xx).
    let exchange: DeliveryExchange
    /// Where conversations and members were last seen.
    let addresses: PlatformAddressBook
    /// The bot's app id (the bot's account is `28:<app id>`).
    let appID: String
    /// The connector for conversations no activity named one for.
    let defaultServiceURL: String
    /// The tenant for members whose activities named none.
    let defaultTenant: String?

    private static let platform = TeamsSettings.platform

    /// Keeps where `address`'s conversation, channel and member are reached; called only after the token's
    /// `serviceurl` claim matched the activity.
    static func remember(_ address: TeamsConversationAddress, in book: PlatformAddressBook) async {
        await book.remember(platform, "conversation:\(address.conversation)", ["serviceUrl": address.serviceURL])
        await book.remember(platform, "conversation:\(address.channel)", ["serviceUrl": address.serviceURL])
        guard let user = address.user else { return }
        var member = ["serviceUrl": address.serviceURL]
        member["tenant"] = address.tenant
        if address.isPersonal { member["conversation"] = address.conversation }
        await book.remember(platform, "member:\(user)", member)
    }

    /// The connector `conversation` lives on.
    func serviceURL(of conversation: String) async -> String {
        await addresses.entry(Self.platform, "conversation:\(conversation)")?["serviceUrl"] ?? defaultServiceURL
    }

    /// Posts `activity` to `conversation` (as a reply to `replyTo` when given); returns the new activity's id.
    @discardableResult
    func post(_ activity: PlatformJSON, to conversation: String, replyTo: String? = nil, serviceURL: String? = nil)
        async throws -> String?
    {
        var service = serviceURL
        if service == nil { service = await self.serviceURL(of: conversation) }
        var url = Self.base(service ?? defaultServiceURL) + "/v3/conversations/\(Self.escaped(conversation))/activities"
        if let replyTo { url += "/\(Self.escaped(replyTo))" }
        let request = PlatformAPIResponse.json("POST", url, body: activity.encoded, authorization: nil)
        let response = try await exchange.perform(request, label: "teams POST /v3/conversations/{c}/activities")
        return PlatformAPIResponse.string("id", in: response.body)
    }

    /// Replaces activity `activityID` of `conversation` with `activity` (a poll's card with new counts).
    func update(_ activity: PlatformJSON, in conversation: String, activityID: String) async throws {
        var body = activity
        if case .object(var members) = body {
            members["id"] = .string(activityID)
            body = .object(members)
        }
        let url =
            Self.base(await serviceURL(of: conversation))
            + "/v3/conversations/\(Self.escaped(conversation))/activities/\(Self.escaped(activityID))"
        let request = PlatformAPIResponse.json("PUT", url, body: body.encoded, authorization: nil)
        _ = try await exchange.perform(request, label: "teams PUT /v3/conversations/{c}/activities/{a}")
    }

    /// The 1:1 conversation with `user`: the one kept, else a new one created proactively and kept.
    func directConversation(with user: String) async throws -> (conversation: String, serviceURL: String) {
        let known = await addresses.entry(Self.platform, "member:\(user)") ?? [:]
        let service = known["serviceUrl"] ?? defaultServiceURL
        if let conversation = known["conversation"] { return (conversation, service) }
        guard let tenant = known["tenant"] ?? defaultTenant else {
            throw PermanentDeliveryFailure(
                reason: "teams: no tenant is known for \(user): they have not written to the bot yet and "
                    + "TEAMS_TENANT_ID is not set")
        }
        let body: PlatformJSON = [
            "bot": ["id": .string("28:\(appID)")], "isGroup": false, "members": [["id": .string(user)]],
            "tenantId": .string(tenant), "channelData": ["tenant": ["id": .string(tenant)]],
        ]
        let request = PlatformAPIResponse.json(
            "POST", Self.base(service) + "/v3/conversations", body: body.encoded, authorization: nil)
        let response = try await exchange.perform(request, label: "teams POST /v3/conversations")
        guard let conversation = PlatformAPIResponse.string("id", in: response.body) else {
            throw PermanentDeliveryFailure(reason: "teams: /v3/conversations returned no conversation id")
        }
        await addresses.remember(
            Self.platform, "member:\(user)", ["conversation": conversation, "serviceUrl": service])
        await addresses.remember(Self.platform, "conversation:\(conversation)", ["serviceUrl": service])
        return (conversation, service)
    }

    /// `message` as an activity, or a permanent failure saying why it cannot be shown.
    static func activity(_ message: OutboundMessage) throws -> PlatformJSON {
        do {
            return try TeamsCardRenderer.activity(message)
        } catch {
            throw PermanentDeliveryFailure(reason: "teams: the message cannot be rendered: \(error)")
        }
    }

    private static func base(_ serviceURL: String) -> String {
        serviceURL.hasSuffix("/") ? String(serviceURL.dropLast()) : serviceURL
    }

    // Conversation ids hold ':', '@' and ';', which must not be read as URL syntax.
    private static func escaped(_ component: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return component.addingPercentEncoding(withAllowedCharacters: allowed) ?? component
    }
}
