import ConvenerCore
import Foundation
import Hummingbird

/// `GET /calendar/{community}/{secret}.ics`: a community's events as an RFC 5545 feed, for calendar apps; and
/// `GET /calendar/invite/{token}.ics`: a pairing group's invitation.
///
/// The URL is the credential (calendar apps cannot send headers), so a wrong secret and an unknown community
/// get the same 404, and nothing is served until the operator sets `calendar_key`.
struct CalendarController {
    let runtimes: [CommunityRuntime]
    let key: String?
    let clock: any WallClock

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        router.get("calendar/invite/:file") { request, context in try await invitation(request, context) }
        router.get("calendar/:community/:file") { request, context in try await feed(request, context) }
    }

    /// `GET /calendar/invite/{token}.ics`: one pairing group's invitation; a forged, edited or stale token gets 404.
    private func invitation(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        let missing = HTTPError(.notFound, message: "No such invitation; the link may be from an older round.")
        guard let key else { throw missing }
        let token = String(file.dropLast(4))
        // A community may be called "invite": its feed's secret never reads as an invitation token.
        guard let link = PairingInvitationLink(token: token) else { return try await feed(community: "invite", file) }
        guard file.hasSuffix(".ics"), let runtime = runtimes.first(where: { $0.profile.id == link.community }),
            link.verifies(token, key: PairingInvitationLink.communityKey(calendarKey: key, community: link.community)),
            let document = await runtime.pairingInvitation(round: link.round, group: link.group)
        else { throw missing }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8; method=REQUEST",
                .contentDisposition: "attachment; filename=\"invitation.ics\"",
                .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: document)))
    }

    private func feed(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        try await feed(community: context.parameters.get("community") ?? "", context.parameters.get("file") ?? "")
    }

    private func feed(community: String, _ file: String) async throws -> Response {
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
