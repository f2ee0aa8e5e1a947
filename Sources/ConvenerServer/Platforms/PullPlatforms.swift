import ConvenerCore
import ConvenerDelivery
import ConvenerPlatforms
import Foundation
import Logging
import ServiceLifecycle

/// The platforms Convener pulls events from, built once from the credentials, and the services that pull them:
/// the one list a pull platform is added to. Their deliveries reach the same accounts through
/// `DeliveryPlatforms`.
struct PullPlatforms: Sendable {
    /// Matrix's bot account, when `MATRIX_ACCESS_TOKEN` and `MATRIX_HOMESERVER_URL` are set.
    let matrix: MatrixSession?
    /// Holds the lease of the one daemon that runs Matrix's `/sync` (always true without a shared database).
    let syncLease: @Sendable (_ seconds: Int) async -> Bool
    /// Mattermost's WebSocket, when `MATTERMOST_BOT_TOKEN` and `MATTERMOST_URL` are set.
    var mattermost: MattermostSocketSession?
    /// Holds the lease of the one daemon connected to Mattermost's WebSocket (always true without a shared database).
    var socketLease: @Sendable (_ seconds: Int) async -> Bool = { _ in true }
    /// Discord's Gateway (channel messages and reactions), when `DISCORD_BOT_TOKEN` is set.
    var discord: DiscordGatewayPlatform?
    /// Holds the lease of the one daemon connected to Discord's Gateway (always true without a shared database).
    var gatewayLease: @Sendable (_ seconds: Int) async -> Bool = { _ in true }

    /// No pull platform.
    static let none = PullPlatforms(matrix: nil, syncLease: { _ in true })

    /// The pull platforms configured in `credentials`, keeping their state in `place` (files under the state
    /// folder's `platforms/`, or rows of the shared database).
    init(
        credentials: PlatformCredentials, place: PlatformStatePlace, transport: any HTTPTransport,
        exchange: DeliveryExchange, logger: Logger
    ) async throws {
        if let token = credentials.matrixAccessToken, let url = credentials.matrixHomeserverURL {
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            matrix = MatrixSession(
                client: MatrixClient(homeserver: base, token: token, transport: transport, exchange: exchange),
                userID: credentials.matrixUserID,
                saved: try await place.document(
                    "matrix", file: "platforms/matrix.json", initial: MatrixSavedState(), logger: logger))
        } else {
            matrix = nil
        }
        syncLease = place.lease("matrix.sync")
        if let token = credentials.mattermostBotToken, let url = credentials.mattermostURL {
            mattermost = MattermostSocketSession(
                url: url, token: token, exchange: exchange,
                saved: try await place.document(
                    "mattermost", file: "platforms/mattermost.json", initial: MattermostSocketState(), logger: logger))
        }
        socketLease = place.lease("mattermost.websocket")
        if let token = credentials.discordBotToken {
            discord = DiscordGatewayPlatform(token: token, apiBase: credentials.discordAPIBaseURL, exchange: exchange)
        }
        gatewayLease = place.lease("discord.gateway")
    }

    private init(matrix: MatrixSession?, syncLease: @escaping @Sendable (_ seconds: Int) async -> Bool) {
        self.matrix = matrix
        self.syncLease = syncLease
    }

    /// The services pulling events for `runtimes`' communities.
    func services(runtimes: [CommunityRuntime], clock: any WallClock, logger: Logger) -> [any Service] {
        var services: [any Service] = []
        if let matrix {
            let rooms = runtimes.flatMap { runtime in
                runtime.profile.bindings.filter { $0.platform == MatrixEvents.platform }.flatMap(\.channels)
            }
            services.append(
                MatrixSyncService(
                    session: matrix, boundRooms: rooms, directory: CommunityDirectory(runtimes: runtimes),
                    clock: clock, logger: logger, lease: syncLease))
        }
        if let mattermost {
            let channels = runtimes.flatMap { runtime in
                runtime.profile.bindings.filter { $0.platform == MattermostParser.platform }.flatMap(\.channels)
            }
            services.append(
                MattermostWebSocketService(
                    session: mattermost, boundChannels: Set(channels),
                    directory: CommunityDirectory(runtimes: runtimes),
                    clock: clock, logger: logger, lease: socketLease))
        }
        if let discord {
            services.append(
                DiscordGatewayService(
                    platform: discord, directory: CommunityDirectory(runtimes: runtimes), clock: clock, logger: logger,
                    lease: gatewayLease))
        }
        return services
    }
}
