import ConvenerDelivery

/// The connector's HTTP client: every request carries the bot's bearer token, and a 401 (the token expired or was
/// revoked early) is answered once with a fresh token before the status reaches the retry policy. Used under
/// `DeliveryExchange`, so 429s with `Retry-After` and 5xx are retried as on every platform.
struct TeamsAuthorizedTransport: HTTPTransport {
    /// Sends the requests.
    let transport: any HTTPTransport
    /// The bearer token.
    let token: TeamsBotToken

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let first = try await token.bearer()
        let response = try await transport.send(authorized(request, first))
        guard response.status == 401 else { return response }
        await token.invalidate(first)
        return try await transport.send(authorized(request, try await token.bearer()))
    }

    private func authorized(_ request: HTTPTransportRequest, _ bearer: String) -> HTTPTransportRequest {
        var request = request
        request.headers.removeAll { $0.name.lowercased() == "authorization" }
        request.headers.append(HTTPTransportHeader("Authorization", "Bearer \(bearer)"))
        return request
    }
}
