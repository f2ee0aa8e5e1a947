import ConvenerCore
import Foundation
import Hummingbird

/// `/dashboard`: the communities' health for their operator and convenors, behind the admin token;
/// `?community=ID` shows one community. `/dashboard/trends` charts its weekly history and
/// `/dashboard/api/trends?weeks=N` exports it as JSON.
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
        guarded.get("trends") { request, _ in try await trendsPage(request) }
        guarded.get("api/trends") { request, _ in try await trendsJSON(request) }
    }

    /// The runtimes the query names (`community=ID`), or all of them; 404 for an unknown id.
    private func selected(_ request: Request) throws -> [CommunityRuntime] {
        guard let id = request.uri.queryParameters.get("community") else { return runtimes }
        let selected = runtimes.filter { $0.profile.id == id }
        guard !selected.isEmpty else {
            let known = runtimes.map { "'\($0.profile.id)'" }.joined(separator: ", ")
            throw HTTPError(.notFound, message: "There is no community '\(id)'; the communities are \(known).")
        }
        return selected
    }

    /// The `weeks` query parameter: a whole number of weeks from 1 to the history's length, 12 when absent.
    static func weeks(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("weeks") else { return 12 }
        guard let weeks = Int(text), (1...CommunityAnalytics.retainedWeeks).contains(weeks) else {
            throw HTTPError(
                .badRequest,
                message: "weeks must be a whole number from 1 to \(CommunityAnalytics.retainedWeeks) "
                    + "(got '\(text)'); for a year, ask for weeks=52.")
        }
        return weeks
    }

    private func trendsPage(_ request: Request) async throws -> Response {
        let weeks = try Self.weeks(request)
        guard let runtime = try selected(request).first else {
            throw HTTPError(.notFound, message: "There is no community to show.")
        }
        let trends = await runtime.trends(weeks: weeks)
        let view = TrendsView(
            trends, communityID: runtime.profile.id, now: Date(), charts: .dashboard, requested: weeks)
        let html = try ReportTemplates.render("trends", view)
        return Response(
            status: .ok, headers: htmlHeaders(request), body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func trendsJSON(_ request: Request) async throws -> Response {
        let weeks = try Self.weeks(request)
        var documents: [TrendsDocument] = []
        for runtime in try selected(request) { documents.append(TrendsDocument(await runtime.trends(weeks: weeks))) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(["communities": documents])
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// HTML headers: no scripts, inline styles only; the token in the query becomes a cookie.
    private func htmlHeaders(_ request: Request) -> HTTPFields {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'",
        ]
        if let adminToken, request.uri.queryParameters.get("token") == adminToken {
            headers[.setCookie] = "\(Self.tokenCookie)=\(adminToken); Path=/dashboard; HttpOnly; SameSite=Strict"
        }
        return headers
    }

    /// The health of the community the query names (`community=ID`), or of all of them; 404 for an unknown id.
    private func healths(_ request: Request) async throws -> [(id: String, health: CommunityHealth)] {
        var healths: [(id: String, health: CommunityHealth)] = []
        for runtime in try selected(request) { healths.append((runtime.profile.id, await runtime.health())) }
        return healths
    }

    private func page(_ request: Request) async throws -> Response {
        let healths = try await healths(request)
        return Response(
            status: .ok, headers: htmlHeaders(request),
            body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html(healths))))
    }

    private func json(_ request: Request) async throws -> Response {
        let healths = try await healths(request).map(\.health)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(["communities": healths])
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
