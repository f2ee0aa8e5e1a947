import ConvenerCore
import Foundation
import Hummingbird

/// `GET /calendar/{community}/{secret}.ics`: a community's events as an RFC 5545 feed, for calendar apps.
///
/// The URL is the credential (calendar apps cannot send headers), so a wrong secret and an unknown community
/// get the same 404, and no feed is served until the operator sets `calendar_key`.
struct CalendarController {
    let runtimes: [CommunityRuntime]
    let key: String?
    let clock: any WallClock

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        router.get("calendar/:community/:file") { request, context in try await feed(request, context) }
    }

    private func feed(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        let community = context.parameters.get("community") ?? ""
        let file = context.parameters.get("file") ?? ""
        guard let key else {
            throw HTTPError(.notFound, message: "No calendar feeds are served: the operator has not set calendar_key.")
        }
        guard file.hasSuffix(".ics"),
            let runtime = runtimes.first(where: { $0.profile.id == community }),
            CalendarFeedSecret.matches(String(file.dropLast(4)), communityID: community, key: key)
        else {
            throw HTTPError(.notFound, message: "No such calendar; ask a convenor for the feed's current address.")
        }
        let document = await runtime.calendarFeed().document(now: clock.now())
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8",
                .cacheControl: "private, max-age=300",
            ],
            body: .init(byteBuffer: ByteBuffer(string: document)))
    }
}
