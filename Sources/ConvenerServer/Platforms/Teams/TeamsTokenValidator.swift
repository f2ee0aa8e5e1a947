import ConvenerCore
import Foundation
import JWTKit

/// Checks the JWT Bot Framework sends with every activity, before anything in the activity is trusted: RS256 with
/// a key from the JWKS that the OpenID metadata names (by `kid`), issuer `https://api.botframework.com`, audience
/// the app id, `exp`/`nbf` with at most 5 minutes of skew, and the `serviceurl` claim equal to the activity's
/// `serviceUrl`. Keys are cached and refreshed when an unknown `kid` arrives, at most once a minute, so a flood
/// of forged tokens cannot turn into a flood of fetches.
public actor TeamsTokenValidator {
    /// Where the keys come from and whom tokens must be for.
    public struct Settings: Sendable {
        /// The bot's Microsoft app id: the audience every token must carry.
        public var appID: String
        /// The OpenID metadata document naming the JWKS (`jwks_uri`).
        public var openIDMetadataURL: String
        /// The issuer every token must carry.
        public var issuer = "https://api.botframework.com"
        /// How far clocks may disagree.
        public var skew: TimeInterval = 300
        /// The least time between two key refreshes.
        public var refreshInterval: TimeInterval = 60

        /// Settings for `appID`, with keys from `openIDMetadataURL`.
        public init(appID: String, openIDMetadataURL: String) {
            self.appID = appID
            self.openIDMetadataURL = openIDMetadataURL
        }
    }

    /// Fetches a document by URL (the OpenID metadata, the JWKS).
    public typealias Fetch = @Sendable (String) async throws -> Data

    private let settings: Settings
    private let fetch: Fetch
    private let clock: any WallClock
    private var keys = JWTKeyCollection()
    private var knownKeyIDs: Set<String> = []
    private var lastRefresh: Date?

    /// A validator that fetches keys with `fetch` and reads time from `clock`.
    public init(settings: Settings, clock: any WallClock, fetch: @escaping Fetch) {
        self.settings = settings
        self.clock = clock
        self.fetch = fetch
    }

    /// The verified claims, or why the request must be refused.
    @discardableResult
    public func validate(authorization: String?, serviceURL: String) async throws(TeamsAuthError) -> TeamsTokenClaims {
        guard let authorization, authorization.hasPrefix("Bearer "), authorization.count > 7 else {
            throw .missingToken
        }
        let token = String(authorization.dropFirst(7))
        let header = try Self.header(of: token)
        guard header.alg == "RS256" else { throw .unsupportedAlgorithm(header.alg ?? "no algorithm") }
        guard let kid = header.kid, !kid.isEmpty else { throw .malformedToken("its header names no key id") }
        if !knownKeyIDs.contains(kid) {
            try await refreshKeys()
            guard knownKeyIDs.contains(kid) else { throw .unknownKey(kid) }
        }
        let claims: TeamsTokenClaims
        do {
            claims = try await keys.verify(token, as: TeamsTokenClaims.self)
        } catch {
            throw .badSignature
        }
        try check(claims, serviceURL: serviceURL)
        return claims
    }

    private func check(_ claims: TeamsTokenClaims, serviceURL: String) throws(TeamsAuthError) {
        let now = clock.now()
        guard claims.iss == settings.issuer else { throw .wrongIssuer(claims.iss ?? "") }
        guard claims.aud?.contains(settings.appID) == true else { throw .wrongAudience }
        guard let exp = claims.exp, exp.addingTimeInterval(settings.skew) > now else { throw .expired }
        if let nbf = claims.nbf, nbf.addingTimeInterval(-settings.skew) > now { throw .notYetValid }
        guard let claimed = claims.serviceURL, Self.sameServiceURL(claimed, serviceURL) else {
            throw .serviceURLMismatch
        }
    }

    private func refreshKeys() async throws(TeamsAuthError) {
        let now = clock.now()
        if let lastRefresh, now.timeIntervalSince(lastRefresh) < settings.refreshInterval { return }
        lastRefresh = now
        do {
            let metadata = try JSONDecoder().decode(
                OpenIDMetadata.self, from: try await fetch(settings.openIDMetadataURL))
            let jwks = try await fetch(metadata.jwksURI)
            let document = try JSONDecoder().decode(JWKS.self, from: jwks)
            let fresh = JWTKeyCollection()
            var ids: Set<String> = []
            for key in document.keys where key.keyType == .rsa {
                guard let id = key.keyIdentifier?.string else { continue }
                try await fresh.add(jwk: key)
                ids.insert(id)
            }
            keys = fresh
            knownKeyIDs = ids
        } catch {
            throw .keysUnavailable("\(error)")
        }
    }

    private static func header(of token: String) throws(TeamsAuthError) -> (alg: String?, kid: String?) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedToken("it does not have three parts") }
        var base64 = parts[0].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let header = try? JSONDecoder().decode(TokenHeader.self, from: data)
        else { throw .malformedToken("its header is not base64url JSON") }
        return (header.alg, header.kid)
    }

    // Bot Framework writes service URLs with and without a trailing slash.
    private static func sameServiceURL(_ lhs: String, _ rhs: String) -> Bool {
        func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }
        return trimmed(lhs).lowercased() == trimmed(rhs).lowercased()
    }

    private struct TokenHeader: Decodable {
        var alg: String?
        var kid: String?
    }

    private struct OpenIDMetadata: Decodable {
        var jwksURI: String

        enum CodingKeys: String, CodingKey { case jwksURI = "jwks_uri" }
    }
}
