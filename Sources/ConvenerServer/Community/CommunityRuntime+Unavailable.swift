import ConvenerCore
import Hummingbird

extension CommunityRuntime {
    /// Runs `input`; a community that cannot take changes answers 503 so the platform retries later.
    func handleOrUnavailable(_ input: Input, lateReply: DeliveryLateReply? = nil) async throws -> Outcome {
        do {
            return try await handle(input, lateReply: lateReply)
        } catch let error as CommunityUnavailable {
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
    }
}
