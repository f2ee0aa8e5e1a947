import ConvenerCore
import Synchronization

/// The race between a request's handling and the platform's acknowledgement deadline.
///
/// Whoever comes first wins, once: the handling claims the inline answer right after reducing, or the request
/// handler, once its wait (about 2.5 s) runs out, acknowledges at once and leaves the replies to be queued for
/// `target` in the same journal record as the change that produced them.
public final class DeliveryLateReply: Sendable {
    private enum Phase { case racing, inline, late }

    /// Where the replies go when they are late.
    public let target: OutboxReplyTarget
    private let phase: Mutex<Phase>

    /// A race whose late replies go to `target`; with `inline` false there is no race: the answer carries no
    /// reply, so all of them go to `target`.
    public init(target: OutboxReplyTarget, inline: Bool = true) {
        self.target = target
        self.phase = Mutex(inline ? .racing : .late)
    }

    /// Called by the handling once the replies are known: true when they may be answered inline.
    public func claimInline() -> Bool {
        phase.withLock { phase in
            if phase == .racing { phase = .inline }
            return phase == .inline
        }
    }

    /// Called by the request handler when its wait ran out: true when it must acknowledge now (the replies will
    /// be queued), false when the handling already claimed the inline answer and is about to return it.
    public func declareLate() -> Bool {
        phase.withLock { phase in
            if phase == .racing { phase = .late }
            return phase == .late
        }
    }
}
