import ConvenerCore
import Foundation
import Hummingbird

/// `/dashboard`: the communities' health for their operator and convenors, behind the admin token;
/// `?community=ID` shows one community.
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
        guarded.get("api/health") { request, _ in try await json(request) }
    }

    /// The health of the community the query names (`community=ID`), or of all of them; 404 for an unknown id.
    private func healths(_ request: Request) async throws -> [CommunityHealth] {
        var selected = runtimes
        if let id = request.uri.queryParameters.get("community") {
            selected = runtimes.filter { $0.profile.id == id }
            guard !selected.isEmpty else {
                let known = runtimes.map { "'\($0.profile.id)'" }.joined(separator: ", ")
                throw HTTPError(.notFound, message: "There is no community '\(id)'; the communities are \(known).")
            }
        }
        var healths: [CommunityHealth] = []
        for runtime in selected { healths.append(await runtime.health()) }
        return healths
    }

    private func page(_ request: Request) async throws -> Response {
        let healths = try await healths(request)
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

    private func json(_ request: Request) async throws -> Response {
        let healths = try await healths(request)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(["communities": healths])
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
