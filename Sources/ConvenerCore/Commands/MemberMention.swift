/// A member named in a command: `@alice`, `@user.name`, Slack `<@U123|alice>`, Discord `<@123>` or `<@!123>`, or a
/// Matrix user id as the Matrix adapter writes it, `<@@alice:example.org>`.
public struct MemberMention: Sendable, Equatable, Hashable {
    /// How the member was named, which decides how the reducer looks them up.
    public enum Kind: String, Sendable, Equatable, Hashable {
        /// A plain user name such as `@alice` or Mattermost's `@user.name`; `id` is the name.
        case username
        /// A platform user id from Slack (`<@U123>`), Discord (`<@123>`) or Matrix (`<@@alice:example.org>`); `id` is
        /// that id.
        case userID
    }

    /// The user name (for `.username`) or the platform user id (for `.userID`), as written.
    public let id: String
    /// The display name Slack sends along (`<@U123|alice>` gives `alice`), if any.
    public let displayName: String?
    /// Whether `id` is a user name or a platform user id.
    public let kind: Kind

    /// Creates a mention.
    public init(id: String, displayName: String? = nil, kind: Kind) {
        self.id = id
        self.displayName = displayName
        self.kind = kind
    }

    /// Parses one mention token such as `@alice` or `<@U123|alice>`; `nil` if it is not a member mention.
    public static func parse(_ text: String) -> MemberMention? {
        try? parseExplaining(text).get()
    }

    /// Parses one mention token, or says in one sentence why it is not a member mention.
    static func parseExplaining(_ text: String) -> Result<MemberMention, CommandProblem> {
        var token = Substring(text)
        // People often type "@bob:" or "@bob," before the reason.
        while let last = token.last, last == ":" || last == "," {
            token = token.dropLast()
        }
        if token.hasPrefix("<") {
            return parseEscaped(token, original: text)
        }
        guard token.hasPrefix("@") else {
            return .failure(
                CommandProblem(
                    message: "\"\(text)\" is not a member mention; mention them with @, like @alice."))
        }
        let name = token.dropFirst()
        if broadcastNames.contains(name.lowercased()) {
            return .failure(
                CommandProblem(
                    message: "@\(name) mentions everyone; mention one member, like @alice."))
        }
        guard !name.isEmpty, name.count <= 80, name.allSatisfy(isNameCharacter) else {
            return .failure(
                CommandProblem(
                    message: "\"\(text)\" is not a member mention; mention them with @, like @alice."))
        }
        return .success(MemberMention(id: String(name), kind: .username))
    }

    private static let broadcastNames: Set<String> = ["here", "channel", "everyone", "all"]

    /// `@localpart:server`, as Convener's Matrix adapter writes a member it recognised: `<@@bob:example.org>`.
    private static func isMatrixUserID(_ id: String) -> Bool {
        let rest = id.dropFirst()
        guard id.hasPrefix("@"), id.count <= 255, let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
            rest.index(after: colon) != rest.endIndex
        else { return false }
        return rest.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>|@".contains($0) }
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "." || character == "_" || character == "-"
    }

    private static func parseEscaped(_ token: Substring, original: String) -> Result<MemberMention, CommandProblem> {
        guard token.hasSuffix(">"), token.count >= 3 else {
            return .failure(
                CommandProblem(
                    message: "\"\(original)\" is not a member mention; mention them with @, like @alice."))
        }
        let inner = token.dropFirst().dropLast()
        if inner.hasPrefix("#") {
            return .failure(
                CommandProblem(
                    message: "\(original) is a channel; mention one member, like @alice."))
        }
        if inner.hasPrefix("!") || inner.hasPrefix("@&") {
            let what = inner.hasPrefix("@&") ? "a role" : "a group mention"
            return .failure(
                CommandProblem(
                    message: "\(original) is \(what); mention one member, like @alice."))
        }
        guard inner.hasPrefix("@") else {
            return .failure(
                CommandProblem(
                    message: "\"\(original)\" is not a member mention; mention them with @, like @alice."))
        }
        var body = inner.dropFirst()
        if body.hasPrefix("!") {
            body = body.dropFirst()
        }
        let parts = body.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let id = parts.first.map(String.init) ?? ""
        let label = parts.count > 1 ? String(parts[1]) : nil
        let isPlatformID = id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard !id.isEmpty, isPlatformID || isMatrixUserID(id) else {
            return .failure(
                CommandProblem(
                    message: "\"\(original)\" is not a member mention; mention them with @, like @alice."))
        }
        let displayName = label.flatMap { $0.isEmpty ? nil : $0 }
        return .success(MemberMention(id: id, displayName: displayName, kind: .userID))
    }
}
