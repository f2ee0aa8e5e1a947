import ConvenerCore
import Foundation
import Hummingbird

/// `/dashboard`: the community's health for its operator and convenors, behind the admin token.
///
/// Without an admin token configured the dashboard stays closed (403 saying how to open it), because it shows
/// figures about the community to whoever reaches the port.
struct DashboardController {
    let runtimes: [CommunityRuntime]
    let adminToken: String?

    private static let tokenCookie = "convener_dashboard"

    func addRoutes(to group: RouterGroup<ConvenerRequestContext>) {
        let guarded = group.add(
            middleware: AdminTokenMiddleware(
                token: adminToken, cookie: Self.tokenCookie, what: "the dashboard", required: true))
        guarded.get { request, _ in try await page(request) }
        guarded.get("api/health") { _, _ in try await json() }
    }

    private func page(_ request: Request) async throws -> Response {
        var healths: [CommunityHealth] = []
        for runtime in runtimes { healths.append(await runtime.health()) }
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
        ]
        if let adminToken, request.uri.queryParameters.get("token") == adminToken {
            headers[.setCookie] = "\(Self.tokenCookie)=\(adminToken); Path=/dashboard; HttpOnly; SameSite=Strict"
        }
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html(healths))))
    }

    private func json() async throws -> Response {
        var healths: [CommunityHealth] = []
        for runtime in runtimes { healths.append(await runtime.health()) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(["communities": healths])
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
