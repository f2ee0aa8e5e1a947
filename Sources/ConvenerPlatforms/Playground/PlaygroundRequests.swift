import ConvenerCore

/// `POST /playground/api/messages`: a member types something.
public struct PlaygroundMessageRequest: Codable, Sendable {
    /// The member's playground name.
    public var member: String
    /// The id of the community it is for; the first community when absent.
    public var community: String?
    /// What they typed: a `/cop …` command or a plain message.
    public var text: String
}

/// `POST /playground/api/actions`: a member clicks a button.
public struct PlaygroundActionRequest: Codable, Sendable {
    /// The member's playground name.
    public var member: String
    /// The id of the community it is for; the first community when absent.
    public var community: String?
    /// The id of the message the button belongs to.
    public var message: String
    /// The button's action id.
    public var action: String
}

/// `POST /playground/api/forms`: a member submits a form.
public struct PlaygroundFormRequest: Codable, Sendable {
    /// The member's playground name.
    public var member: String
    /// The id of the community it is for; the first community when absent.
    public var community: String?
    /// The form id.
    public var form: String
    /// The answers by field id: a string, or a list of option ids.
    public var values: [String: PlaygroundFormValue]
}

/// One submitted form value.
public enum PlaygroundFormValue: Codable, Sendable {
    case text(String)
    case choices([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .choices(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .choices(let choices): try container.encode(choices)
        }
    }

    /// The value in the core's terms.
    public var formValue: FormValue {
        switch self {
        case .text(let text): .text(text)
        case .choices(let choices): .choices(choices)
        }
    }
}

/// What every playground POST answers: the bot's immediate replies.
public struct PlaygroundReplies: Codable, Sendable {
    /// The replies, in order.
    public var replies: [PlaygroundMessage]

    /// Replies.
    public init(replies: [PlaygroundMessage]) {
        self.replies = replies
    }
}

/// The playground's member names: short, so they read well and cannot smuggle markup.
public enum PlaygroundMemberName {
    /// Why `name` is not acceptable, or nil if it is.
    public static func problem(with name: String) -> String? {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "._-".unicodeScalars.contains($0)
        }
        guard !name.isEmpty, name.count <= 32, allowed else {
            return "'member' must be 1 to 32 letters, digits, dots, dashes or underscores (e.g. \"alice\")."
        }
        return nil
    }

    /// The member id of a playground member.
    public static func memberID(_ name: String) -> MemberID {
        MemberID(platform: "playground", user: name.lowercased())
    }
}
