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

    /// No pull platform.
    static let none = PullPlatforms(matrix: nil)

    /// The pull platforms configured in `credentials`, keeping their state under `stateDirectory/platforms`.
    init(
        credentials: PlatformCredentials, stateDirectory: String, transport: any HTTPTransport,
        exchange: DeliveryExchange
    ) throws {
        if let token = credentials.matrixAccessToken, let url = credentials.matrixHomeserverURL {
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            matrix = try MatrixSession(
                client: MatrixClient(homeserver: base, token: token, transport: transport, exchange: exchange),
                userID: credentials.matrixUserID,
                statePath: URL(fileURLWithPath: stateDirectory).appendingPathComponent("platforms/matrix.json").path)
        } else {
            matrix = nil
        }
    }

    private init(matrix: MatrixSession?) {
        self.matrix = matrix
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
                    clock: clock, logger: logger))
        }
        return services
    }
}
