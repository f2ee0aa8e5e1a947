import ConvenerCore
import Foundation

/// Turns verified Mattermost requests into inputs: slash commands directly; button clicks and dialog submissions
/// into requests that `MattermostActionSigner.accept` checks and converts. Member ids are `mattermost:<user_id>`.
public enum MattermostParser {
    /// The platform name used in member ids and reply contexts.
    public static let platform = "mattermost"

    /// The member id of a Mattermost user.
    public static func memberID(user: String) -> MemberID {
        MemberID(platform: platform, user: user)
    }

    /// Parses a slash command: the form-encoded POST body, or the query string of a GET command.
    public static func parseCommand(form: Data, now: Date) throws(PlatformParseError) -> PlatformInbound {
        let fields = try PlatformFormFields(decoding: form)
        let user = try fields.require("user_id")
        let trigger = fields.optional("trigger_id")
        let input = Input(
            id: PlatformInputID.make(platform: platform, kind: "cmd", unique: trigger, body: form, now: now),
            member: memberID(user: user),
            displayName: fields.optional("user_name") ?? user,
            event: .command((fields["text"] ?? "").trimmingWhitespace)
        )
        let context = PlatformReplyContext(
            platform: platform, channelID: fields.optional("channel_id"), teamID: fields.optional("team_id"),
            responseURL: fields.optional("response_url"), triggerID: trigger)
        return .input(PlatformRequest(input: input, context: context))
    }

    /// Parses a POST to the actions URL: a button click, or a dialog submission (`"type": "dialog_submission"`).
    public static func parseCallback(body: Data, now: Date) throws(PlatformParseError) -> MattermostCallback {
        let root = PlatformJSONCursor(try PlatformJSON.parse(body, what: "The action body"), path: "")
        let userID = try root.nonEmptyString("user_id")
        if try root.optionalString("type") == "dialog_submission" {
            let callbackID = try root.nonEmptyString("callback_id")
            var submission: [String: PlatformJSON] = [:]
            if let values = root.optionalField("submission") {
                for (name, value) in try values.members() { submission[name] = value.value }
            }
            let cancelled = try root.optionalField("cancelled")?.bool() ?? false
            return .dialog(
                MattermostDialogSubmission(
                    inputID: PlatformInputID.make(platform: platform, kind: "form", unique: nil, body: body, now: now),
                    userID: userID, callbackID: callbackID, state: try root.optionalString("state"),
                    channelID: try root.optionalString("channel_id"), teamID: try root.optionalString("team_id"),
                    submission: submission, cancelled: cancelled))
        }
        let trigger = try root.optionalString("trigger_id")
        return .action(
            MattermostActionRequest(
                inputID: PlatformInputID.make(platform: platform, kind: "act", unique: trigger, body: body, now: now),
                userID: userID, userName: try root.optionalString("user_name"),
                channelID: try root.optionalString("channel_id"), teamID: try root.optionalString("team_id"),
                postID: try root.optionalString("post_id"), triggerID: trigger,
                context: root.optionalField("context")?.value))
    }
}

/// A parsed POST to the Mattermost actions URL, not yet checked against Convener's signature.
public enum MattermostCallback: Sendable, Equatable {
    /// A button click.
    case action(MattermostActionRequest)
    /// A dialog submission (or cancellation).
    case dialog(MattermostDialogSubmission)
}

/// A button click as Mattermost posts it, before its context is verified.
public struct MattermostActionRequest: Sendable, Equatable {
    /// The input id to use once verified.
    public var inputID: String
    /// The clicking user's id.
    public var userID: String
    /// The clicking user's name, when sent.
    public var userName: String?
    /// The channel of the post.
    public var channelID: String?
    /// The team.
    public var teamID: String?
    /// The post the button belongs to.
    public var postID: String?
    /// Opens a dialog within 3 s.
    public var triggerID: String?
    /// The button's `integration.context`, as rendered (and maybe altered).
    public var context: PlatformJSON?
}

/// A dialog submission as Mattermost posts it, before its state is verified.
public struct MattermostDialogSubmission: Sendable, Equatable {
    /// The input id to use once verified.
    public var inputID: String
    /// The submitting user's id.
    public var userID: String
    /// The dialog's `callback_id`: Convener's form id.
    public var callbackID: String
    /// The dialog's `state`, as rendered (and maybe altered).
    public var state: String?
    /// The channel the dialog was opened from.
    public var channelID: String?
    /// The team.
    public var teamID: String?
    /// Element name → value (strings, or booleans for checkboxes).
    public var submission: [String: PlatformJSON]
    /// Whether the member cancelled (sent only when `notify_on_cancel` is set).
    public var cancelled: Bool
}
