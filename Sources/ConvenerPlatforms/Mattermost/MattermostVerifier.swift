import ConvenerCore
import Foundation

/// Checks the token Mattermost sends with every slash command (`Authorization: Token …` or the `token` field).
public struct MattermostVerifier: Sendable {
    /// The header carrying `Token <token>`.
    public static let authorizationHeader = "Authorization"

    private let tokens: [[UInt8]]

    /// A verifier accepting the token of any of the configured slash commands (each command has its own).
    public init(commandTokens: [String]) {
        self.tokens = commandTokens.filter { !$0.isEmpty }.map { Array($0.utf8) }
    }

    /// A verifier for one slash command's token.
    public init(commandToken: String) {
        self.init(commandTokens: [commandToken])
    }

    /// Verifies a slash command: `form` is the POST body, or the query string of a GET command.
    ///
    /// The header wins when present; a header that is present but wrong is refused, never retried with the body.
    public func verifyCommand(form: Data, authorization: String?) throws(PlatformVerificationError) {
        let sent: String
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "token" else {
                throw .malformedHeader(name: Self.authorizationHeader, reason: "must be 'Token <command token>'")
            }
            sent = parts[1].trimmingCharacters(in: .whitespaces)
        } else {
            guard let fields = try? PlatformFormFields(decoding: form), let token = fields.optional("token") else {
                throw .missingToken
            }
            sent = token
        }
        let candidate = Array(sent.utf8)
        var matched = false
        for token in tokens {
            // Every configured token is compared, so timing does not tell which one was close.
            matched = SecretCrypto.constantTimeEquals(candidate, token) || matched
        }
        guard matched else { throw .tokenMismatch }
    }
}
