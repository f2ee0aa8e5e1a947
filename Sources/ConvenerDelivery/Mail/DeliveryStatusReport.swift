/// A delivery status notification (RFC 3464) as a mail server sends it back to the envelope sender: a
/// `multipart/report; report-type=delivery-status` whose `message/delivery-status` part holds one group of fields per
/// recipient, each with its `Action` and `Status`.
public struct DeliveryStatusReport: Sendable, Equatable {
    /// One recipient's fields.
    public struct Recipient: Sendable, Equatable {
        /// `Final-Recipient` without its address type (`ada@example.org`), if given.
        public var address: String?
        /// `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lowercased.
        public var action: String
        /// The status code, e.g. `5.1.1` (class 5 permanent, 4 temporary, 2 success).
        public var status: String
        /// `Diagnostic-Code`, e.g. `smtp; 550 5.1.1 No such user`, if given.
        public var diagnostic: String?

        /// Whether this recipient failed for good: `Action: failed` with a `5.x.x` status.
        public var isPermanentFailure: Bool {
            action == "failed" && status.hasPrefix("5.")
        }
    }

    /// Why a message is not a report Convener can act on.
    public struct NotAReport: Error, CustomStringConvertible, Equatable {
        /// What is wrong, for the MTA's log.
        public let description: String
    }

    /// The recipients the report is about, in order.
    public var recipients: [Recipient]

    /// Reads the report inside `message` (at the top, or nested in a `multipart/mixed`, as some servers send it).
    public init(_ message: MailEntity) throws(NotAReport) {
        guard
            let report = message.allEntities.first(where: {
                $0.mediaType == "multipart/report"
                    && $0.contentTypeParameter("report-type")?.lowercased() == "delivery-status"
            })
        else {
            throw NotAReport(
                description: "the message is not a delivery status notification (RFC 3464): its Content-Type is "
                    + "\(message.mediaType), not multipart/report; report-type=delivery-status")
        }
        guard
            let status = report.parts.first(where: {
                $0.mediaType == "message/delivery-status" || $0.mediaType == "message/global-delivery-status"
            })
        else { throw NotAReport(description: "the report has no message/delivery-status part") }
        // The first group is about the message; every group after it is about one recipient.
        let groups = status.fieldGroups.dropFirst()
        recipients = groups.compactMap { group in
            guard let action = group.value("Action"), let code = group.value("Status") else { return nil }
            let address = group.value("Final-Recipient").map { value in
                value.split(separator: ";", maxSplits: 1).last.map(String.init) ?? value
            }?.trimmingCharacters(in: .whitespaces)
            return Recipient(
                address: address, action: action.lowercased(),
                status: String(code.prefix { !$0.isWhitespace && $0 != "(" }),
                diagnostic: group.value("Diagnostic-Code"))
        }
        guard !recipients.isEmpty else {
            throw NotAReport(description: "the delivery status names no recipient with an Action and a Status")
        }
    }

    /// The first recipient that failed for good, if any.
    public var permanentFailure: Recipient? {
        recipients.first(where: \.isPermanentFailure)
    }
}
