import ConvenerCore
import ConvenerPlatforms
import Foundation
import Logging

extension CommunityDirectory {
    /// The community of a platform request, pushed or pulled: strips a command's `--community` flag and resolves
    /// "which community?" clicks; `isDirect` says whether it came from a direct conversation.
    func route(
        _ request: inout PlatformRequest, platform: String, isDirect: Bool, now: Date, logger: Logger
    ) async -> CommunityRoute {
        if let (input, route) = await chosen(request.input, now: now) {
            request.input = input
            return route
        }
        var flag: String?
        if case .command(let text) = request.input.event {
            let stripped = CommunityFlag.strip(text)
            request.input.event = .command(stripped.text)
            flag = stripped.community
            if flag == "" {
                return .answer(
                    request.input.privateAnswer(
                        "--community needs a community id, e.g. /cop stats --community data-science"))
            }
        }
        let place = RequestPlace(
            platform: platform, workspace: request.context.teamID, channel: request.context.channelID,
            isDirect: isDirect)
        let route = await self.route(request.input, from: place, flag: flag, now: now)
        if case .ignore = route {
            logger.debug(
                "An event from a place no community lives in was ignored",
                metadata: ["convener.platform": "\(platform)"])
        }
        return route
    }
}
