import ConvenerCore
import ConvenerServer
import Foundation
import JWTKit
import Synchronization
import Testing
import _CryptoExtras

/// Bot Framework token checks with keys made in the test: every rejection path, skew, and key rotation.
@Suite("Teams token validation")
struct TeamsTokenValidatorTests {
    static let appID = "11111111-2222-3333-4444-555555555555"
    static let serviceURL = "https://smba.trafficmanager.net/emea/"
    static let now = Date(timeIntervalSince1970: 1_796_486_400)

    /// Serves the OpenID metadata and a JWKS that the test can change, and counts the fetches.
    actor KeyServer {
        var jwks: String
        var fetches = 0

        init(jwks: String) { self.jwks = jwks }

        func document(_ url: String) throws -> Data {
            fetches += 1
            switch url {
            case "https://login.test/openid": return Data(#"{"jwks_uri": "https://login.test/keys"}"#.utf8)
            case "https://login.test/keys": return Data(jwks.utf8)
            default: throw URLError(.badURL)
            }
        }

        func rotate(to jwks: String) { self.jwks = jwks }
    }

    struct Signer {
        let key: JWTKit.Insecure.RSA.PrivateKey
        let kid: String
        let keys = JWTKeyCollection()

        init(kid: String) async throws {
            key = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
            self.kid = kid
            await keys.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        }

        var jwk: String {
            get throws {
                let primitives = try key.publicKey.getKeyPrimitives()
                return #"{"kty":"RSA","use":"sig","kid":"\#(kid)","n":"\#(Self.base64URL(primitives.modulus))","#
                    + #""e":"\#(Self.base64URL(primitives.publicExponent))","endorsements":["msteams"]}"#
            }
        }

        func token(_ claims: TeamsTokenClaims) async throws -> String {
            "Bearer " + (try await keys.sign(claims, kid: JWKIdentifier(string: kid)))
        }

        static func base64URL(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
    }

    static func claims(
        iss: String = "https://api.botframework.com", aud: String = appID, exp: TimeInterval = 3600,
        nbf: TimeInterval = -60, serviceURL: String = serviceURL
    ) -> TeamsTokenClaims {
        TeamsTokenClaims(
            iss: iss, aud: [aud], exp: now.addingTimeInterval(exp), nbf: now.addingTimeInterval(nbf),
            serviceURL: serviceURL)
    }

    static func validator(_ server: KeyServer, clock: MovableClock = MovableClock(now)) -> TeamsTokenValidator {
        TeamsTokenValidator(
            settings: .init(appID: appID, openIDMetadataURL: "https://login.test/openid"), clock: clock
        ) { url in try await server.document(url) }
    }

    @Test("a token signed with a published key, for this bot and this connector, is accepted")
    func valid() async throws {
        let signer = try await Signer(kid: "key-1")
        let server = KeyServer(jwks: #"{"keys":[\#(try signer.jwk)]}"#)
        let validator = Self.validator(server)
        let claims = try await validator.validate(
            authorization: try await signer.token(Self.claims()), serviceURL: "https://smba.trafficmanager.net/emea")
        #expect(claims.aud == [Self.appID])
        try await validator.validate(authorization: try await signer.token(Self.claims()), serviceURL: Self.serviceURL)
        #expect(await server.fetches == 2)  // metadata and keys, once
    }

    @Test("every wrong claim is refused with its own reason, with 5 minutes of skew allowed")
    func claimsRejected() async throws {
        let signer = try await Signer(kid: "key-1")
        let validator = Self.validator(KeyServer(jwks: #"{"keys":[\#(try signer.jwk)]}"#))
        let cases: [(TeamsTokenClaims, TeamsAuthError?)] = [
            (Self.claims(iss: "https://sts.windows.net/x/"), .wrongIssuer("https://sts.windows.net/x/")),
            (Self.claims(aud: "another-bot"), .wrongAudience),
            (Self.claims(exp: -301), .expired),
            (Self.claims(exp: -200), nil),
            (Self.claims(nbf: 301), .notYetValid),
            (Self.claims(nbf: 200), nil),
            (Self.claims(serviceURL: "https://evil.example/"), .serviceURLMismatch),
        ]
        for (claims, expected) in cases {
            let token = try await signer.token(claims)
            if let expected {
                await #expect(throws: expected) {
                    try await validator.validate(authorization: token, serviceURL: Self.serviceURL)
                }
            } else {
                try await validator.validate(authorization: token, serviceURL: Self.serviceURL)
            }
        }
    }

    @Test("forged, malformed and missing tokens are refused before any claim is read")
    func forged() async throws {
        let published = try await Signer(kid: "key-1")
        let forger = try await Signer(kid: "key-1")  // same kid, another key
        let validator = Self.validator(KeyServer(jwks: #"{"keys":[\#(try published.jwk)]}"#))
        await #expect(throws: TeamsAuthError.badSignature) {
            try await validator.validate(
                authorization: try await forger.token(Self.claims()), serviceURL: Self.serviceURL)
        }
        await #expect(throws: TeamsAuthError.missingToken) {
            try await validator.validate(authorization: nil, serviceURL: Self.serviceURL)
        }
        await #expect(throws: TeamsAuthError.missingToken) {
            try await validator.validate(authorization: "Basic YTpi", serviceURL: Self.serviceURL)
        }
        await #expect(throws: TeamsAuthError.malformedToken("it does not have three parts")) {
            try await validator.validate(authorization: "Bearer abc.def", serviceURL: Self.serviceURL)
        }
        // An HMAC token keyed with the public key is the classic confusion attack: refused by algorithm.
        let header = Signer.base64URL(Data(#"{"alg":"HS256","kid":"key-1","typ":"JWT"}"#.utf8))
        let valid = try await published.token(Self.claims()).split(separator: ".")
        await #expect(throws: TeamsAuthError.unsupportedAlgorithm("HS256")) {
            try await validator.validate(
                authorization: "Bearer \(header).\(valid[1]).c2ln", serviceURL: Self.serviceURL)
        }
    }

    @Test("an unknown key id refreshes the keys, at most once a minute; rotated keys are picked up")
    func rotation() async throws {
        let old = try await Signer(kid: "key-1")
        let new = try await Signer(kid: "key-2")
        let server = KeyServer(jwks: #"{"keys":[\#(try old.jwk)]}"#)
        let clock = MovableClock(Self.now)
        let validator = Self.validator(server, clock: clock)
        try await validator.validate(authorization: try await old.token(Self.claims()), serviceURL: Self.serviceURL)
        await server.rotate(to: #"{"keys":[\#(try new.jwk)]}"#)
        // A refresh right after the last one is rate-limited, so the new key is not known yet.
        await #expect(throws: TeamsAuthError.unknownKey("key-2")) {
            try await validator.validate(authorization: try await new.token(Self.claims()), serviceURL: Self.serviceURL)
        }
        let stranger = try await Signer(kid: "key-3")
        await #expect(throws: TeamsAuthError.unknownKey("key-3")) {
            try await validator.validate(
                authorization: try await stranger.token(Self.claims()), serviceURL: Self.serviceURL)
        }
        #expect(await server.fetches == 2)
        clock.advance(61)
        let fresh = Self.claims(exp: 3600 + 61, nbf: 0)
        try await validator.validate(authorization: try await new.token(fresh), serviceURL: Self.serviceURL)
        #expect(await server.fetches == 4)
        await #expect(throws: TeamsAuthError.unknownKey("key-1")) {
            try await validator.validate(authorization: try await old.token(fresh), serviceURL: Self.serviceURL)
        }
    }
}
