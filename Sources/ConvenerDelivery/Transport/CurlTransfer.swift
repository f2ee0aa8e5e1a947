import CCurl
import Foundation

/// One easy handle with its request, collected response and resources; used only on the loop thread.
final class CurlTransfer {
    /// The easy handle.
    let easy: UnsafeMutableRawPointer
    /// The request URL, for errors.
    let url: String
    /// Resumed exactly once, when the transfer completes, fails or is aborted.
    let continuation: CheckedContinuation<HTTPTransportResponse, any Error>
    /// Whether the easy handle is in the multi handle.
    var attached = false

    private let request: HTTPTransportRequest
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var responseHeaders: [HTTPTransportHeader] = []
    private var responseBody: [UInt8] = []

    init(
        easy: UnsafeMutableRawPointer, request: HTTPTransportRequest,
        continuation: CheckedContinuation<HTTPTransportResponse, any Error>
    ) {
        self.easy = easy
        self.url = request.url
        self.request = request
        self.continuation = continuation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    /// A name curl can send as it is: not empty, and no colon or line break to end it early.
    ///
    /// Checked on bytes: `String.contains` with a string goes through Foundation's search, which took 6% of a late
    /// reply's CPU on the curl thread.
    private static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains { $0 == UInt8(ascii: ":") || isLineBreak($0) }
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    /// Sets the easy handle's options from the request.
    func configure(bindings: CurlBindings, userAgent: String) throws(HTTPTransportError) {
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw .invalidRequest(url: url, message: "method \"\(request.method)\" is not an HTTP method token")
        }
        var lines = ["Expect:"]  // no 100-continue round trip for bodies over 1 KiB
        for header in request.headers {
            guard Self.isHeaderName(header.name), !header.value.utf8.contains(where: Self.isLineBreak) else {
                throw .invalidRequest(url: url, message: "header \"\(header.name)\" has an invalid name or value")
            }
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw .curl(code: 27, message: "out of memory building headers", url: url)
            }
            headerList = appended
        }

        var codes: [CURLcode] = []
        let setLong = { (option: CURLoption, value: Int) in
            codes.append(bindings.easySetLong(self.easy, option, value))
        }
        let setText = { (option: CURLoption, value: String) in
            codes.append(value.withCString { bindings.easySetPointer(self.easy, option, $0) })
        }
        let setPointer = { (option: CURLoption, value: UnsafeRawPointer?) in
            codes.append(bindings.easySetPointer(self.easy, option, value))
        }
        setText(CURLOPT_URL, url)
        setText(CURLOPT_PROTOCOLS_STR, "http,https")
        setText(CURLOPT_USERAGENT, userAgent)
        setLong(CURLOPT_NOSIGNAL, 1)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
        setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        setPointer(CURLOPT_ERRORBUFFER, UnsafeRawPointer(errorBuffer))
        setPointer(CURLOPT_HTTPHEADER, headerList.map { UnsafeRawPointer($0) })
        let context = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
        setPointer(CURLOPT_WRITEFUNCTION, unsafeBitCast(Self.writeCallback, to: UnsafeRawPointer.self))
        setPointer(CURLOPT_WRITEDATA, context)
        setPointer(CURLOPT_HEADERFUNCTION, unsafeBitCast(Self.headerCallback, to: UnsafeRawPointer.self))
        setPointer(CURLOPT_HEADERDATA, context)
        switch method {
        case "GET" where request.body.isEmpty:
            setLong(CURLOPT_HTTPGET, 1)
        case "HEAD":
            setLong(CURLOPT_NOBODY, 1)
        default:
            if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
                setLong(CURLOPT_POSTFIELDSIZE_LARGE, request.body.count)
                request.body.withUnsafeBytes { bytes in
                    // COPYPOSTFIELDS copies, so the buffer need not outlive this call; "" stands in for no body.
                    if let base = bytes.baseAddress {
                        setPointer(CURLOPT_COPYPOSTFIELDS, base)
                    } else {
                        setText(CURLOPT_COPYPOSTFIELDS, "")
                    }
                }
            }
            if method != "POST" { setText(CURLOPT_CUSTOMREQUEST, method) }
        }
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            throw .invalidRequest(url: url, message: String(cString: curl_easy_strerror(failed)))
        }
    }

    /// The response, or the error libcurl's result `code` stands for.
    func outcome(code: CURLcode, bindings: CurlBindings) -> Result<HTTPTransportResponse, HTTPTransportError> {
        guard code == CURLE_OK else {
            // libcurl's generic text for the code, then its specific detail (which may name an earlier step).
            let detail = String(cString: errorBuffer)
            let summary = String(cString: curl_easy_strerror(code))
            let message = detail.isEmpty || detail == summary ? summary : "\(summary): \(detail)"
            switch code {
            case CURLE_OPERATION_TIMEDOUT:
                return .failure(.timedOut(url: url, message: message))
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
                return .failure(.connectionFailed(url: url, message: message))
            default:
                return .failure(.curl(code: Int(code.rawValue), message: message, url: url))
            }
        }
        var status = 0
        _ = withUnsafeMutablePointer(to: &status) { bindings.easyGetInfo(easy, CURLINFO_RESPONSE_CODE, $0) }
        return .success(HTTPTransportResponse(status: status, headers: responseHeaders, body: responseBody))
    }

    /// Frees what the easy handle points to, which is this transfer's alone; call once, after removing the handle
    /// from the multi handle. The handle itself is the loop's, to reset and reuse or to clean up.
    func release() {
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        guard !total.overflow, seconds >= 0 else { return seconds < 0 ? 1 : Int.max }
        return max(1, Int(total.partialValue) + Int(attoseconds / 1_000_000_000_000_000))
    }

    private static let writeCallback:
        @convention(c) (
            UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?
        ) -> Int = { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            if let data, length > 0 {
                transfer.responseBody.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            }
            return length
        }

    private static let headerCallback:
        @convention(c) (
            UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?
        ) -> Int = { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            guard let data, length > 0 else { return length }
            switch CurlHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) {
            case .status:
                // A new status line (after 100 Continue or a redirect): keep only the final response's headers.
                transfer.responseHeaders = []
            case .field(let name, let value):
                transfer.responseHeaders.append(HTTPTransportHeader(name, value))
            case .other:
                break
            }
            return length
        }
}
