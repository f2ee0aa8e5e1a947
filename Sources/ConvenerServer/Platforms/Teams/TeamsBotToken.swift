import ConvenerCore
import ConvenerDelivery
import Foundation

/// The bot's bearer token for the Bot Framework connector: granted by the client-credentials flow at the token
/// URL (scope `https://api.botframework.com/.default`), kept until five minutes before it expires (or half its
/// life, if shorter), and dropped when the connector answers 401 so the next call asks for a new one.
actor TeamsBotToken {
    /// The scope of connector tokens.
    static let scope = "https://api.botframework.com/.default"

    private let appID: String
    private let password: String
    private let tokenURL: String
    private let transport: any HTTPTransport
    private let clock: any WallClock
    private var current: (token: String, renewAt: Date)?

    /// A token source for the app `appID`.
    init(appID: String, password: String, tokenURL: String, transport: any HTTPTransport, clock: any WallClock) {
        self.appID = appID
        self.password = password
        self.tokenURL = tokenURL
        self.transport = transport
        self.clock = clock
    }

    /// A token good for now; asks the token URL when none is kept or it is about to expire.
    func bearer() async throws -> String {
        if let current, clock.now() < current.renewAt { return current.token }
        let body = [
            ("grant_type", "client_credentials"), ("client_id", appID), ("client_secret", password),
            ("scope", Self.scope),
        ].map { "\($0)=\(Self.formEncoded($1))" }.joined(separator: "&")
        let request = HTTPTransportRequest(
            method: "POST", url: tokenURL,
            headers: [HTTPTransportHeader("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(body.utf8), timeout: .seconds(15))
        let response: HTTPTransportResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw DeliveryUnavailable(reason: "teams: the token endpoint could not be reached")
        }
        guard (200..<300).contains(response.status),
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let token = object["access_token"] as? String, !token.isEmpty
        else {
            // A wrong app id or password is fixed by an operator; the messages wait for it instead of being lost.
            throw DeliveryUnavailable(
                reason: "teams: the token endpoint refused the app's credentials (HTTP \(response.status)); check "
                    + "TEAMS_APP_ID and TEAMS_APP_PASSWORD")
        }
        let lifetime = (object["expires_in"] as? NSNumber)?.doubleValue ?? 3600
        let renewAt = clock.now().addingTimeInterval(max(0, min(lifetime - 300, lifetime / 2)))
        current = (token, renewAt)
        return token
    }

    /// Forgets `token` when it is still the kept one (the connector refused it).
    func invalidate(_ token: String) {
        if current?.token == token { current = nil }
    }

    private static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
