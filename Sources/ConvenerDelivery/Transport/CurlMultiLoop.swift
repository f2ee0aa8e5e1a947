import CCurl
import Foundation

/// The thread that drives one curl multi handle and every transfer on it.
///
/// Only `submit`, `cancel`, `requestStop` and `stop` may be called from other threads; they pass commands
/// through `inbox` and wake the thread with `curl_multi_wakeup`. Every other member is touched only by the
/// loop thread, which is why the class can be `@unchecked Sendable`.
final class CurlMultiLoop: @unchecked Sendable {
    private enum Command {
        case start(CurlTransferStart)
        case cancel(UInt64)
    }

    private struct Inbox {
        var commands: [Command] = []
        var stopping = false
        var aborting = false
        var stopped = false
        var started = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let bindings: CurlBindings
    private let configuration: CurlHTTPClient.Configuration
    private let multi: UnsafeMutableRawPointer
    private let inbox = CurlLockedInbox(Inbox())
    // Loop-thread state.
    private var transfers: [UInt64: CurlTransfer] = [:]
    private var idsByHandle: [UInt: UInt64] = [:]
    /// Easy handles of finished transfers, reset for the next ones. A new handle is a large allocation, cleared, and
    /// its cleanup frees it again; curl's documentation advises reusing handles, and `curl_easy_reset` keeps none
    /// of the last transfer's options.
    private var idleHandles: [UnsafeMutableRawPointer] = []

    /// A loop over a new multi handle with the configuration's connection limits; call `start()` next.
    init(bindings: CurlBindings, configuration: CurlHTTPClient.Configuration) throws(HTTPTransportError) {
        guard let multi = curl_multi_init() else {
            throw .curl(code: 2, message: "curl_multi_init failed", url: "")
        }
        self.bindings = bindings
        self.configuration = configuration
        self.multi = multi
        _ = bindings.multiSetLong(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        _ = bindings.multiSetLong(multi, CURLMOPT_MAXCONNECTS, max(1, configuration.maxCachedConnections))
    }

    /// Starts the loop thread.
    func start() {
        inbox.withLock { $0.started = true }
        let thread = Thread { [self] in run() }
        thread.name = "convener-curl"
        thread.start()
    }

    /// Queues a transfer; `false` when the loop is stopping and will take no more.
    func submit(_ start: CurlTransferStart) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            post(.start(start), to: &inbox)
            return true
        }
    }

    /// Aborts transfer `id` if it is still running.
    func cancel(id: UInt64) {
        inbox.withLock { inbox in
            guard !inbox.stopped else { return }
            post(.cancel(id), to: &inbox)
        }
    }

    /// Adds a command, waking the loop only for the first one it has not taken yet: the wake-up already sent for
    /// that one makes the loop take them all. A wake-up is a write to the multi handle's socket pair and a thread
    /// woken, and a burst of deliveries queued in one go would otherwise pay them once per transfer.
    private func post(_ command: Command, to inbox: inout Inbox) {
        let wasEmpty = inbox.commands.isEmpty
        inbox.commands.append(command)
        if wasEmpty { curl_multi_wakeup(multi) }
    }

    /// Asks the loop to stop without waiting for it.
    func requestStop(abort: Bool) {
        let unstarted = inbox.withLock { inbox in
            inbox.stopping = true
            inbox.aborting = inbox.aborting || abort
            if !inbox.stopped { curl_multi_wakeup(multi) }
            return !inbox.started
        }
        if unstarted { curl_multi_cleanup(multi) }
    }

    /// Stops the loop and waits until its thread has cleaned up.
    func stop(abort: Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = inbox.withLock { inbox in
                if inbox.stopped { return true }
                inbox.stopping = true
                inbox.aborting = inbox.aborting || abort
                inbox.waiters.append(continuation)
                curl_multi_wakeup(multi)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func run() {
        while true {
            let (commands, stopping, aborting) = inbox.withLock { inbox in
                defer { inbox.commands = [] }
                return (inbox.commands, inbox.stopping, inbox.aborting)
            }
            for command in commands {
                switch command {
                case .start(let start): begin(start)
                case .cancel(let id): finish(id: id, with: .failure(.cancelled(url: transfers[id]?.url ?? "")))
                }
            }
            if aborting {
                for (id, transfer) in transfers {
                    finish(id: id, with: .failure(.shutDown(url: transfer.url)))
                }
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectCompleted()
            if stopping && transfers.isEmpty { break }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
        let waiters = inbox.withLock { inbox in
            inbox.stopped = true
            defer { inbox.waiters = [] }
            return inbox.waiters
        }
        // Late commands can only be starts refused by `submit` or cancels of finished transfers.
        for easy in idleHandles { curl_easy_cleanup(easy) }
        idleHandles = []
        curl_multi_cleanup(multi)
        for waiter in waiters { waiter.resume() }
    }

    private func begin(_ start: CurlTransferStart) {
        let url = start.request.url
        if start.cancellation.isCancelled {
            start.continuation.resume(throwing: HTTPTransportError.cancelled(url: url))
            return
        }
        guard let easy = idleHandles.popLast() ?? curl_easy_init() else {
            start.continuation.resume(
                throwing: HTTPTransportError.curl(
                    code: 2, message: "curl_easy_init failed",
                    url: url))
            return
        }
        let transfer = CurlTransfer(easy: easy, request: start.request, continuation: start.continuation)
        transfers[start.id] = transfer
        idsByHandle[UInt(bitPattern: easy)] = start.id
        do throws(HTTPTransportError) {
            try transfer.configure(bindings: bindings, userAgent: configuration.userAgent)
        } catch {
            finish(id: start.id, with: .failure(error), attached: false)
            return
        }
        let added = curl_multi_add_handle(multi, easy)
        if added != CURLM_OK {
            let message = String(cString: curl_multi_strerror(added))
            finish(
                id: start.id, with: .failure(.curl(code: Int(added.rawValue), message: message, url: url)),
                attached: false)
            return
        }
        transfer.attached = true
    }

    private func collectCompleted() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let id = idsByHandle[UInt(bitPattern: easy)], let transfer = transfers[id]
            else { continue }
            let code = message.pointee.data.result
            finish(id: id, with: transfer.outcome(code: code, bindings: bindings))
        }
    }

    private func finish(
        id: UInt64, with result: Result<HTTPTransportResponse, HTTPTransportError>, attached: Bool? = nil
    ) {
        guard let transfer = transfers.removeValue(forKey: id) else { return }
        idsByHandle[UInt(bitPattern: transfer.easy)] = nil
        if attached ?? transfer.attached {
            curl_multi_remove_handle(multi, transfer.easy)
        }
        recycle(transfer.easy)
        transfer.release()
        transfer.continuation.resume(with: result.mapError { $0 })
    }

    /// Keeps a finished transfer's handle for the next one, up to as many handles as the connections curl keeps.
    private func recycle(_ easy: UnsafeMutableRawPointer) {
        guard idleHandles.count < max(1, configuration.maxCachedConnections) else {
            curl_easy_cleanup(easy)
            return
        }
        curl_easy_reset(easy)
        idleHandles.append(easy)
    }
}
