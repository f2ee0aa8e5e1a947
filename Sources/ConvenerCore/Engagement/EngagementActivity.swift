import Foundation

/// Everything a member does that counts towards their engagement score.
public enum EngagementActivity: String, Codable, Sendable, Equatable, CaseIterable {
    /// A plain message in one of the community's channels.
    case message
    /// A `/cop` command.
    case command
    /// A vote in a poll.
    case vote
    /// Kudos the member gave to someone else.
    case kudosGiven
    /// Kudos the member received.
    case kudosReceived
    /// Taking part in a survey (counted without linking the member to any answer).
    case surveyParticipation
    /// A pairing or coffee meeting the member confirmed.
    case pairingMeeting
    /// An emoji reaction to a message.
    case reaction

    /// The engagement activity for one of the model's activity kinds.
    public init(_ kind: ActivityKind) {
        switch kind {
        case .message: self = .message
        case .command: self = .command
        case .vote: self = .vote
        case .kudos: self = .kudosGiven
        case .survey: self = .surveyParticipation
        case .meeting: self = .pairingMeeting
        case .reaction: self = .reaction
        }
    }

    /// Whether the activity shows the member themselves acting, which ends a silence.
    ///
    /// Receiving kudos raises the score but is something others did, so it does not make a silent
    /// member "active again" and does not cancel an `inactive` event.
    public var endsSilence: Bool {
        self != .kudosReceived
    }
}
