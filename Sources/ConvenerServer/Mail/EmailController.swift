import ConvenerCore
import Foundation
import Hummingbird

/// The pages mail links open: confirming an address, and the one-click unsubscribe (RFC 8058).
///
/// Mail scanners open links to check them, so a GET never changes anything: it shows a page with a button, and the
/// button's POST acts. The unsubscribe POST is what mail apps send on their own ("List-Unsubscribe=One-Click"), so it
/// needs no login: the link's signature is checked before anything else.
struct EmailController {
    let runtimes: [CommunityRuntime]
    let links: MailLinks?
    let renderer: MailRenderer

    func addRoutes(to router: Router<ConvenerRequestContext>) {
        router.get("email/confirm/:community/:token") { request, context in try await confirmPage(request, context) }
        router.post("email/confirm/:community/:token") { _, context in try await confirm(context) }
        router.get("email/unsubscribe/:community/:member/:signature") { request, context in
            try await unsubscribePage(request, context)
        }
        router.post("email/unsubscribe/:community/:member/:signature") { _, context in
            try await unsubscribe(context)
        }
    }

    private func confirmPage(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        guard let found = confirmation(context) else { return notFound }
        let (runtime, token) = found
        switch await runtime.checkMailConfirmation(token: token) {
        case .confirmed(let address):
            return page(
                .ok, title: "Confirm your address",
                message: "Press the button to get the weekly round-up of \(runtime.profile.name) at \(address).",
                button: "Confirm my address", action: request.uri.path)
        case .unknown, .expired:
            return used(runtime)
        }
    }

    private func confirm(_ context: ConvenerRequestContext) async throws -> Response {
        guard let found = confirmation(context) else { return notFound }
        let (runtime, token) = found
        switch try await runtime.confirmMail(token: token) {
        case .confirmed(let address):
            return page(
                .ok, title: "Address confirmed",
                message: "Thank you: the weekly round-up of \(runtime.profile.name) now comes to \(address). Every "
                    + "mail has a link to unsubscribe.")
        case .unknown, .expired:
            return used(runtime)
        }
    }

    private func unsubscribePage(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        guard let runtime = unsubscription(context)?.0 else { return notFound }
        return page(
            .ok, title: "Unsubscribe",
            message:
                "Press the button to stop the round-up of \(runtime.profile.name) by mail and delete your address.",
            button: "Unsubscribe", action: request.uri.path, fields: ["List-Unsubscribe": "One-Click"])
    }

    private func unsubscribe(_ context: ConvenerRequestContext) async throws -> Response {
        guard let found = unsubscription(context) else { return notFound }
        let (runtime, member) = found
        _ = try await runtime.unsubscribeMail(member: member)
        return page(
            .ok, title: "Unsubscribed",
            message: "You get no more mail from \(runtime.profile.name), and your address is deleted. "
                + "`/cop me email ADDRESS` in the chat subscribes again.")
    }

    /// The community and token of a confirmation link, when both are well formed.
    private func confirmation(_ context: ConvenerRequestContext) -> (CommunityRuntime, String)? {
        let token = context.parameters.get("token") ?? ""
        guard token.count == 32, SecretCrypto.bytes(hex: token) != nil,
            let runtime = runtimes.first(where: { $0.profile.id == context.parameters.get("community") })
        else { return nil }
        return (runtime, token.lowercased())
    }

    /// The community and member of an unsubscribe link, when its signature is right.
    private func unsubscription(_ context: ConvenerRequestContext) -> (CommunityRuntime, MemberID)? {
        guard let links, let community = context.parameters.get("community"),
            let runtime = runtimes.first(where: { $0.profile.id == community }),
            let member = links.member(
                community: community, encoded: context.parameters.get("member") ?? "",
                signature: context.parameters.get("signature") ?? "")
        else { return nil }
        return (runtime, member)
    }

    private func used(_ runtime: CommunityRuntime) -> Response {
        page(
            .gone, title: "This link no longer works",
            message: "This confirmation link was already used or has expired (links work once, for 48 hours). "
                + "Type `/cop me email ADDRESS` in the chat of \(runtime.profile.name) for a new one.")
    }

    private var notFound: Response {
        page(.notFound, title: "Unknown link", message: "This link is not valid; check that it was copied whole.")
    }

    private func page(
        _ status: HTTPResponse.Status, title: String, message: String, button: String? = nil, action: String = "",
        fields: [String: String] = [:]
    ) -> Response {
        let html = renderer.page(title: title, message: message, button: button, action: action, fields: fields)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
