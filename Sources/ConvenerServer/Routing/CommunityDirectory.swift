import ConvenerCore
import Foundation

/// Decides which community a chat request belongs to, from where it came from.
///
/// In order: a `--community ID` flag; with a single community, that one (its bindings then only say where its
/// posts go, as before several communities could be told apart); the community bound to the channel, else to the
/// workspace; in a direct conversation, the community the member belongs to, asking with buttons when there are
/// several. A channel no community lives in gets an answer naming the communities, never the first by default.
struct CommunityDirectory: Sendable {
    /// The communities, in config order.
    let runtimes: [CommunityRuntime]
    /// The questions "which community?" waiting for their answer.
    let choices: CommunityChoices

    /// The action id prefix of the buttons that answer "which community?".
    static let choiceActionPrefix = "community."

    /// A directory of `runtimes`.
    init(runtimes: [CommunityRuntime], choices: CommunityChoices = CommunityChoices()) {
        self.runtimes = runtimes
        self.choices = choices
    }

    /// The community with the id `id`.
    func runtime(id: String) -> CommunityRuntime? {
        runtimes.first { $0.profile.id == id }
    }

    /// Where `input` goes, coming from `place`; `flag` is the `--community` id the member typed, if any.
    ///
    /// A command that needs asking about is remembered, so that the member's click on a community runs it there.
    func route(_ input: Input, from place: RequestPlace, flag: String?, now: Date) async -> CommunityRoute {
        if let flag {
            if let runtime = runtime(id: flag) { return .community(runtime) }
            return .answer(reply(to: input, "There is no community '\(flag)'. " + listing(for: place.platform)))
        }
        if runtimes.count == 1, let only = runtimes.first { return .community(only) }
        if let channel = place.channel {
            let bound = runtimes.filter { runtime in
                runtime.profile.bindings.contains {
                    $0.platform == place.platform && $0.channels.contains(channel)
                        && ($0.workspace == nil || place.workspace == nil || $0.workspace == place.workspace)
                }
            }
            if let first = bound.first { return .community(first) }
        }
        if let workspace = place.workspace {
            let inWorkspace = runtimes.filter { runtime in
                runtime.profile.bindings.contains { $0.platform == place.platform && $0.workspace == workspace }
            }
            let whole = inWorkspace.filter { runtime in
                runtime.profile.bindings.contains {
                    $0.platform == place.platform && $0.workspace == workspace && $0.channels.isEmpty
                }
            }
            if whole.count == 1, let only = whole.first { return .community(only) }
            // A workspace-wide event (a member joined the workspace) has no channel: the one community there.
            if place.channel == nil, inWorkspace.count == 1, let only = inWorkspace.first { return .community(only) }
        }
        guard place.isDirect else {
            // A command, click or form says why nothing happened; events (messages, joins) are not answered.
            switch input.event {
            case .command, .action, .form:
                return .answer(
                    reply(to: input, "This channel belongs to no community. " + listing(for: place.platform)))
            case .message, .vote, .left, .joined, .reaction:
                return .ignore
            }
        }
        return await routeByMembership(input, platform: place.platform, now: now)
    }

    /// A direct conversation: the community the member belongs to, the one whose form it is, or the question.
    private func routeByMembership(_ input: Input, platform: String, now: Date) async -> CommunityRoute {
        var member: [CommunityRuntime] = []
        for runtime in runtimes where await runtime.member(input.member) != nil { member.append(runtime) }
        if let formID = Self.formID(of: input.event) {
            var open: [CommunityRuntime] = []
            for runtime in member.isEmpty ? runtimes : member where await runtime.openForm(formID) != nil {
                open.append(runtime)
            }
            if open.count == 1, let only = open.first { return .community(only) }
        }
        if member.count == 1, let only = member.first { return .community(only) }
        switch input.event {
        case .command, .action:
            let candidates = member.isEmpty ? runtimes : member
            let question = input.privateAnswer(
                member.isEmpty
                    ? "Which community is this for? (Next time, add --community ID.)"
                    : "You belong to several communities: which one is this for? (Or add --community ID.)",
                actions: candidates.map {
                    MessageAction(id: Self.choiceActionPrefix + $0.profile.id, label: $0.profile.name)
                },
                suffix: "community")
            await choices.remember(input, question: question.id, now: now)
            return .answer(question)
        case .form:
            return .answer(
                reply(to: input, "This form matches no open form of your communities; it may have closed."))
        default:
            return .ignore
        }
    }

    /// The form a submission answers or an "Open the form" click opens: the community whose form it is takes it.
    private static func formID(of event: InputEvent) -> String? {
        switch event {
        case .form(let formID, _): formID
        case .action(_, let actionID) where actionID.hasPrefix(FormOpening.actionPrefix):
            String(actionID.dropFirst(FormOpening.actionPrefix.count))
        default: nil
        }
    }

    /// The request a "which community?" click answers, with the chosen community; nil when the click is not
    /// such an answer. An expired question comes back as an answer to give.
    func chosen(_ input: Input, now: Date) async -> (input: Input, route: CommunityRoute)? {
        guard case .action(let messageID, let actionID) = input.event, actionID.hasPrefix(Self.choiceActionPrefix)
        else { return nil }
        let id = String(actionID.dropFirst(Self.choiceActionPrefix.count))
        guard let asked = await choices.take(question: messageID, member: input.member, now: now) else {
            return (input, .answer(reply(to: input, "That question expired; please type the command again.")))
        }
        guard let runtime = runtime(id: id) else {
            return (input, .answer(reply(to: input, "There is no community '\(id)' any more.")))
        }
        return (asked, .community(runtime))
    }

    /// "The communities are: Data Science (data-science): slack channel C1; …".
    private func listing(for platform: String) -> String {
        let lines = runtimes.map { runtime in
            let places = runtime.profile.bindings.filter { $0.platform == platform }.map(\.description)
            return "• \(runtime.profile.name) (`\(runtime.profile.id)`): "
                + (places.isEmpty ? "not bound on \(platform)" : places.joined(separator: "; "))
        }
        return "Use /cop in a community's channel, or add --community ID. The communities:\n"
            + lines.joined(separator: "\n")
    }

    private func reply(to input: Input, _ text: String) -> OutboundMessage {
        input.privateAnswer(text)
    }
}

/// Where a request came from, as routing needs it.
struct RequestPlace: Sendable, Equatable {
    /// The platform's name.
    var platform: String
    /// The workspace, team or guild.
    var workspace: String?
    /// The channel; nil for a form submitted outside any channel.
    var channel: String?
    /// Whether it came from a direct conversation.
    var isDirect: Bool
}
