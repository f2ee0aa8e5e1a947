import ConvenerConfig
import Foundation
import Testing

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("convener-config-\(UUID().uuidString)")
        .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Test func embeddedDefaultsMatchTheDocumentedValues() {
    let config = ConvenerConfig.embeddedDefaults
    #expect(config.listen.description == "127.0.0.1:8080")
    #expect(config.listen.isLoopback)
    #expect(config.stateDirectory == "convener-state")
    #expect(config.promptsDirectory == nil)
    #expect(config.logLevel == .info)
    #expect(config.adminToken == .defaultEnvironment("CONVENER_ADMIN_TOKEN"))
    #expect(config.playground.enabled == .auto)
    #expect(config.communities.count == 1)
    let community = config.communities[0]
    #expect(community.id == "my-community")
    #expect(community.name == "My Community")
    #expect(community.timeZone == "UTC")
    #expect(community.convenors == ["convenor"])
    #expect(community.channel == "general")
    #expect(community.purpose?.hasPrefix("A place to learn") == true && community.guidelines == nil)
    #expect(config.platforms == PlatformsConfig())
    #expect(config.sourceFile == nil)
}

@Test(arguments: ["", "# nothing yet\n", "---\n", "~\n"])
func anEmptyFileMeansEveryDefault(yaml: String) throws {
    let config = try #require(ConfigLoader.parse(yaml: yaml, file: "convener.yaml").successValue)
    var expected = ConvenerConfig.embeddedDefaults
    expected.sourceFile = "convener.yaml"
    #expect(config == expected)
}

@Test func noFileAnywhereLoadsTheEmbeddedDefaults() throws {
    let folder = try temporaryFolder()
    let loaded = try #require(ConfigLoader.load(path: nil, environment: [:], workingDirectory: folder).successValue)
    #expect(loaded.source == .embeddedDefaults)
    #expect(loaded.source.description == "embedded defaults")
    #expect(loaded.config == .embeddedDefaults)
    #expect(loaded.secrets.platforms.enabledNames.isEmpty)
    #expect(loaded.secrets.playgroundEnabled)
    #expect(loaded.secrets.adminToken == nil)
}

@Test func theWorkingDirectoryFileWinsOverTheEnvironmentVariable() throws {
    let folder = try temporaryFolder()
    let local = "\(folder)/convener.yaml"
    let named = "\(folder)/other.yaml"
    try "log_level: debug\n".write(toFile: local, atomically: true, encoding: .utf8)
    try "log_level: error\n".write(toFile: named, atomically: true, encoding: .utf8)
    let environment = ["CONVENER_CONFIG": named]

    let fromFolder = try #require(
        ConfigLoader.load(path: nil, environment: environment, workingDirectory: folder).successValue)
    #expect(fromFolder.source == .file(local))
    #expect(fromFolder.config.logLevel == .debug)

    try FileManager.default.removeItem(atPath: local)
    let fromVariable = try #require(
        ConfigLoader.load(path: nil, environment: environment, workingDirectory: folder).successValue)
    #expect(fromVariable.source == .file(named))
    #expect(fromVariable.config.logLevel == .error)

    let explicit = try #require(
        ConfigLoader.load(path: named, environment: [:], workingDirectory: "/nonexistent").successValue)
    #expect(explicit.source == .file(named))
}

@Test func aNamedFileThatIsMissingIsAnError() throws {
    let folder = try temporaryFolder()
    let missing = "\(folder)/missing.yaml"
    let errors = try #require(ConfigLoader.load(path: missing, environment: [:]).failureValue)
    #expect(errors.description == "\(missing): cannot read the config file: no such file")
    let viaVariable = try #require(
        ConfigLoader.load(path: nil, environment: ["CONVENER_CONFIG": missing], workingDirectory: folder).failureValue)
    #expect(viaVariable == errors)
}

@Test func loadingReportsSecretProblemsWithTheirPlace() throws {
    let folder = try temporaryFolder()
    let path = "\(folder)/convener.yaml"
    try """
    admin_token: {env: MY_ADMIN_TOKEN}
    platforms:
      slack:
        bot_token: {file: slack.token}
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let errors = try #require(ConfigLoader.load(path: path, environment: [:]).failureValue)
    #expect(
        errors.diagnostics.map(\.description) == [
            "\(path):1:14: admin_token: environment variable MY_ADMIN_TOKEN is not set",
            "\(path):4:5: platforms.slack.signing_secret: platforms.slack is configured but env SLACK_SIGNING_SECRET "
                + "is not set; set it, or name the secret with signing_secret: {env: NAME} or {file: PATH}",
            "\(path):4:16: platforms.slack.bot_token: cannot read secret file \(folder)/slack.token: no such file",
        ])
}

@Test func relativePathsAreRelativeToTheConfigFolder() throws {
    let yaml = """
        state_dir: state
        prompts_dir: ../shared/./Prompts
        admin_token: {file: secrets/admin}
        """
    let nested = try #require(ConfigLoader.parse(yaml: yaml, file: "deploy/site/convener.yaml").successValue)
    #expect(nested.stateDirectory == "deploy/site/state")
    #expect(nested.promptsDirectory == "deploy/site/../shared/Prompts")
    #expect(nested.adminToken.reference == .file("deploy/site/secrets/admin"))

    let absoluteFile = try #require(ConfigLoader.parse(yaml: yaml, file: "/etc/convener/convener.yaml").successValue)
    #expect(absoluteFile.stateDirectory == "/etc/convener/state")

    let bare = try #require(ConfigLoader.parse(yaml: yaml, file: "convener.yaml").successValue)
    #expect(bare.stateDirectory == "state")

    let absolute = try #require(
        ConfigLoader.parse(yaml: "state_dir: /var/lib/convener/\n", file: "deploy/convener.yaml").successValue)
    #expect(absolute.stateDirectory == "/var/lib/convener")

    let based = try #require(
        ConfigLoader.parse(yaml: "state_dir: ./s\n", file: "c.yaml", baseDirectory: "/srv").successValue)
    #expect(based.stateDirectory == "/srv/s")
}

@Test func mergeKeysShareCommunitySettings() throws {
    let yaml = """
        communities:
          - &base
            name: Base
            timezone: Europe/Paris
            convenors: [alice]
          - <<: *base
            name: Second
        """
    let config = try #require(ConfigLoader.parse(yaml: yaml, file: "c.yaml").successValue)
    #expect(config.communities.map(\.id) == ["base", "second"])
    #expect(config.communities[1].timeZone == "Europe/Paris")
    #expect(config.communities[1].convenors == ["alice"])
}

@Test func validValuesOfEveryKindLoad() throws {
    let yaml = """
        listen: "[::1]:0"
        log_level: CRITICAL
        playground: {enabled: false}
        communities:
          - name: "Café Crew"
            timezone: Asia/Kolkata
            convenors: [convenor, "mattermost:8x1kq", "discord:80351110224678912", "playground:bob"]
            channel: coffee-chat
        platforms:
          discord: {application_id: 80351110224678912}
        """
    let config = try #require(ConfigLoader.parse(yaml: yaml, file: "c.yaml").successValue)
    #expect(config.listen == ListenAddress(host: "::1", port: 0))
    #expect(config.listen.description == "[::1]:0")
    #expect(config.logLevel == .critical)
    #expect(config.playground.enabled == .off)
    #expect(config.communities[0].id == "cafe-crew")
    #expect(config.platforms["discord"]?.values["application_id"] == .configured("80351110224678912"))
    #expect(config.platforms["discord"]?.isConfigured == true)
    #expect(config.platforms["slack"]?.isConfigured == false)
    #expect(config.sourcePositions["communities[0].timezone"] == ConfigPosition(line: 6, column: 15))
}

@Test(arguments: [("yes", PlaygroundConfig.Mode.on), ("true", .on), ("On", .on), ("no", .off), ("AUTO", .auto)])
func playgroundModeAcceptsYAMLBooleans(word: String, mode: PlaygroundConfig.Mode) throws {
    let config = try #require(ConfigLoader.parse(yaml: "playground: {enabled: \(word)}\n", file: "c.yaml").successValue)
    #expect(config.playground.enabled == mode)
}

@Test(arguments: [
    ("127.0.0.1:8080", true), ("127.8.9.10:1", true), ("localhost:80", true), ("[::1]:80", true),
    ("[::ffff:127.0.0.1]:80", true), ("0.0.0.0:8080", false), ("[::]:80", false), ("example.org:443", false),
    ("10.0.0.1:80", false),
])
func loopbackDetection(text: String, loopback: Bool) throws {
    #expect(try ListenAddress(parsing: text).isLoopback == loopback)
}

@Test func communitySlugs() {
    #expect(CommunityConfig.slug(of: "My Community") == "my-community")
    #expect(CommunityConfig.slug(of: "  Ünïcode -- Ströme! ") == "unicode-strome")
    #expect(CommunityConfig.slug(of: String(repeating: "ab ", count: 30)).count <= 40)
    #expect(!CommunityConfig.slug(of: String(repeating: "ab ", count: 30)).hasSuffix("-"))
    #expect(CommunityConfig.slug(of: "日本") == "")
}
