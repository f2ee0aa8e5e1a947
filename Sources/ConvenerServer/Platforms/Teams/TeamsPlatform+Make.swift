import ConvenerCore
import ConvenerDelivery
import Foundation

extension TeamsTokenValidator {
    /// A validator for `appID` that fetches the OpenID metadata and the JWKS through `transport` (none: every
    /// token is refused, since no key can be fetched).
    static func fetching(
        appID: String, metadataURL: String, transport: (any HTTPTransport)?, clock: any WallClock
    ) -> TeamsTokenValidator {
        TeamsTokenValidator(
            settings: Settings(appID: appID, openIDMetadataURL: metadataURL), clock: clock,
            fetch: { url in
                guard let transport else { throw DeliveryUnavailable(reason: "no HTTP client to fetch \(url)") }
                let response = try await transport.send(HTTPTransportRequest(url: url, timeout: .seconds(10)))
                guard (200..<300).contains(response.status) else {
                    throw DeliveryUnavailable(reason: "\(url) answered HTTP \(response.status)")
                }
                return Data(response.body)
            })
    }
}

extension TeamsConnector {
    /// The connector with the app's credentials from `settings`, sending through `transport` with retries.
    static func make(
        _ settings: PlatformCredentials, transport: any HTTPTransport, addresses: PlatformAddressBook,
        clock: any WallClock, timeout: Duration = .seconds(15)
    ) -> TeamsConnector {
        let token = TeamsBotToken(
            appID: settings.teamsAppID ?? "", password: settings.teamsAppPassword ?? "",
            tokenURL: settings.teamsTokenURL, transport: transport, clock: clock)
        return TeamsConnector(
            exchange: DeliveryExchange(
                transport: TeamsAuthorizedTransport(transport: transport, token: token), timeout: timeout),
            addresses: addresses, appID: settings.teamsAppID ?? "", defaultServiceURL: settings.teamsServiceURL,
            defaultTenant: settings.teamsTenantID)
    }
}
