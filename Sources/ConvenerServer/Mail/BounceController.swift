import ConvenerCore
import ConvenerDelivery
import Foundation
import Hummingbird

/// `POST /email/bounces`: a bounce that arrived later (an RFC 3464 delivery status), handed over by the MTA through
/// `convener email bounce`, stops mail to the address it reports failed for good and tells the member, as a 5xx
/// during SMTP does.
///
/// Checked in this order, so a forged bounce changes nothing and is refused before its report is read: the bearer
/// secret derived from `email.link_key`; the VERP token of the address the bounce came back to
/// (`bounces+TOKEN@domain`), which must match an address a community holds; then the report itself, where only
/// `Action: failed` with a `5.x.x` status counts (a `delayed` 4.x.x report changes nothing).
struct BounceController {
    let runtimes: [CommunityRuntime]
    let bounces: MailBounceAddress?

    /// The header carrying the envelope recipient the MTA delivered the bounce to.
    static let recipientHeader = "X-Convener-Recipient"

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        router.post("email/bounces") { request, context in try await receive(request, context) }
    }

    private func receive(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        guard let bounces else {
            throw HTTPError(
                .notFound, message: "Bounces are not read here: set email.bounce_address (and email.link_key).")
        }
        let authorization = request.headers[.authorization] ?? ""
        guard authorization.hasPrefix("Bearer "),
            SecretCrypto.constantTimeEquals(
                Array(authorization.dropFirst("Bearer ".count).utf8), Array(bounces.endpointSecret.utf8))
        else {
            throw HTTPError(
                .unauthorized,
                message: "Send the bounce with `convener email bounce` (it proves itself with a secret derived from "
                    + "email.link_key).")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let message = MailEntity(bytes: Array(buffer.readableBytesView))
        guard let found = await addressee(of: message, request: request, bounces: bounces) else {
            throw HTTPError(
                .forbidden,
                message: "Not a bounce of Convener's mail: it is not addressed to \(bounces.mailbox) with a token that "
                    + "matches an address a community holds (forged, or the address is already gone). Nothing changed.")
        }
        let (runtime, address) = found
        let report: DeliveryStatusReport
        do {
            report = try DeliveryStatusReport(message)
        } catch {
            throw HTTPError(.unprocessableContent, message: "Not read: \(error). Nothing changed.")
        }
        guard let failure = report.permanentFailure else {
            let seen = report.recipients.map { "\($0.action) \($0.status)" }.joined(separator: ", ")
            return text(
                .accepted,
                "No recipient failed for good (\(seen)); only Action: failed with a 5.x.x status stops mail. "
                    + "Nothing changed.")
        }
        let stopped = try await runtime.mailBounced(address: address)
        let detail = failure.diagnostic.map { " (\($0))" } ?? ""
        return text(
            .ok,
            stopped
                ? "Mail to \(address) failed for good with \(failure.status)\(detail): \(runtime.profile.name) stopped "
                    + "mailing it and told its member."
                : "Mail to \(address) failed for good, but no member of \(runtime.profile.name) has it any more.")
    }

    /// The community and address a bounce's VERP token names: from the envelope recipient the MTA gave, else from
    /// the addresses in the bounce's own `Delivered-To`, `X-Original-To` and `To` fields.
    private func addressee(of message: MailEntity, request: Request, bounces: MailBounceAddress) async -> (
        CommunityRuntime, String
    )? {
        let given = request.headers.filter { $0.name.canonicalName == Self.recipientHeader.lowercased() }.map(\.value)
        let named = (message.values("Delivered-To") + message.values("X-Original-To") + message.values("To"))
            .flatMap { $0.split(separator: ",").map(Self.address) }
        let tokens = Set((given + named).compactMap(bounces.token(in:)))
        guard !tokens.isEmpty else { return nil }
        for runtime in runtimes {
            for address in await runtime.mailAddresses()
            where tokens.contains(where: { bounces.matches($0, community: runtime.profile.id, address: address) }) {
                return (runtime, address)
            }
        }
        return nil
    }

    /// The address inside `Name <address>`, or the text itself.
    private static func address(_ text: Substring) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return String(text[text.index(after: open)..<close])
    }

    private func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
