import CCurl
import Foundation
import NIOPosix

/// Sends mail through libcurl's SMTP client, one connection per mail, on a pool thread so that the waiting task
/// never blocks Swift's cooperative threads. Mail is rare (a weekly round-up, a confirmation), so a connection
/// per mail costs nothing that matters.
public struct SMTPMailer: Sendable {
    /// The server and sender.
    public let settings: SMTPSettings
    /// How long one mail may take, connect included.
    public var timeout: Duration = .seconds(30)

    /// A mailer for `settings`.
    public init(settings: SMTPSettings) {
        self.settings = settings
    }

    /// Sends `message` (the caller checks its addresses) and says what the server made of it.
    public func send(_ message: MailMessage, at date: Date) async -> SMTPOutcome {
        let document = MIMEDocument.render(message, date: date, domain: settings.domain)
        let settings = settings
        let timeout = timeout
        do {
            return try await NIOThreadPool.singleton.runIfActive {
                Self.perform(
                    document: Array(document.utf8), from: message.envelopeFrom ?? settings.from, to: message.to,
                    settings: settings, timeout: timeout)
            }
        } catch {
            return .transient("the mail thread pool is shut down: \(error)")
        }
    }

    private static func perform(
        document: [UInt8], from: String, to: String, settings: SMTPSettings, timeout: Duration
    ) -> SMTPOutcome {
        guard let bindings = CurlBindings.shared, let easy = curl_easy_init() else {
            return .transient("libcurl could not be initialised")
        }
        defer { curl_easy_cleanup(easy) }
        let recipients = curl_slist_append(nil, "<\(to)>")
        defer { curl_slist_free_all(recipients) }
        let upload = SMTPUpload(bytes: document)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        var codes: [CURLcode] = []
        let setLong = { (option: CURLoption, value: Int) in codes.append(bindings.easySetLong(easy, option, value)) }
        let setText = { (option: CURLoption, value: String) in
            codes.append(value.withCString { bindings.easySetPointer(easy, option, $0) })
        }
        let setPointer = { (option: CURLoption, value: UnsafeRawPointer?) in
            codes.append(bindings.easySetPointer(easy, option, value))
        }
        setText(CURLOPT_URL, settings.url)
        setText(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        setLong(CURLOPT_NOSIGNAL, 1)
        setLong(CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds) * 1000)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        switch settings.security {
        case .starttls: setLong(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .implicit, .none: break
        }
        if let username = settings.username { setText(CURLOPT_USERNAME, username) }
        if let password = settings.password { setText(CURLOPT_PASSWORD, password) }
        setText(CURLOPT_MAIL_FROM, "<\(from)>")
        setPointer(CURLOPT_MAIL_RCPT, recipients.map { UnsafeRawPointer($0) })
        setLong(CURLOPT_UPLOAD, 1)
        setLong(CURLOPT_INFILESIZE_LARGE, document.count)
        setPointer(CURLOPT_READFUNCTION, unsafeBitCast(SMTPUpload.readCallback, to: UnsafeRawPointer.self))
        setPointer(CURLOPT_READDATA, UnsafeRawPointer(Unmanaged.passUnretained(upload).toOpaque()))
        setPointer(CURLOPT_ERRORBUFFER, UnsafeRawPointer(errorBuffer))
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            return .permanent("the SMTP settings are not usable: \(String(cString: curl_easy_strerror(failed)))")
        }
        let code = withExtendedLifetime(upload) { curl_easy_perform(easy) }
        var reply = 0
        _ = withUnsafeMutablePointer(to: &reply) { bindings.easyGetInfo(easy, CURLINFO_RESPONSE_CODE, $0) }
        guard code != CURLE_OK else { return .sent }
        let detail = String(cString: errorBuffer)
        let message =
            "\(String(cString: curl_easy_strerror(code)))\(detail.isEmpty ? "" : ": \(detail)")"
            + (reply > 0 ? " (server reply \(reply))" : "")
        if code == CURLE_LOGIN_DENIED || code == CURLE_USE_SSL_FAILED { return .permanent(message) }
        if (500...599).contains(reply) { return .refused(message) }
        return .transient(message)
    }
}

/// The message bytes libcurl reads while uploading, and how far it has read.
private final class SMTPUpload {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    static let readCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int =
        {
            buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let upload = Unmanaged<SMTPUpload>.fromOpaque(context).takeUnretainedValue()
            let length = min(size * count, upload.bytes.count - upload.offset)
            guard length > 0 else { return 0 }
            upload.bytes.withUnsafeBufferPointer { source in
                guard let base = source.baseAddress else { return }
                UnsafeMutableRawPointer(buffer).copyMemory(from: base + upload.offset, byteCount: length)
            }
            upload.offset += length
            return length
        }
}
