import Synchronization

/// Every waiting request's acknowledgement deadline, watched by one task instead of a timer per request.
///
/// Deadlines are kept in order; since every request waits the same time they nearly always arrive in order, so an
/// insertion is a look at the last one. While requests wait, the watcher sleeps until the first deadline (at most
/// `longestSleep`, so a shorter wait added meanwhile is not missed by more than that); while none wait, it sleeps
/// until one is added.
final class PlatformAckWatch: Sendable {
    private struct Entry {
        let deadline: ContinuousClock.Instant
        let waiter: PlatformAckWaiter
    }

    private struct Queue {
        /// Ordered by deadline; `first` is the head, the ones before it are spent.
        var entries: [Entry] = []
        var first = 0
        /// The watcher, while nothing waits.
        var idle: CheckedContinuation<Void, Never>?

        var isEmpty: Bool { first == entries.count }

        mutating func insert(_ entry: Entry) {
            var index = entries.count
            while index > first, entries[index - 1].deadline > entry.deadline { index -= 1 }
            entries.insert(entry, at: index)
        }

        /// Takes every entry due at `now`, or already decided, off the head.
        mutating func takeDue(at now: ContinuousClock.Instant) -> [PlatformAckWaiter] {
            var due: [PlatformAckWaiter] = []
            while first < entries.count, entries[first].deadline <= now || !entries[first].waiter.isOpen {
                due.append(entries[first].waiter)
                first += 1
            }
            // Spent entries are dropped when none waits, or once they are half of the array, so each is moved at
            // most once on average.
            if first == entries.count {
                entries.removeAll(keepingCapacity: true)
                first = 0
            } else if first > 1_024, first * 2 > entries.count {
                entries.removeFirst(first)
                first = 0
            }
            return due
        }
    }

    /// How long the watcher sleeps at most while requests wait.
    static let longestSleep: Duration = .milliseconds(100)

    private let clock = ContinuousClock()
    private let queue = Mutex(Queue())

    /// Watches `waiter` until `deadline`.
    func watch(_ waiter: PlatformAckWaiter, until deadline: ContinuousClock.Instant) {
        let idle = queue.withLock { queue in
            queue.insert(Entry(deadline: deadline, waiter: waiter))
            defer { queue.idle = nil }
            return queue.idle
        }
        idle?.resume()
    }

    /// Expires waiters as their deadlines pass, until the task is cancelled.
    func run() async {
        while !Task.isCancelled {
            let now = clock.now
            let (due, next) = queue.withLock { queue in
                (queue.takeDue(at: now), queue.isEmpty ? nil : queue.entries[queue.first].deadline)
            }
            for waiter in due { waiter.expire() }
            if let next {
                try? await Task.sleep(until: min(next, now + Self.longestSleep), clock: clock)
            } else {
                await waitForWork()
            }
        }
    }

    /// Sleeps until a waiter is watched (or the task is cancelled).
    private func waitForWork() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = queue.withLock { queue in
                    // Checked under the lock the cancellation handler takes, so a cancellation is never missed.
                    guard queue.isEmpty, !Task.isCancelled else { return true }
                    queue.idle = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            queue.withLock { queue in
                defer { queue.idle = nil }
                return queue.idle
            }?.resume()
        }
    }
}
