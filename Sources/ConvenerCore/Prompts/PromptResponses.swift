import Foundation

/// The prompts whose answer window is open, inside `CommunityState`: where each one lives on the platforms, so a
/// thread reply or a reaction can be traced to it, and who has replied so far, so each member counts once per
/// prompt.
///
/// The member ids are the only ones the prompt statistics ever hold, and only while a prompt's window is open
/// (`PromptSettings.answerWindowDays`, a week by default): the tick closes the window with
/// `PromptFact.windowClosed`, which drops them. Every figure (replies, reactions, distinct answerers) is counted
/// into the weekly history as the facts apply, by theme, so what stays afterwards is numbers only.
public struct PromptResponses: Codable, Sendable, Equatable {
    /// A posted prompt whose answer window is open.
    public struct OpenPrompt: Codable, Sendable, Equatable {
        /// The outbox id of the prompt's message.
        public var message: String
        /// Its theme.
        public var theme: String
        /// The prompt's id in the library.
        public var prompt: String
        /// When it was queued.
        public var postedAt: Date
        /// Where it landed on each platform (`messageDelivered`), as `platform message-id`.
        public var locations: [String]
        /// Members who replied in its thread so far.
        public var answerers: Set<MemberID>

        /// An open prompt.
        public init(
            message: String, theme: String, prompt: String, postedAt: Date, locations: [String] = [],
            answerers: Set<MemberID> = []
        ) {
            self.message = message
            self.theme = theme
            self.prompt = prompt
            self.postedAt = postedAt
            self.locations = locations
            self.answerers = answerers
        }
    }

    /// How many prompts stay open at most; the oldest closes first (a safety bound, far above a weekly rhythm).
    public static let openLimit = 50
    /// The open prompts, oldest first.
    public private(set) var open: [OpenPrompt] = []

    /// Nothing open.
    public init() {}

    /// The open prompt posted as `platform`'s message `messageID`, if any.
    public func prompt(at messageID: String, on platform: String) -> OpenPrompt? {
        let location = Self.location(platform: platform, messageID: messageID)
        return open.first { $0.locations.contains(location) }
    }

    /// The open prompt of the outbox message `message`, if any.
    public func prompt(message: String) -> OpenPrompt? {
        open.first { $0.message == message }
    }

    /// The prompts whose window of `days` days has ended by `now`.
    public func expired(windowDays days: Int, now: Date) -> [OpenPrompt] {
        open.filter { now.timeIntervalSince($0.postedAt) >= TimeInterval(days) * 86_400 }
    }

    /// Applies one prompt fact.
    mutating func apply(_ fact: PromptFact) {
        switch fact {
        case .posted(let message, let theme, let prompt, let at):
            guard self.prompt(message: message) == nil else { return }
            open.append(OpenPrompt(message: message, theme: theme, prompt: prompt, postedAt: at))
            if open.count > Self.openLimit { open.removeFirst(open.count - Self.openLimit) }
        case .replied(let message, let member, _):
            guard let index = open.firstIndex(where: { $0.message == message }) else { return }
            open[index].answerers.insert(member)
        case .reacted:
            break
        case .windowClosed(let message):
            open.removeAll { $0.message == message }
        }
    }

    /// Records where the message `message` landed, when it is an open prompt.
    mutating func delivered(_ message: String, at reference: PlatformMessageReference) {
        guard let index = open.firstIndex(where: { $0.message == message }) else { return }
        let location = Self.location(platform: reference.platform, messageID: reference.messageID)
        if !open[index].locations.contains(location) { open[index].locations.append(location) }
    }

    /// What `/cop me` shows the member: the open prompts they answered, until each one's window closes.
    func memberDataLines(_ member: MemberID) -> [String] {
        open.filter { $0.answerers.contains(member) }.map {
            "you answered \($0.prompt) (\($0.theme)); Convener forgets that when its answer window closes"
        }
    }

    /// Forgets `member` as an answerer (`/cop me forget`); the counts already made stay.
    mutating func forget(_ member: MemberID) {
        for index in open.indices { open[index].answerers.remove(member) }
    }

    private static func location(platform: String, messageID: String) -> String {
        "\(platform) \(messageID)"
    }
}
