import ConvenerCore
import Foundation
import Synchronization

/// A wall clock a test moves by hand.
final class MovableClock: WallClock {
    let date: Mutex<Date>
    init(_ date: Date) { self.date = Mutex(date) }
    func now() -> Date { date.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    func set(_ date: Date) { self.date.withLock { $0 = date } }
}
