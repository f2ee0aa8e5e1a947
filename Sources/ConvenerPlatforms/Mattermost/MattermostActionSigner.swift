import ConvenerCore
import Foundation

/// Signs the `context` of the buttons and the `state` of the dialogs Convener renders for Mattermost, and checks
/// them when Mattermost posts a click or a submission back.
///
/// Mattermost does not sign those callbacks, so the signature proves that a click names a button Convener
/// rendered (and, for direct and ephemeral messages, that the member clicking is the one it was shown to).
/// The key is HMAC-SHA256(server secret, "convener/mattermost/actions/v1"); the context looks like
/// `{"convener": {"message": "…", "action": "…", "member": "mattermost:…", "sig": "<hex>"}}`.
public struct MattermostActionSigner: Sendable {
    private let key: [UInt8]

    /// A signer keyed from a server secret (any string of at least 16 bytes, kept out of the config file).
    public init(serverSecret: String) {
        self.key = SecretCrypto.hmacSHA256(
            key: Array(serverSecret.utf8), message: Data("convener/mattermost/actions/v1".utf8))
    }

    /// The signed `integration.context` of one button; `member` binds it to the member it was shown to.
    public func context(messageID: String, actionID: String, member: MemberID?) -> PlatformJSON {
        var signed = Self.actionClaims(messageID: messageID, actionID: actionID, member: member?.rawValue)
        signed["sig"] = .string(signature(purpose: "action", claims: signed))
        return ["convener": .object(signed)]
    }

    /// Checks a clicked button's context and turns the click into an input.
    public func accept(_ action: MattermostActionRequest) throws(PlatformVerificationError) -> PlatformInbound {
        guard let claims = action.context?["convener"]?.objectValue,
            let message = claims["message"]?.stringValue, let actionID = claims["action"]?.stringValue,
            let sent = claims["sig"]?.stringValue.flatMap({ SecretCrypto.bytes(hex: $0) })
        else {
            throw .forgedContext("button context")
        }
        let bound = claims["member"]?.stringValue
        let expected = signatureBytes(
            purpose: "action", claims: Self.actionClaims(messageID: message, actionID: actionID, member: bound))
        guard SecretCrypto.constantTimeEquals(sent, expected) else { throw .forgedContext("button context") }
        let member = MattermostParser.memberID(user: action.userID)
        if let bound, bound != member.rawValue { throw .wrongMember }
        let input = Input(
            id: action.inputID, member: member, displayName: action.userName ?? action.userID,
            event: .action(messageID: message, actionID: actionID))
        let context = PlatformReplyContext(
            platform: MattermostParser.platform, channelID: action.channelID, teamID: action.teamID,
            triggerID: action.triggerID, platformMessageID: action.postID)
        return .input(PlatformRequest(input: input, context: context))
    }

    /// The signed dialog `state` for `form` shown to `member`, recording how choice fields map back to option ids.
    public func dialogState(for form: MessageForm, member: MemberID?) -> String {
        var claims = Self.dialogClaims(for: form, member: member?.rawValue)
        claims["sig"] = .string(signature(purpose: "dialog", claims: claims))
        return PlatformJSON.object(claims).encodedString
    }

    /// Checks a dialog submission's state and turns the answers into a form input; `.ignored` when cancelled.
    public func accept(_ dialog: MattermostDialogSubmission) throws(PlatformVerificationError) -> PlatformInbound {
        if dialog.cancelled { return .ignored(reason: "dialog cancelled") }
        guard let stateText = dialog.state,
            let state = try? PlatformJSON.parse(Data(stateText.utf8), what: "state").objectValue,
            let sent = state["sig"]?.stringValue.flatMap({ SecretCrypto.bytes(hex: $0) })
        else {
            throw .forgedContext("dialog state")
        }
        var claims = state
        claims["sig"] = nil
        guard claims["form"]?.stringValue == dialog.callbackID,
            SecretCrypto.constantTimeEquals(sent, signatureBytes(purpose: "dialog", claims: claims))
        else {
            throw .forgedContext("dialog state")
        }
        let member = MattermostParser.memberID(user: dialog.userID)
        if let bound = claims["member"]?.stringValue, bound != member.rawValue { throw .wrongMember }
        let values = Self.values(of: dialog.submission, claims: claims)
        let input = Input(
            id: dialog.inputID, member: member, displayName: dialog.userID,
            event: .form(formID: dialog.callbackID, values: values))
        let context = PlatformReplyContext(
            platform: MattermostParser.platform, channelID: dialog.channelID, teamID: dialog.teamID)
        return .input(PlatformRequest(input: input, context: context))
    }

    private static func values(
        of submission: [String: PlatformJSON], claims: [String: PlatformJSON]
    ) -> [String: FormValue] {
        var values: [String: FormValue] = [:]
        let single = Set((claims["single"]?.arrayValue ?? []).compactMap { $0.stringValue })
        let multi = claims["multi"]?.objectValue ?? [:]
        var multiElements: Set<String> = []
        for (field, options) in multi {
            guard let ids = options.arrayValue else { continue }
            var chosen: [String] = []
            for (index, id) in ids.enumerated() {
                let name = MattermostDialogRenderer.checkboxName(field: field, index: index)
                multiElements.insert(name)
                if let id = id.stringValue, isChecked(submission[name]) { chosen.append(id) }
            }
            if !chosen.isEmpty { values[field] = .choices(chosen) }
        }
        for (name, value) in submission where !multiElements.contains(name) {
            guard case .string(let text) = value, !text.isEmpty else { continue }
            values[name] = single.contains(name) ? .choices([text]) : .text(text)
        }
        return values
    }

    private static func isChecked(_ value: PlatformJSON?) -> Bool {
        switch value {
        case .bool(true): true
        case .string(let text): text == "true"
        default: false
        }
    }

    private static func actionClaims(messageID: String, actionID: String, member: String?) -> [String: PlatformJSON] {
        var claims: [String: PlatformJSON] = ["message": .string(messageID), "action": .string(actionID)]
        if let member { claims["member"] = .string(member) }
        return claims
    }

    private static func dialogClaims(for form: MessageForm, member: String?) -> [String: PlatformJSON] {
        var single: [PlatformJSON] = []
        var multi: [String: PlatformJSON] = [:]
        for field in form.fields {
            switch field.kind {
            case .scale, .single: single.append(.string(field.id))
            case .multi: multi[field.id] = .array(field.options.map { .string($0.id) })
            case .text, .textarea: break
            }
        }
        var claims: [String: PlatformJSON] = ["form": .string(form.id), "single": .array(single)]
        if !multi.isEmpty { claims["multi"] = .object(multi) }
        if let member { claims["member"] = .string(member) }
        return claims
    }

    private func signatureBytes(purpose: String, claims: [String: PlatformJSON]) -> [UInt8] {
        var message = Data("\(purpose)\n".utf8)
        message.append(PlatformJSON.object(claims).encoded)
        return SecretCrypto.hmacSHA256(key: key, message: message)
    }

    private func signature(purpose: String, claims: [String: PlatformJSON]) -> String {
        SecretCrypto.hex(signatureBytes(purpose: purpose, claims: claims))
    }
}
