import ConvenerConfig
import Foundation
import Testing

@Suite("store.postgres")
struct StoreConfigTests {
    @Test("store.postgres reads the URL as a secret and the pool settings; no section leaves the JSON files")
    func decoded() throws {
        let yaml = """
            store:
              postgres:
                url: {env: MY_DATABASE}
                pool_size: 4
                connect_timeout_seconds: 2
                statement_timeout_seconds: 30
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "convener.yaml").get()
        let postgres = try #require(config.store?.postgres)
        #expect(postgres.poolSize == 4 && postgres.connectTimeoutSeconds == 2 && postgres.statementTimeoutSeconds == 30)
        let secrets = try resolver(["MY_DATABASE": "postgres://u:p@db/convener"]).resolve(config).get()
        #expect(secrets.databaseURL?.revealedValue == "postgres://u:p@db/convener")
        #expect(!secrets.description.contains("postgres://"))
        let plain = try ConfigLoader.parse(yaml: "log_level: info\n", file: "convener.yaml").get()
        #expect(plain.store == nil)
        #expect(try resolver([:]).resolve(plain).get().databaseURL == nil)
        #expect(
            try resolver(["CONVENER_DATABASE_URL": "postgres://u@db/x"]).resolve(plain).get().databaseURL?
                .revealedValue == "postgres://u@db/x")
    }

    @Test("store.postgres with its URL unset, an inline URL or a bad pool size is refused with its position")
    func refused() throws {
        let unset = try ConfigLoader.parse(yaml: "store:\n  postgres: {}\n", file: "convener.yaml").get()
        guard case .failure(let errors) = resolver([:]).resolve(unset) else {
            Issue.record("expected a diagnostic for the missing URL")
            return
        }
        #expect(errors.description.contains("store.postgres is configured but"))
        let inline = ConfigLoader.parse(
            yaml: "store:\n  postgres:\n    url: postgres://u:secret@db/x\n    pool_size: 0\n", file: "convener.yaml")
        guard case .failure(let problems) = inline else {
            Issue.record("expected diagnostics, the config loaded")
            return
        }
        let lines = problems.diagnostics.map(\.description)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("convener.yaml:3:10: store.postgres.url: secrets are never written") == true)
        #expect(lines.last?.contains("store.postgres.pool_size") == true)
    }
}
