/// Why a message cannot be rendered for a platform without the platform rejecting it.
public enum PlatformRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An id that must travel in a size-limited platform field is too long.
    case identifierTooLong(what: String, id: String, limit: Int)
    /// The form has more fields than the platform's modal can hold.
    case tooManyFields(formID: String, count: Int, limit: Int)
    /// The form has a field the platform cannot render as given.
    case unrenderableField(formID: String, fieldID: String, reason: String)

    public var description: String {
        switch self {
        case .identifierTooLong(let what, let id, let limit):
            "The \(what) '\(id)' is too long to travel with the message (limit \(limit) characters); use shorter ids."
        case .tooManyFields(let formID, let count, let limit):
            "Form '\(formID)' has \(count) fields but this platform's modal holds at most \(limit); "
                + "split it into several forms."
        case .unrenderableField(let formID, let fieldID, let reason):
            "Field '\(fieldID)' of form '\(formID)' cannot be rendered: \(reason)."
        }
    }
}
