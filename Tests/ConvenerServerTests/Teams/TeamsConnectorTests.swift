import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Logging
import Testing

@testable import ConvenerServer

/// The Teams connector client against a scripted transport: the client-credentials grant, the token cache, renewal
/// on 401, proactive 1:1 conversations kept per member, replies and edits at the documented URLs.
@Suite("Teams connector")
struct TeamsConnectorTests {
    static let service = "https://smba.trafficmanager.net/emea/"
    static let clock = MovableClock(Date(timeIntervalSince1970: 1_796_486_400))

    static func connector(_ transport: ScriptedTransport, book: PlatformAddressBook) -> TeamsConnector {
        let settings = PlatformCredentials([
            "teams": [
                "app_id": "11111111-2222-3333-4444-555555555555", "app_password": "secret",
                "token_url": "https://login.test/token", "service_url": "https://smba.trafficmanager.net/teams/",
            ]
        ])
        return TeamsConnector.make(
            settings, transport: transport, addresses: book, clock: clock, timeout: .seconds(2))
    }

    static func token(_ value: String, expiresIn: Int = 3600) -> (String, HTTPTransportResponse) {
        (
            "POST https://login.test/token",
            HTTPTransportResponse(
                status: 200, body: Array(#"{"access_token":"\#(value)","expires_in":\#(expiresIn)}"#.utf8))
        )
    }

    @Test("a 1:1 conversation is created once per member, with the tenant, and replies carry the bearer token")
    func proactive() async throws {
        let transport = ScriptedTransport([
            Self.token("t1"),
            (
                "POST \(Self.service)v3/conversations",
                HTTPTransportResponse(status: 200, body: Array(#"{"id":"a:dm1"}"#.utf8))
            ),
            ("/activities", HTTPTransportResponse(status: 200, body: Array(#"{"id":"1001"}"#.utf8))),
            ("/activities", HTTPTransportResponse(status: 200, body: Array(#"{"id":"1002"}"#.utf8))),
        ])
        let book = PlatformAddressBook(file: nil, logger: Logger(label: "test"))
        await TeamsConnector.remember(
            TeamsConversationAddress(
                serviceURL: Self.service, conversation: "19:c@thread.tacv2;messageid=1", activity: "1",
                channel: "19:c@thread.tacv2", team: nil, tenant: "tenant-1", user: "29:u", isPersonal: false),
            in: book)
        let connector = Self.connector(transport, book: book)
        let first = try await connector.directConversation(with: "29:u")
        let again = try await connector.directConversation(with: "29:u")
        #expect(first.conversation == "a:dm1" && again.conversation == "a:dm1")
        #expect(first.serviceURL == Self.service)
        let id = try await connector.post(["type": "message", "text": "hi"], to: first.conversation)
        #expect(id == "1001")
        let requests = await transport.requests
        #expect(requests.count == 3)
        let grant = String(decoding: requests[0].body, as: UTF8.self)
        #expect(grant.contains("grant_type=client_credentials"))
        #expect(grant.contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default"))
        let create = try #require(try JSONSerialization.jsonObject(with: Data(requests[1].body)) as? [String: Any])
        #expect(create["tenantId"] as? String == "tenant-1")
        #expect(requests[2].url == "\(Self.service)v3/conversations/a%3Adm1/activities")
        #expect(requests[2].headers.contains(HTTPTransportHeader("Authorization", "Bearer t1")))
    }

    @Test("a 401 renews the token once and the call succeeds; a kept token is reused")
    func renewal() async throws {
        let transport = ScriptedTransport([
            Self.token("old"),
            ("PUT", HTTPTransportResponse(status: 401)),
            Self.token("new"),
            ("PUT", HTTPTransportResponse(status: 200, body: Array("{}".utf8))),
            ("PUT", HTTPTransportResponse(status: 200, body: Array("{}".utf8))),
        ])
        let connector = Self.connector(transport, book: PlatformAddressBook(file: nil, logger: Logger(label: "t")))
        try await connector.update(["type": "message"], in: "19:c@thread.tacv2", activityID: "9")
        try await connector.update(["type": "message"], in: "19:c@thread.tacv2", activityID: "9")
        let requests = await transport.requests
        #expect(requests.map(\.method) == ["POST", "PUT", "POST", "PUT", "PUT"])
        #expect(requests[3].headers.contains(HTTPTransportHeader("Authorization", "Bearer new")))
        #expect(requests[4].headers.contains(HTTPTransportHeader("Authorization", "Bearer new")))
        #expect(
            requests[3].url
                == "https://smba.trafficmanager.net/teams/v3/conversations/19%3Ac%40thread.tacv2/activities/9")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(requests[3].body)) as? [String: Any])
        #expect(body["id"] as? String == "9")
    }
}
