import ConvenerConfig
import Foundation
import Testing

@Suite("email sections")
struct EmailConfigTests {
    static let yaml = """
        email:
          smtp_url: "smtp://mail.example.org:587"
          from: "cop@example.org"
          link_key: {env: MAIL_KEY}
        communities:
          - name: Data Science
            email:
              round_up_to: "ds@lists.example.org"
              chat_link: "https://chat.example.org/ds"

        """

    @Test("The link key is a secret; a community names its mailing list and its chat link")
    func valid() throws {
        let config = try ConfigLoader.parse(yaml: Self.yaml, file: "convener.yaml").get()
        #expect(config.email?.linkKey.reference.description.contains("MAIL_KEY") == true)
        #expect(config.communities.first?.email?.roundUpTo == "ds@lists.example.org")
        #expect(config.communities.first?.email?.chatLink == "https://chat.example.org/ds")
        let resolved = SecretResolver.local(environment: ["MAIL_KEY": "k"]).resolve(config)
        #expect((try? resolved.get())?.emailLinkKey?.revealedValue == "k")
        let missing = SecretResolver.local(environment: [:]).resolve(config)
        guard case .failure(let errors) = missing else {
            Issue.record("a link_key naming an unset variable must be refused")
            return
        }
        #expect(errors.description.contains("email.link_key"))
    }

    @Test("A mailing list that is not an address and a chat link that is not a URL are named by line")
    func broken() {
        let yaml = Self.yaml.replacingOccurrences(of: "\"ds@lists.example.org\"", with: "\"ds-at-lists\"")
            .replacingOccurrences(of: "\"https://chat.example.org/ds\"", with: "\"chat\"")
        guard case .failure(let errors) = ConfigLoader.parse(yaml: yaml, file: "convener.yaml") else {
            Issue.record("expected diagnostics, the config loaded")
            return
        }
        let lines = errors.diagnostics.map(\.description)
        #expect(
            lines.contains { $0.hasPrefix("convener.yaml:8:") && $0.contains("'ds-at-lists' is not an e-mail address") }
        )
        #expect(lines.contains { $0.hasPrefix("convener.yaml:9:") && $0.contains("chat_link") })
    }

    @Test("A community's email section without an SMTP server is refused where it is written")
    func listWithoutServer() {
        let yaml = "communities:\n  - name: A\n    email:\n      round_up_to: list@example.org\n"
        guard case .failure(let errors) = ConfigLoader.parse(yaml: yaml, file: "convener.yaml") else {
            Issue.record("expected diagnostics, the config loaded")
            return
        }
        #expect(
            errors.diagnostics.map(\.description) == [
                "convener.yaml:4:7: communities[0].email: mail needs the top-level email section (smtp_url, from); "
                    + "add it or remove this one"
            ])
    }
}
