/// A request handed to the loop thread, with the continuation to resume when it completes.
struct CurlTransferStart: Sendable {
    let id: UInt64
    let request: HTTPTransportRequest
    let cancellation: CurlCancellation
    let continuation: CheckedContinuation<HTTPTransportResponse, any Error>
}
