import ConvenerDelivery
import Testing

/// Reading bounces: RFC 3464 delivery status notifications, as mail servers send them back later.
@Suite("Delivery status reports")
struct DeliveryStatusReportTests {
    /// The shape of RFC 3464 appendix C's examples (as Postfix writes them): a human part, the delivery status with
    /// one group for the message and one per recipient, and the returned headers. CRLF line ends.
    static func report(action: String, status: String, nested: Bool = false) -> String {
        let report = [
            "Content-Type: multipart/report; report-type=delivery-status;",
            "\tboundary=\"RAA14128.773615765/CS.UTK.EDU\"",
            "",
            "--RAA14128.773615765/CS.UTK.EDU",
            "Content-Description: Notification",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "This is the mail system at host mx.example.net.",
            "",
            "--RAA14128.773615765/CS.UTK.EDU",
            "Content-Description: Delivery report",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.net",
            "Arrival-Date: Sat, 5 Dec 2026 10:00:00 +0000 (UTC)",
            "",
            "Final-Recipient: rfc822; ada@example.org",
            "Original-Recipient: rfc822;ada@example.org",
            "Action: \(action)",
            "Status: \(status)",
            "Diagnostic-Code: smtp; 550 5.1.1 <ada@example.org>: Recipient address",
            "    rejected: User unknown",
            "",
            "--RAA14128.773615765/CS.UTK.EDU",
            "Content-Type: text/rfc822-headers",
            "",
            "From: Data Science <cop@example.org>",
            "Subject: Round-up of Data Science",
            "",
            "--RAA14128.773615765/CS.UTK.EDU--",
            "",
        ]
        let head = [
            "Return-Path: <>", "Delivered-To: bounces+0123456789abcdef0123@example.org",
            "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)", "Subject: Undelivered Mail Returned to Sender",
            "To: bounces+0123456789abcdef0123@example.org", "MIME-Version: 1.0",
        ]
        if nested {
            return
                (head + ["Content-Type: multipart/mixed; boundary=outer", "", "--outer"] + report + ["--outer--", ""])
                .joined(separator: "\r\n")
        }
        return (head + report).joined(separator: "\r\n")
    }

    @Test(
        "a failed 5.x.x recipient is a permanent failure, with its address and folded diagnostic",
        arguments: [false, true])
    func permanent(nested: Bool) throws {
        let message = MailEntity(Self.report(action: "failed", status: "5.1.1", nested: nested))
        #expect(message.values("To") == ["bounces+0123456789abcdef0123@example.org"])
        let report = try DeliveryStatusReport(message)
        let failure = try #require(report.permanentFailure)
        #expect(failure.address == "ada@example.org")
        #expect(failure.status == "5.1.1")
        #expect(failure.diagnostic == "smtp; 550 5.1.1 <ada@example.org>: Recipient address rejected: User unknown")
    }

    @Test(
        "a delay, a success, or a failure without a 5.x.x status is no permanent failure",
        arguments: [("delayed", "4.4.7"), ("delivered", "2.0.0"), ("failed", "4.4.7")])
    func notPermanent(action: String, status: String) throws {
        let report = try DeliveryStatusReport(MailEntity(Self.report(action: action, status: status)))
        #expect(report.recipients.map(\.action) == [action])
        #expect(report.permanentFailure == nil)
    }

    @Test("a message that is not a delivery status is refused with the reason")
    func notAReport() {
        let plain = MailEntity("From: someone@example.org\r\nSubject: Out of office\r\n\r\nI am away.\r\n")
        #expect(throws: DeliveryStatusReport.NotAReport.self) { try DeliveryStatusReport(plain) }
        do {
            _ = try DeliveryStatusReport(plain)
        } catch {
            #expect(String(describing: error).contains("its Content-Type is text/plain, not multipart/report"))
        }
        let noStatus = MailEntity(
            "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--b--\r\n")
        do {
            _ = try DeliveryStatusReport(noStatus)
            Issue.record("a report without a delivery status must be refused")
        } catch {
            #expect(String(describing: error) == "the report has no message/delivery-status part")
        }
    }
}
