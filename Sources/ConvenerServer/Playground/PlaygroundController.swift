import ConvenerCore
import ConvenerPlatforms
import Foundation
import Hummingbird

/// The playground: a built-in web chat for trying Convener without a chat server, and the API tests drive.
struct PlaygroundController {
    /// The communities; a request names one by id (`community`), else it goes to the first.
    let directory: CommunityDirectory
    let timeline: PlaygroundTimeline
    /// When set, every playground request must carry it (as a bearer token or the cookie the page sets).
    let adminToken: String?

    private static let maximumTextLength = 4_000
    private static let tokenCookie = "convener_admin"

    func addRoutes(to group: RouterGroup<ConvenerRequestContext>) {
        let guarded = group.add(middleware: AdminTokenMiddleware(token: adminToken, cookie: Self.tokenCookie))
        guarded.get { request, _ in try page(request) }
        guarded.post("api/messages") { request, context in try await postMessage(request, context) }
        guarded.post("api/actions") { request, context in try await postAction(request, context) }
        guarded.post("api/forms") { request, context in try await postForm(request, context) }
        guarded.get("api/timeline") { request, _ in try await getTimeline(request) }
        guarded.get("api/communities") { _, _ in try communities() }
    }

    private func page(_ request: Request) throws -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
        ]
        if let adminToken, request.uri.queryParameters.get("token") == adminToken {
            headers[.setCookie] = "\(Self.tokenCookie)=\(adminToken); Path=/playground; HttpOnly; SameSite=Strict"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: PlaygroundPage.html)))
    }

    private func postMessage(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        let body = try await RequestBody.decode(PlaygroundMessageRequest.self, from: request, context: context)
        let member = try memberID(body.member)
        let text = body.text.trimmingWhitespace
        guard !text.isEmpty else {
            throw HTTPError(.badRequest, message: "'text' is empty: type a message or a /cop command.")
        }
        guard text.count <= Self.maximumTextLength else {
            throw HTTPError(.badRequest, message: "'text' is longer than \(Self.maximumTextLength) characters.")
        }
        var event: InputEvent
        if text == "/cop" || text.hasPrefix("/cop ") || text.hasPrefix("/cop\n") {
            event = .command(String(text.dropFirst(4)).trimmingWhitespace)
        } else if text.hasPrefix("/") {
            let name = text.split(separator: " ").first.map(String.init) ?? text
            throw HTTPError(
                .badRequest, message: "\(name) is not a command here; Convener answers /cop (try /cop help).")
        } else {
            event = .message(text)
        }
        var community = body.community
        if case .command(let command) = event {
            let stripped = CommunityFlag.strip(command)
            if let flag = stripped.community {
                guard !flag.isEmpty else {
                    throw HTTPError(
                        .badRequest, message: "--community needs a community id, e.g. --community data-science.")
                }
                community = flag
            }
            event = .command(stripped.text)
        }
        let input = Input(id: Self.newInputID(), member: member, displayName: body.member, event: event)
        if case .message = event {
            await timeline.appendMemberMessage(id: input.id, author: body.member, text: text)
        }
        return try await respond(to: input, in: try runtime(community))
    }

    private func postAction(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        let body = try await RequestBody.decode(PlaygroundActionRequest.self, from: request, context: context)
        let event = InputEvent.action(messageID: body.message, actionID: body.action)
        let input = Input(
            id: Self.newInputID(), member: try memberID(body.member), displayName: body.member, event: event)
        return try await respond(to: input, in: try runtime(body.community))
    }

    private func postForm(_ request: Request, _ context: ConvenerRequestContext) async throws -> Response {
        let body = try await RequestBody.decode(PlaygroundFormRequest.self, from: request, context: context)
        let event = InputEvent.form(formID: body.form, values: body.values.mapValues(\.formValue))
        let input = Input(
            id: Self.newInputID(), member: try memberID(body.member), displayName: body.member, event: event)
        return try await respond(to: input, in: try runtime(body.community))
    }

    /// `GET api/communities`: the communities the page's picker offers, the default first.
    private func communities() throws -> Response {
        try Self.json(
            PlaygroundCommunities(
                communities: directory.runtimes.map {
                    PlaygroundCommunities.Community(id: $0.profile.id, name: $0.profile.name)
                }))
    }

    /// The community `id` names, or the first when it names none; an unknown id is a 400 listing the known ones.
    private func runtime(_ id: String?) throws -> CommunityRuntime {
        guard let id else {
            guard let first = directory.runtimes.first else {
                throw HTTPError(.serviceUnavailable, message: "No community is configured.")
            }
            return first
        }
        guard let runtime = directory.runtime(id: id) else {
            let known = directory.runtimes.map { "'\($0.profile.id)'" }.joined(separator: ", ")
            throw HTTPError(.badRequest, message: "'community' must be one of \(known), not '\(id)'.")
        }
        return runtime
    }

    private func getTimeline(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let name = query.get("member") ?? ""
        let member = try memberID(name)
        let afterText = query.get("after") ?? "0"
        guard let after = Int(afterText), after >= 0 else {
            throw HTTPError(
                .badRequest, message: "'after' must be a whole number >= 0 (the 'next' of the last answer).")
        }
        let page = await timeline.items(for: member, after: after)
        return try Self.json(TimelinePage(items: page.items, next: page.next))
    }

    private func respond(to input: Input, in runtime: CommunityRuntime) async throws -> Response {
        let outcome: Outcome
        do {
            outcome = try await runtime.handle(input)
        } catch let error as CommunityUnavailable {
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
        for reply in outcome.replies { await timeline.appendIfVisible(reply) }
        return try Self.json(PlaygroundReplies(replies: outcome.replies.map(PlaygroundMessage.init)))
    }

    private func memberID(_ name: String) throws -> MemberID {
        if let problem = PlaygroundMemberName.problem(with: name) { throw HTTPError(.badRequest, message: problem) }
        return PlaygroundMemberName.memberID(name)
    }

    private static func newInputID() -> String {
        "pg-" + UUID().uuidString.lowercased().prefix(13).replacingOccurrences(of: "-", with: "")
    }

    private static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The answer of `GET /playground/api/communities`.
private struct PlaygroundCommunities: Encodable {
    struct Community: Encodable {
        let id: String
        let name: String
    }

    let communities: [Community]
}

/// The answer of `GET /playground/api/timeline`.
private struct TimelinePage: Encodable {
    let items: [PlaygroundTimeline.Item]
    let next: Int
}
