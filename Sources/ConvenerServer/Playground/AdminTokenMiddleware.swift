import ConvenerCore
import Foundation
import Hummingbird

/// Lets a request through only with the admin token, when one is required.
struct AdminTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The token required, or nil when none is.
    let token: String?
    /// The cookie the page sets so that its own API calls carry the token.
    let cookie: String
    /// What the token guards, for the refusal ("the playground", "the dashboard").
    var what = "the playground"
    /// Whether to refuse everyone when no token is configured, instead of letting everyone in.
    var required = false

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token else {
            if required {
                throw HTTPError(
                    .forbidden,
                    message: "\(what.prefix(1).uppercased() + what.dropFirst()) is closed: set the admin token "
                        + "(admin_token in the config, or CONVENER_ADMIN_TOKEN) to open it.")
            }
            return try await next(request, context)
        }
        let bearer = request.headers[.authorization].flatMap { header -> String? in
            header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : nil
        }
        let presented = bearer ?? request.cookies[cookie]?.value ?? request.uri.queryParameters.get("token")
        guard let presented, SecretCrypto.secretsEqual(presented, token) else {
            throw HTTPError(.unauthorized, message: "This Convener requires the admin token for \(what).")
        }
        return try await next(request, context)
    }

}
