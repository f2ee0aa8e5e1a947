import ConvenerConfig
import Foundation
import Testing

/// A resolver over `environment` with an in-memory file system.
func resolver(_ environment: [String: String], files: [String: String] = [:]) -> SecretResolver {
    SecretResolver(environment: environment) { path in
        guard let content = files[path] else { throw SecretResolver.Failure(description: "no such file") }
        return content
    }
}

private func parse(_ yaml: String) throws -> ConvenerConfig {
    try #require(ConfigLoader.parse(yaml: yaml, file: "/etc/convener/convener.yaml").successValue)
}

@Test func secretsComeFromTheEnvironmentAndFiles() throws {
    let config = try parse(
        """
        admin_token: {file: admin.token}
        platforms:
          slack: {signing_secret: {env: MY_SIGNING}, bot_token: {file: /run/secrets/bot}}
        """)
    let files = ["/etc/convener/admin.token": "admin-value\r\n\n", "/run/secrets/bot": "xoxb-1\n"]
    let secrets = try #require(resolver(["MY_SIGNING": "sign-value"], files: files).resolve(config).successValue)
    #expect(secrets.adminToken?.revealedValue == "admin-value")
    let slack = try #require(secrets.platforms["slack"])
    #expect(slack.secrets["signing_secret"]?.revealedValue == "sign-value")
    #expect(slack.secrets["bot_token"]?.revealedValue == "xoxb-1")
    #expect(slack.values["api_base_url"] == "https://slack.com/api")
    #expect(secrets.platforms.enabledNames == ["slack"])
}

@Test func defaultEnvironmentNamesEnablePlatforms() throws {
    let environment = [
        "SLACK_SIGNING_SECRET": "s", "SLACK_API_BASE_URL": "http://127.0.0.1:9999/api/",
        "MATTERMOST_COMMAND_TOKEN": "m", "MATTERMOST_URL": "https://mm.example.org",
        "DISCORD_PUBLIC_KEY": String(repeating: "0f", count: 32), "DISCORD_APPLICATION_ID": "42",
        "DISCORD_BOT_TOKEN": "d", "DISCORD_API_BASE_URL": "http://localhost:7000",
    ]
    let secrets = try #require(resolver(environment).resolve(.embeddedDefaults).successValue)
    #expect(secrets.platforms.enabledNames == ["slack", "mattermost", "discord"])
    #expect(secrets.platforms["slack"]?.values["api_base_url"] == "http://127.0.0.1:9999/api")
    #expect(secrets.platforms["slack"]?.secrets["bot_token"] == nil)
    #expect(secrets.platforms["mattermost"]?.values["url"] == "https://mm.example.org")
    #expect(secrets.platforms["mattermost"]?.secrets["bot_token"] == nil)
    #expect(secrets.platforms["discord"]?.values["application_id"] == "42")
    #expect(secrets.platforms["discord"]?.secrets["bot_token"]?.revealedValue == "d")
    #expect(secrets.platforms["discord"]?.values["api_base_url"] == "http://localhost:7000")
}

@Test func unsetOrEmptyDefaultsLeavePlatformsOff() throws {
    let secrets = try #require(resolver(["SLACK_SIGNING_SECRET": ""]).resolve(.embeddedDefaults).successValue)
    #expect(secrets.platforms.enabledNames.isEmpty)
    #expect(secrets.platforms["discord"] == nil)
    #expect(secrets.platforms.description == "slack: off; mattermost: off; discord: off; teams: off; matrix: off")
}

@Test func missingSecretsAreReportedByKeyAndSource() throws {
    let config = try parse(
        """
        platforms:
          mattermost:
            command_token: {env: MM_TOKEN}
            bot_token: {file: bot.token}
          discord:
            public_key: {env: DISCORD_KEY}
        """)
    let errors = try #require(
        resolver(["MM_TOKEN": "", "DISCORD_KEY": "abc"], files: ["/etc/convener/bot.token": "\n"]).resolve(config)
            .failureValue)
    #expect(
        errors.diagnostics.map(\.description) == [
            "/etc/convener/convener.yaml:3:20: platforms.mattermost.command_token: "
                + "environment variable MM_TOKEN is empty",
            "/etc/convener/convener.yaml:4:16: platforms.mattermost.bot_token: "
                + "secret file /etc/convener/bot.token is empty",
            "/etc/convener/convener.yaml:6:17: platforms.discord.public_key: the key from env DISCORD_KEY must be 64 "
                + "hexadecimal characters, got 3 characters",
        ])
}

@Test func invalidEnvironmentDefaultsAreReported() throws {
    let environment = [
        "SLACK_SIGNING_SECRET": "s", "SLACK_API_BASE_URL": "slack.internal",
        "DISCORD_PUBLIC_KEY": String(repeating: "z", count: 64), "DISCORD_APPLICATION_ID": "app",
    ]
    let errors = try #require(resolver(environment).resolve(.embeddedDefaults).failureValue)
    #expect(
        errors.diagnostics.map(\.description) == [
            "embedded defaults: platforms.slack.api_base_url: environment variable SLACK_API_BASE_URL holds "
                + "'slack.internal', which is not an http or https URL with a host",
            "embedded defaults: platforms.discord.application_id: environment variable DISCORD_APPLICATION_ID holds "
                + "'app', which is not a Discord application id",
            "embedded defaults: platforms.discord.public_key: the key from env DISCORD_PUBLIC_KEY must be 64 "
                + "hexadecimal characters, got 64 characters with non-hex ones",
        ])
}

@Test func secretsNeverAppearInDescriptionsOrDumps() throws {
    let value = "very-secret-value-123"
    let environment = [
        "CONVENER_ADMIN_TOKEN": value, "SLACK_SIGNING_SECRET": value, "SLACK_BOT_TOKEN": value,
        "MATTERMOST_COMMAND_TOKEN": value, "DISCORD_PUBLIC_KEY": String(repeating: "ab", count: 32),
    ]
    let secrets = try #require(resolver(environment).resolve(.embeddedDefaults).successValue)
    let slack = try #require(secrets.platforms["slack"])
    let signingSecret = try #require(slack.secrets["signing_secret"])
    var dumped = ""
    dump(secrets, to: &dumped)
    let renderings = [
        "\(secrets)", String(reflecting: secrets), "\(secrets.platforms)", String(reflecting: slack), "\(slack)",
        "\(signingSecret)", String(reflecting: signingSecret), dumped,
        String(describing: secrets.adminToken),
        "\(LoadedConfig(source: .embeddedDefaults, config: .embeddedDefaults, secrets: secrets))",
    ]
    for rendering in renderings {
        #expect(!rendering.contains(value), "leaked in: \(rendering)")
        #expect(!rendering.contains("abababab"), "leaked in: \(rendering)")
    }
    #expect("\(signingSecret)" == "<redacted>")
    #expect(signingSecret.revealedValue == value)
    #expect(
        secrets.description == "admin token: set; calendar key: none; playground: on; slack: on (bot token: yes, api: "
            + "https://slack.com/api); mattermost: on (bot token: no, url: none); discord: on (application id: none, "
            + "bot token: no, api: https://discord.com/api/v10); teams: off; matrix: off")
}

@Test func aPublicPlaygroundNeedsTheAdminToken() throws {
    let config = try parse("listen: 0.0.0.0:8080\nplayground:\n  enabled: true\n")
    let errors = try #require(resolver([:]).resolve(config).failureValue)
    #expect(
        errors.description
            == "/etc/convener/convener.yaml:3:12: playground.enabled: the playground on 0.0.0.0:8080 lets anyone "
            + "speak as any member, so it needs an admin token; set the environment variable CONVENER_ADMIN_TOKEN "
            + "or admin_token: {env: NAME}")
    let allowed = try #require(resolver(["CONVENER_ADMIN_TOKEN": "t"]).resolve(config).successValue)
    #expect(allowed.playgroundEnabled)
}

@Test func playgroundAutoFollowsTheListenAddress() throws {
    let config = try parse("listen: 0.0.0.0:8080\n")
    #expect(try #require(resolver([:]).resolve(config).successValue).playgroundEnabled == false)
    let loopback = ListenAddress(host: "127.0.0.1", port: 9000)
    #expect(try #require(resolver([:]).resolve(config, listeningOn: loopback).successValue).playgroundEnabled)
    let off = try parse("playground: {enabled: off}\n")
    #expect(try #require(resolver([:]).resolve(off).successValue).playgroundEnabled == false)
}
