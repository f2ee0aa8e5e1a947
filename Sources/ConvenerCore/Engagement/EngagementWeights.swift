import Foundation

/// How many points each kind of activity adds to a member's engagement score.
///
/// The defaults value things that take effort or involve another person (a pairing meeting, a survey,
/// thanking someone) above a quick message, and a click (a vote, a command) below it.
public struct EngagementWeights: Codable, Sendable, Equatable, Hashable {
    /// Points for a plain message (default 1).
    public var message: Double
    /// Points for a `/cop` command (default 0.5).
    public var command: Double
    /// Points for a poll vote (default 0.5).
    public var vote: Double
    /// Points for giving kudos (default 1.5).
    public var kudosGiven: Double
    /// Points for receiving kudos (default 1).
    public var kudosReceived: Double
    /// Points for taking part in a survey (default 2).
    public var surveyParticipation: Double
    /// Points for a confirmed pairing meeting (default 3).
    public var pairingMeeting: Double
    /// Points for an emoji reaction (default 0.25): a sign of reading along, lighter than a message.
    public var reaction: Double

    /// Weights; every argument defaults to the documented default.
    public init(
        message: Double = 1,
        command: Double = 0.5,
        vote: Double = 0.5,
        kudosGiven: Double = 1.5,
        kudosReceived: Double = 1,
        surveyParticipation: Double = 2,
        pairingMeeting: Double = 3,
        reaction: Double = 0.25
    ) {
        self.message = message
        self.command = command
        self.vote = vote
        self.kudosGiven = kudosGiven
        self.kudosReceived = kudosReceived
        self.surveyParticipation = surveyParticipation
        self.pairingMeeting = pairingMeeting
        self.reaction = reaction
    }

    /// Decodes weights; those written before reactions counted lack `reaction` and get its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            message: try container.decode(Double.self, forKey: .message),
            command: try container.decode(Double.self, forKey: .command),
            vote: try container.decode(Double.self, forKey: .vote),
            kudosGiven: try container.decode(Double.self, forKey: .kudosGiven),
            kudosReceived: try container.decode(Double.self, forKey: .kudosReceived),
            surveyParticipation: try container.decode(Double.self, forKey: .surveyParticipation),
            pairingMeeting: try container.decode(Double.self, forKey: .pairingMeeting),
            reaction: try container.decodeIfPresent(Double.self, forKey: .reaction) ?? 0.25)
    }

    /// The points one `activity` is worth.
    public func weight(of activity: EngagementActivity) -> Double {
        switch activity {
        case .message: message
        case .command: command
        case .vote: vote
        case .kudosGiven: kudosGiven
        case .kudosReceived: kudosReceived
        case .surveyParticipation: surveyParticipation
        case .pairingMeeting: pairingMeeting
        case .reaction: reaction
        }
    }
}
