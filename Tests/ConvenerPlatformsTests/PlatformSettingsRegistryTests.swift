import Testing

@testable import ConvenerPlatforms

/// Ties every platform's settings declaration to the rules the config, the resolver and the server rely on.
@Suite("Platform settings declarations")
struct PlatformSettingsRegistryTests {
    @Test("names are unique, and each is the name its parser stamps on requests")
    func namesAreUnique() {
        let names = PlatformSettingsRegistry.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(
            names == [
                SlackParser.platform, MattermostParser.platform, DiscordParser.platform, TeamsActivityParser.platform,
                MatrixEvents.platform,
            ])
    }

    @Test("each platform is enabled by one of its own secrets", arguments: PlatformSettingsRegistry.all.map(\.name))
    func enabledByASecret(name: String) throws {
        let declaration = try #require(PlatformSettingsRegistry.declaration(named: name))
        let enabling = try #require(declaration.settings.first { $0.key == declaration.enabledBy })
        guard case .secret = enabling.kind else {
            Issue.record("\(name): \(declaration.enabledBy) is not a secret")
            return
        }
    }

    @Test(
        "keys, binding keys and environment variables are not shared",
        arguments: PlatformSettingsRegistry.all.map(\.name))
    func keysAreUnique(name: String) throws {
        let declaration = try #require(PlatformSettingsRegistry.declaration(named: name))
        #expect(Set(declaration.keys).count == declaration.keys.count)
        let others = PlatformSettingsRegistry.all.filter { $0.name != name }
        let environment = Set(declaration.settings.map(\.environment))
        #expect(environment.isDisjoint(with: others.flatMap { $0.settings.map(\.environment) }))
        let bindings = [declaration.bindings.channel, declaration.bindings.channels, declaration.bindings.workspace]
        #expect(bindings.allSatisfy { $0.hasPrefix("\(name)_") })
    }

    @Test("Discord's public key must be 64 hex characters; the problem never shows the key")
    func discordKeyCheck() {
        #expect(DiscordSettings.checkPublicKey(String(repeating: "0f", count: 32), source: "env K") == nil)
        let problem = DiscordSettings.checkPublicKey("secret-zz", source: "env K")
        #expect(problem == "the key from env K must be 64 hexadecimal characters, got 9 characters with non-hex ones")
    }
}
