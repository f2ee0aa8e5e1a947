/// Which prompts of each theme have had their turn in the current round, and the choice of the next one.
///
/// Order: every round of every theme has its own shuffled order, derived from `seed`, the theme, the round
/// number and each prompt's id alone (a keyed hash per id, not a shuffle of a list). So the order is
/// deterministic and replayable, differs from round to round, and does not move when prompts are added or
/// removed: a new id simply takes its place in the current round, and a removed id is never picked.
///
/// A round ends when every prompt of the theme was posted or skipped; the next round never starts with the
/// prompt posted last (unless the theme has only that one prompt). State is by id, so an override of a
/// built-in prompt takes the built-in prompt's turn.
public struct PromptRotation: Codable, Sendable, Equatable {
    /// The rotation state of one theme.
    public struct ThemeRound: Codable, Sendable, Equatable {
        /// The round number, from 1.
        public var round: Int
        /// The ids posted or skipped in this round, in that order.
        public var done: [String]
        /// The id posted most recently (in this round or the previous one).
        public var lastPosted: String?

        /// Creates a theme's state.
        public init(round: Int = 1, done: [String] = [], lastPosted: String? = nil) {
            self.round = round
            self.done = done
            self.lastPosted = lastPosted
        }
    }

    /// Varies the order between communities; the same seed gives the same order.
    public var seed: UInt64
    /// The state of each theme that has been used, by theme id.
    public private(set) var themes: [String: ThemeRound]

    /// Creates a rotation in which nothing has been posted.
    public init(seed: UInt64 = 0, themes: [String: ThemeRound] = [:]) {
        self.seed = seed
        self.themes = themes
    }

    /// The prompt `next` would post, without changing anything (`/cop prompt next`).
    public func preview(theme: String, library: PromptLibrary) -> DiscussionPrompt? {
        selection(theme: theme, library: library)?.prompt
    }

    /// Picks the next prompt of `theme` and records it as posted; nil if the theme has no prompts.
    public mutating func next(theme: String, library: PromptLibrary) -> DiscussionPrompt? {
        guard let (prompt, state) = selection(theme: theme, library: library) else { return nil }
        var updated = state
        updated.done.append(prompt.id)
        updated.lastPosted = prompt.id
        themes[theme] = updated
        return prompt
    }

    /// Passes over the prompt `next` would post (`/cop prompt skip`); it comes back in a later round.
    ///
    /// Returns the skipped prompt, or nil if the theme has no prompts.
    public mutating func skip(theme: String, library: PromptLibrary) -> DiscussionPrompt? {
        guard let (prompt, state) = selection(theme: theme, library: library) else { return nil }
        var updated = state
        updated.done.append(prompt.id)
        themes[theme] = updated
        return prompt
    }

    /// Replaces the state of `theme`, as a journalled `promptRotated` fact says.
    public mutating func setRound(_ round: ThemeRound, forTheme theme: String) {
        themes[theme] = round
    }

    /// The ids of `theme` in the order of `round`.
    public func order(theme: String, round: Int, library: PromptLibrary) -> [String] {
        let ids = library.theme(theme)?.prompts.map(\.id) ?? []
        let key = Self.mix(seed ^ Self.fnv1a(theme) ^ (UInt64(truncatingIfNeeded: round) &* 0x9E37_79B9_7F4A_7C15))
        return ids.map { (rank: Self.mix(key ^ Self.fnv1a($0)), id: $0) }
            .sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
            .map(\.id)
    }

    // The prompt to post next and the theme's state it is picked from (a fresh round when the last one is
    // exhausted); done ids no longer in the library are dropped.
    private func selection(theme: String, library: PromptLibrary) -> (prompt: DiscussionPrompt, state: ThemeRound)? {
        guard let prompts = library.theme(theme)?.prompts, !prompts.isEmpty else { return nil }
        let known = Set(prompts.map(\.id))
        var state = themes[theme] ?? ThemeRound()
        state.done = state.done.filter { known.contains($0) }
        let done = Set(state.done)
        var remaining = order(theme: theme, round: state.round, library: library).filter { !done.contains($0) }
        if remaining.isEmpty {
            state.round += 1
            state.done = []
            remaining = order(theme: theme, round: state.round, library: library)
            if remaining.count > 1, remaining[0] == state.lastPosted {
                remaining.swapAt(0, 1)
            }
        }
        guard let id = remaining.first, let prompt = prompts.first(where: { $0.id == id }) else { return nil }
        return (prompt, state)
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    // SplitMix64's finaliser: spreads every input bit over the whole word.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
