import ConvenerCore

extension Input {
    /// A private answer to this input given by the edge rather than the core (why nothing ran, which community),
    /// numbered like the core's replies so that ids stay unique and derived from the input's.
    func privateAnswer(_ text: String, actions: [MessageAction] = [], suffix: String = "1") -> OutboundMessage {
        OutboundMessage(id: "\(id).\(suffix)", audience: .ephemeral(member), text: text, actions: actions)
    }
}
