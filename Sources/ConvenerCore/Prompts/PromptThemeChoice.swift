/// Picks the theme of the next prompt when the rotation prefers themes that draw answers.
///
/// Each theme's weight is its smoothed response rate: (answerers + m) / (prompts posted + 1), where m is the mean
/// number of answerers per prompt over all themes, so a theme with few prompts behind it starts near the mean
/// instead of at zero or at a lucky high. No theme starves: every weight is at least a quarter of the mean of the
/// weights, so a theme that drew nothing still comes up now and then and can show it does better now.
public enum PromptThemeChoice {
    /// The share of the mean weight below which no theme's weight falls.
    public static let floorShare = 0.25

    /// The weight of each of `themes`, by theme id, from the counts so far (`totals`, by theme id).
    public static func weights(themes: [String], totals: [String: PromptThemeCounts]) -> [String: Double] {
        let posted = themes.reduce(0) { $0 + (totals[$1]?.posted ?? 0) }
        let answerers = themes.reduce(0) { $0 + (totals[$1]?.answerers ?? 0) }
        let mean = posted == 0 ? 1 : Double(answerers) / Double(posted)
        var weights: [String: Double] = [:]
        for theme in themes {
            let counts = totals[theme] ?? PromptThemeCounts()
            weights[theme] = (Double(counts.answerers) + mean) / Double(counts.posted + 1)
        }
        let average = weights.values.reduce(0, +) / Double(max(1, weights.count))
        let floor = max(average * floorShare, 1e-6)
        return weights.mapValues { max($0, floor) }
    }

    /// One of `themes`, drawn with the weights above using `randomness`; nil when there are no themes.
    public static func pick(
        themes: [String], totals: [String: PromptThemeCounts], randomness: CommunityRandomness
    ) -> String? {
        guard !themes.isEmpty else { return nil }
        let weights = weights(themes: themes, totals: totals)
        let total = themes.reduce(0) { $0 + (weights[$1] ?? 0) }
        // 53 random bits make a uniform double in [0, 1).
        var point = Double(randomness.next() >> 11) / Double(UInt64(1) << 53) * total
        for theme in themes {
            point -= weights[theme] ?? 0
            if point < 0 { return theme }
        }
        return themes.last
    }
}
