import ConvenerConfig
import Testing

/// Broken `mattermost_channel` and `discord_channel` values, each with its exact diagnostic.
private let brokenChannelConfigs = [
    BrokenConfig(
        "a Mattermost channel name where the id belongs",
        """
        communities:
          - name: Book Club
            mattermost_channel: town-square
        """,
        "convener.yaml:3:25: communities[0].mattermost_channel: 'town-square' is not a Mattermost channel id; "
            + "copy the 26-character ID from the channel's View Info (e.g. 4xp9fdt77pncbef59f4k1qe83o)"
    ),
    BrokenConfig(
        "a Discord channel mention where the id belongs",
        """
        communities:
          - name: Book Club
            discord_channel: "<#1045021983744204850>"
        """,
        "convener.yaml:3:22: communities[0].discord_channel: '<#1045021983744204850>' is not a Discord channel "
            + "id; turn on Developer Mode and use Copy Channel ID (e.g. 1045021983744204850)"
    ),
]

@Test("broken per-platform channel ids give exactly their diagnostics", arguments: brokenChannelConfigs)
func brokenChannelConfigDiagnostics(_ broken: BrokenConfig) {
    let result = ConfigLoader.parse(yaml: broken.yaml, file: "convener.yaml")
    guard case .failure(let errors) = result else {
        Issue.record("expected diagnostics, the config loaded")
        return
    }
    #expect(errors.diagnostics.map(\.description) == broken.expected)
}

@Test("valid Mattermost and Discord channel ids are read into the community")
func channelIDsAreRead() throws {
    let yaml = """
        communities:
          - name: Book Club
            mattermost_channel: 4xp9fdt77pncbef59f4k1qe83o
            discord_channel: "1045021983744204850"
        """
    let config = try ConfigLoader.parse(yaml: yaml, file: "convener.yaml").get()
    let bindings = try #require(config.communities.first?.bindings)
    #expect(bindings.first { $0.platform == "mattermost" }?.channels == ["4xp9fdt77pncbef59f4k1qe83o"])
    #expect(bindings.first { $0.platform == "discord" }?.channels == ["1045021983744204850"])
}
