/// What one theme's prompts drew in a week (or summed over a period): numbers only, never who.
public struct PromptThemeCounts: Codable, Sendable, Equatable {
    /// Prompts of the theme posted.
    public var posted = 0
    /// Replies in the prompts' threads.
    public var replies = 0
    /// Reactions on the prompts.
    public var reactions = 0
    /// Members who replied, counted once per prompt (a member answering two prompts counts twice).
    public var answerers = 0

    /// Nothing counted yet.
    public init(posted: Int = 0, replies: Int = 0, reactions: Int = 0, answerers: Int = 0) {
        self.posted = posted
        self.replies = replies
        self.reactions = reactions
        self.answerers = answerers
    }

    /// Decodes counts; a missing figure is zero.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        posted = try container.decodeIfPresent(Int.self, forKey: .posted) ?? 0
        replies = try container.decodeIfPresent(Int.self, forKey: .replies) ?? 0
        reactions = try container.decodeIfPresent(Int.self, forKey: .reactions) ?? 0
        answerers = try container.decodeIfPresent(Int.self, forKey: .answerers) ?? 0
    }

    /// These counts and `other`'s together.
    public func adding(_ other: PromptThemeCounts) -> PromptThemeCounts {
        PromptThemeCounts(
            posted: posted + other.posted, replies: replies + other.replies, reactions: reactions + other.reactions,
            answerers: answerers + other.answerers)
    }

    /// The themes of `weeks` summed, by theme id.
    public static func totals(of weeks: [WeeklyAggregate]) -> [String: PromptThemeCounts] {
        var totals: [String: PromptThemeCounts] = [:]
        for week in weeks {
            for (theme, counts) in week.counts.promptThemes {
                totals[theme] = (totals[theme] ?? PromptThemeCounts()).adding(counts)
            }
        }
        return totals
    }
}
