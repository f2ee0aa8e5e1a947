import ConvenerCore

/// The threads of the bot's guilds and the channel each one belongs to, learned from the Gateway (`GUILD_CREATE`'s
/// `channels` and `threads`, `THREAD_CREATE`, `THREAD_UPDATE`, `THREAD_LIST_SYNC`, `CHANNEL_CREATE`) or from a
/// channel looked up by id. A message in a thread belongs to the community bound to the thread's parent channel.
public struct DiscordChannelMap: Sendable, Equatable {
    /// Each known thread's parent channel.
    private var parents: [String: String] = [:]
    /// Channels known not to be threads.
    private var plain: Set<String> = []

    /// Nothing known yet.
    public init() {}

    /// Discord's thread channel types: announcement thread, public thread, private thread.
    public static let threadTypes: Set<Int> = [10, 11, 12]

    /// Where `channel` is: a thread of a known parent, a channel known not to be a thread, or not known.
    public func place(of channel: String) -> Place {
        if let parent = parents[channel] { return .thread(parent: parent) }
        return plain.contains(channel) ? .channel : .unknown
    }

    /// The channel a message in `channel` belongs to: a thread's parent, else the channel itself.
    public func parentOrSelf(_ channel: String) -> String {
        parents[channel] ?? channel
    }

    /// Where a channel is.
    public enum Place: Sendable, Equatable {
        /// A channel that is not a thread.
        case channel
        /// A thread inside `parent`.
        case thread(parent: String)
        /// Neither learned nor looked up yet.
        case unknown
    }

    /// Learns from one dispatch, whatever its type (events that say nothing about channels change nothing).
    public mutating func learn(type: String, data: PlatformJSON) {
        let root = PlatformJSONCursor(data, path: "d")
        switch type {
        case "GUILD_CREATE":
            for key in ["channels", "threads"] {
                for channel in (try? root.optionalField(key)?.array()) ?? [] { learn(channel: channel.value) }
            }
        case "THREAD_LIST_SYNC":
            for thread in (try? root.optionalField("threads")?.array()) ?? [] { learn(channel: thread.value) }
        case "CHANNEL_CREATE", "CHANNEL_UPDATE", "THREAD_CREATE", "THREAD_UPDATE":
            learn(channel: data)
        case "THREAD_DELETE", "CHANNEL_DELETE":
            if let id = try? root.optionalString("id") {
                parents[id] = nil
                plain.remove(id)
            }
        default:
            break
        }
    }

    /// Learns one channel object (a thread has a thread type and a `parent_id`).
    public mutating func learn(channel: PlatformJSON) {
        let root = PlatformJSONCursor(channel, path: "channel")
        guard let id = try? root.optionalString("id"), let type = try? root.optionalField("type")?.int() else { return }
        if Self.threadTypes.contains(type), let parent = try? root.optionalString("parent_id") {
            parents[id] = parent
        } else if !Self.threadTypes.contains(type) {
            plain.insert(id)
        }
    }
}
