import Foundation

/// What one sealed pool file holds once opened: the anonymous answers or notes still waiting for their batch,
/// written so that nothing in it says who sent what or in which order.
///
/// A survey's image keeps its participation tokens sorted and its responses shuffled, in two separate lists, so
/// even whoever holds the key learns only who is waiting and what is waiting, as from a batch. A feedback image
/// keeps the notes sorted by day and text. `generation` says which batch the waiting items belong to: an image
/// older than the journal's last batch was already written down there and is ignored.
public struct SealedPoolImage: Codable, Sendable, Equatable {
    /// The number of batches written before these items (a survey's recorded batches, feedback's next batch).
    public var generation: Int
    /// The participation tokens of the waiting answers, sorted; surveys only.
    public var tokens: [String]
    /// The waiting responses, shuffled; surveys only.
    public var responses: [SurveyResponse]
    /// The waiting notes, sorted; feedback only.
    public var notes: [FeedbackNote]

    /// An image.
    public init(
        generation: Int, tokens: [String] = [], responses: [SurveyResponse] = [], notes: [FeedbackNote] = []
    ) {
        self.generation = generation
        self.tokens = tokens
        self.responses = responses
        self.notes = notes
    }

    /// The image as JSON with sorted keys.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }

    /// Reads an image written by `encoded()`.
    public static func decode(_ bytes: [UInt8]) throws -> SealedPoolImage {
        try JSONDecoder().decode(SealedPoolImage.self, from: Data(bytes))
    }
}
