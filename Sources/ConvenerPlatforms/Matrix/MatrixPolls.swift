import ConvenerCore
import Foundation

/// MSC3381 polls as Convener sends and counts them. A poll that is not anonymous starts as an
/// `org.matrix.msc3381.poll.start` event: the unstable form current Element sends and shows, since the MSC allows the
/// stable `m.poll.*` types only in a room version with extensible events, which no stable room version has yet. Its
/// text fallback is given three ways (`org.matrix.msc1767.text`, the stable `m.text` block and a plain `body`, which
/// bridges and simple clients show), so a client without polls still reads the question and the answers. Members vote
/// with `m.poll.response` or `org.matrix.msc3381.poll.response`, both read; the poll ends with
/// `org.matrix.msc3381.poll.end` carrying the results as text. An anonymous poll never becomes one: every member of
/// the room could read each response.
public enum MatrixPolls {
    /// The event type a poll starts with.
    public static let startType = "org.matrix.msc3381.poll.start"
    /// The event type a poll ends with.
    public static let endType = "org.matrix.msc3381.poll.end"
    /// The stable response type.
    public static let responseType = "m.poll.response"
    /// The unstable response type Element sends.
    public static let unstableResponseType = "org.matrix.msc3381.poll.response"
    /// Both response types, which the sync filter asks for.
    public static let responseTypes = [responseType, unstableResponseType]
    /// The unstable text block: one string.
    static let unstableText = "org.matrix.msc1767.text"
    /// The stable text block: a list of representations.
    static let stableText = "m.text"

    /// Whether `message` goes to Matrix as a native poll: it describes a poll that is not anonymous.
    public static func isNative(_ message: OutboundMessage) -> Bool {
        guard let poll = message.poll else { return false }
        return !poll.isAnonymous
    }

    /// The content of the poll start event for `message` (whose `poll` is set).
    public static func startContent(_ message: OutboundMessage, poll: MessagePoll) -> PlatformJSON {
        let fallback = ([poll.question] + poll.answers.enumerated().map { "\($0.offset + 1). \($0.element.label)" })
            .joined(separator: "\n")
        let kind = poll.hidesResultsUntilClosed ? "undisclosed" : "disclosed"
        let answers: [PlatformJSON] = poll.answers.map { answer in
            ["id": .string(answer.id), unstableText: .string(answer.label)]
        }
        let start: PlatformJSON = [
            "kind": .string("org.matrix.msc3381.poll.\(kind)"),
            "max_selections": .int(poll.maxSelections),
            "question": [
                unstableText: .string(poll.question), "body": .string(poll.question),
                "msgtype": "m.text",
            ],
            "answers": .array(answers),
        ]
        return .object([
            startType: start,
            unstableText: .string(fallback),
            stableText: [["body": .string(fallback)]],
            "body": .string(fallback),
            "m.mentions": ["user_ids": []],
        ])
    }

    /// The content of the event that ends the poll started by `startEventID`, with `message`'s text (the final
    /// results) as its fallback.
    public static func endContent(_ message: OutboundMessage, endingPoll startEventID: String) -> PlatformJSON {
        let text = message.text(renderingMentions: { "@" + $0.name })
        return .object([
            "m.relates_to": ["rel_type": "m.reference", "event_id": .string(startEventID)],
            endType: [:],
            unstableText: .string(text),
            stableText: [["body": .string(text)]],
            "body": .string(text),
            "m.mentions": ["user_ids": []],
        ])
    }
}

/// A member's response to a poll, as sent: which poll, and the answer ids picked (nil when the content names none
/// the MSC's way, which spoils the vote).
public struct MatrixPollResponse: Sendable, Equatable {
    /// The poll's start event.
    public var pollEventID: String
    /// The answer ids as sent, in order; nil for a response whose selections are missing or not strings.
    public var selections: [String]?

    /// The response `event` is, or nil when it is not a poll response related to a poll by `m.reference`.
    public init?(_ event: MatrixEvent) {
        guard MatrixPolls.responseTypes.contains(event.type), let relation = event.relation,
            relation["rel_type"]?.stringValue == "m.reference", let poll = relation["event_id"]?.stringValue
        else { return nil }
        pollEventID = poll
        let list =
            event.content["m.selections"]?.arrayValue
            ?? event.content[MatrixPolls.unstableResponseType]?.objectValue?["answers"]?.arrayValue
        let strings = list?.compactMap(\.stringValue)
        selections = strings?.count == list?.count ? strings : nil
    }
}

/// A poll Convener started in Matrix, kept by its start event's id so responses find it.
public struct MatrixPoll: Codable, Sendable, Equatable {
    /// Convener's id of the poll's message.
    public var message: String
    /// The answer ids, in order.
    public var answers: [String]
    /// How many answers a member may pick.
    public var maxSelections: Int
    /// When it was sent, to keep only the newest.
    public var at: Date
    /// Whether its end event is sent: responses after it are ignored, as if they never happened.
    public var isEnded: Bool

    /// A poll record.
    public init(message: String, answers: [String], maxSelections: Int, at: Date, isEnded: Bool = false) {
        self.message = message
        self.answers = answers
        self.maxSelections = maxSelections
        self.at = at
        self.isEnded = isEnded
    }

    /// The answers `response` counts for, by MSC3381's rules: the selections cut to `maxSelections`, then none at all
    /// (a spoiled vote, which takes back the earlier one) if any is not one of the poll's answers, each counted once.
    public func selection(of response: MatrixPollResponse) -> [String] {
        guard let selections = response.selections else { return [] }
        let considered = selections.prefix(maxSelections)
        guard considered.allSatisfy(answers.contains) else { return [] }
        var picked: [String] = []
        for answer in considered where !picked.contains(answer) { picked.append(answer) }
        return picked
    }
}
