/// Names one enqueued journal record; wait on it to know the record is durable.
public struct JournalTicket: Sendable, Hashable, Comparable {
    /// The record's sequence number.
    public let seq: UInt64
    /// Journal bytes written since the store's first record up to and including this one.
    let byteMark: Int
    /// The sealed pool writes enqueued up to and including this one; they become durable with the record.
    let poolSerial: UInt64
    /// A shared store's count of refused batches when the ticket was issued (always 0 for a state folder).
    let epoch: UInt64

    init(seq: UInt64, byteMark: Int, poolSerial: UInt64 = 0, epoch: UInt64 = 0) {
        self.seq = seq
        self.byteMark = byteMark
        self.poolSerial = poolSerial
        self.epoch = epoch
    }

    /// Orders tickets by sequence number.
    public static func < (lhs: JournalTicket, rhs: JournalTicket) -> Bool {
        lhs.seq < rhs.seq
    }
}
