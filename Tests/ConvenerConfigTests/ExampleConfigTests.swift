import ConvenerConfig
import ConvenerCore
import Foundation
import Testing

/// The repository root: walk up from this file (symlinks resolved) to the folder with `Package.swift` and
/// `Deploy/convener.example.yaml`, else `CONVENER_REPO_ROOT`.
func repositoryRoot() -> URL? {
    var folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    let manager = FileManager.default
    while folder.path != "/" {
        if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
            manager.fileExists(atPath: folder.appendingPathComponent("Deploy/convener.example.yaml").path)
        {
            return folder
        }
        folder.deleteLastPathComponent()
    }
    return ProcessInfo.processInfo.environment["CONVENER_REPO_ROOT"].map { URL(fileURLWithPath: $0) }
}

/// The example config's text and path.
func exampleConfig() throws -> (yaml: String, path: String) {
    let root = try #require(repositoryRoot(), "cannot find the repository root; set CONVENER_REPO_ROOT")
    let path = root.appendingPathComponent("Deploy/convener.example.yaml").path
    return (try String(contentsOfFile: path, encoding: .utf8), path)
}

/// An environment in which every secret the example names is set.
let exampleEnvironment = [
    "CONVENER_ADMIN_TOKEN": "admin-secret",
    "CONVENER_CALENDAR_KEY": "calendar-key",
    "SLACK_SIGNING_SECRET": "slack-signing-secret",
    "MATTERMOST_COMMAND_TOKEN": "mm-command-token",
    "MATTERMOST_BOT_TOKEN": "mm-bot-token",
    "DISCORD_PUBLIC_KEY": String(repeating: "ab", count: 32),
    "DISCORD_BOT_TOKEN": "discord-bot-token",
]

@Test func exampleConfigLoadsWithoutDiagnostics() throws {
    let (yaml, _) = try exampleConfig()
    let result = ConfigLoader.parse(yaml: yaml, file: "Deploy/convener.example.yaml")
    #expect(result.failureValue == nil, "\(result.failureValue?.description ?? "")")
    let config = try #require(result.successValue)
    #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 8080))
    #expect(config.stateDirectory == "Deploy/convener-state")
    #expect(config.promptsDirectory == "Deploy/our-prompts")
    #expect(config.logLevel == .info)
    #expect(config.adminToken == SecretSetting(.env("CONVENER_ADMIN_TOKEN"), isDefault: false))
    #expect(config.playground.enabled == .auto)
    #expect(config.communities.map(\.id) == ["swift-practitioners", "book-club"])
    #expect(config.communities[0].timeZone == "Europe/Berlin")
    #expect(config.communities[0].convenors == ["convenor", "slack:U024BE7LH"])
    #expect(config.communities[0].purpose?.hasPrefix("A place to share") == true)
    #expect(config.communities[0].guidelines?.hasSuffix("main channel.\n") == true)
    #expect(config.extraPromptsDirectories == ["Deploy/my-prompts"])
    #expect(config.communities[0].holidays.map(\.description) == ["2026-12-24..2026-12-26", "2027-01-01"])
    #expect(config.communities[0].inactiveAfterDays == 30)
    #expect(config.communities[0].events.map(\.id) == ["meetup", "office-hours"])
    #expect(config.communities[0].events[0].recurrence == .rule(try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=-1TU")))
    #expect(config.calendarKey == SecretSetting(.env("CONVENER_CALENDAR_KEY"), isDefault: false))
    #expect(config.communities[1].timeZone == "America/New_York")
    #expect(config.communities[1].convenors == ["convenor"])
    #expect(config.communities[1].channel == "general")
    #expect(config.platforms["slack"]?.secrets["bot_token"]?.reference == .file("Deploy/secrets/slack-bot-token"))
    #expect(config.platforms["mattermost"]?.values["url"] == .configured("https://chat.example.org"))
    #expect(config.platforms["discord"]?.values["application_id"] == .configured("1234567890123456789"))
}

@Test func exampleConfigResolvesWhenItsSecretsExist() throws {
    let (yaml, _) = try exampleConfig()
    let config = try #require(ConfigLoader.parse(yaml: yaml, file: "/etc/convener/convener.yaml").successValue)
    let resolver = SecretResolver(environment: exampleEnvironment) { path in
        guard path == "/etc/convener/secrets/slack-bot-token" else { throw SecretResolver.Failure(description: "no") }
        return "xoxb-from-file\n"
    }
    let secrets = try #require(resolver.resolve(config).successValue)
    #expect(secrets.platforms.enabledNames == ["slack", "mattermost", "discord"])
    #expect(secrets.platforms["slack"]?.secrets["bot_token"]?.revealedValue == "xoxb-from-file")
    #expect(secrets.playgroundEnabled)
}

@Test func exampleConfigDocumentsEveryKey() throws {
    let (yaml, _) = try exampleConfig()
    let keys = [
        "listen", "state_dir", "prompts_dir", "log_level", "admin_token", "playground", "enabled", "communities",
        "id", "name", "purpose", "guidelines", "timezone", "convenors", "channel", "platforms", "slack",
        "signing_secret", "bot_token", "api_base_url", "mattermost", "command_token", "url", "discord",
        "public_key", "application_id", "extra_prompts_dirs", "holidays", "inactive_after_days", "quiet_hours",
        "slack_channel", "pairing", "follow_up_days", "prune_above", "prune_k", "programs", "kind", "group_size",
        "cadence", "repeat_window", "working_hours", "interests", "timezone_overlap", "tier_mix",
        "since_last_met", "polls", "anonymous_minimum", "max_open_per_member", "mattermost_channel", "discord_channel",
        "feedback", "batch_size", "calendar_key", "events",
        "feedback", "batch_size", "slack_channels", "slack_team", "mattermost_channels", "mattermost_team",
        "discord_channels", "discord_guild",
        "period_days", "surveys", "k", "closes_after", "templates", "questions", "public_url",
        "prompts", "answer_window_days", "prefer_answered_themes",
    ]
    let engagementKeys = [
        "engagement", "weights", "message", "command", "vote", "kudos_given", "kudos_received", "survey", "meeting",
        "reaction",
        "half_life_days", "tiers", "core_promote", "core_keep", "active_promote", "active_keep", "occasional_promote",
        "occasional_keep", "min_days_between_changes", "kudos", "daily_allowance", "max_reason_length", "spotlight",
        "celebrations", "morning", "anniversaries", "birthdays", "roster", "weekday", "time", "every_weeks",
        "announce_days_ahead", "on_leave",
    ]
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for key in keys + engagementKeys {
        let index = try #require(
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(key):") },
            "\(key) is not set in the example"
        )
        let previous = lines[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        let commented = previous.trimmingCharacters(in: .whitespaces).hasPrefix("#")
        #expect(commented, "\(key) has no comment above it")
    }
    #expect(yaml.contains("{env: NAME}") && yaml.contains("{file: PATH}"))
}
