/// Which button of which Convener message a click refers to, packed into one platform field.
///
/// The packed form is `<utf8 length of messageID>:<messageID><actionID>`, unambiguous whatever the ids contain.
public struct PlatformActionReference: Sendable, Equatable {
    /// Convener's message id.
    public var messageID: String
    /// Convener's action id.
    public var actionID: String

    /// A reference.
    public init(messageID: String, actionID: String) {
        self.messageID = messageID
        self.actionID = actionID
    }

    /// The packed form.
    public var packed: String {
        "\(messageID.utf8.count):\(messageID)\(actionID)"
    }

    /// Unpacks `packed`; nil if it is not in the packed form.
    public init?(packed: String) {
        let bytes = Array(packed.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon <= 6,
            bytes[..<colon].allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let length = Int(String(decoding: bytes[..<colon], as: UTF8.self)),
            colon + 1 + length <= bytes.count,
            let message = String(validating: bytes[(colon + 1)..<(colon + 1 + length)], as: UTF8.self),
            let action = String(validating: bytes[(colon + 1 + length)...], as: UTF8.self),
            !message.isEmpty, !action.isEmpty
        else { return nil }
        self.messageID = message
        self.actionID = action
    }
}
