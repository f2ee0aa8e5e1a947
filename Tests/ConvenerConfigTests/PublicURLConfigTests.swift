import ConvenerConfig
import Foundation
import Testing

@Suite("public_url")
struct PublicURLConfigTests {
    @Test("A valid public_url is kept without its trailing slash; none leaves it unset")
    func valid() throws {
        let config = try ConfigLoader.parse(yaml: "public_url: https://cop.example.org/\n", file: "convener.yaml").get()
        #expect(config.publicURL?.absoluteString == "https://cop.example.org")
        let plain = try ConfigLoader.parse(yaml: "log_level: info\n", file: "convener.yaml").get()
        #expect(plain.publicURL == nil)
    }

    @Test("A public_url that is not an http URL is refused with its position")
    func broken() {
        let result = ConfigLoader.parse(yaml: "public_url: ftp://cop.example.org\n", file: "convener.yaml")
        guard case .failure(let errors) = result else {
            Issue.record("expected diagnostics, the config loaded")
            return
        }
        #expect(
            errors.diagnostics.map(\.description) == [
                "convener.yaml:1:13: public_url: 'ftp://cop.example.org' is not a valid URL; use an http:// or "
                    + "https:// URL with a host"
            ])
    }
}
