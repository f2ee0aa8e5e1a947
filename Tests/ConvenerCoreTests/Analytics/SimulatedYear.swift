import Foundation

@testable import ConvenerCore

/// A scripted year of a community of 300 members, for the analytics tests: 120 founders, then four newcomers a
/// week until week 45 (growth), hardly anyone around in weeks 26–35 (a quiet summer), nearly everyone back in
/// weeks 36–39 (a re-engagement campaign), and eight members leaving in week 30.
///
/// The script is plain data (who does what when); `recount` counts it again by hand, independently of the core.
struct SimulatedYear {
    enum Kind: Equatable {
        case message
        case reaction
        case command
        case left
    }

    struct Event {
        let at: Date
        let member: Int
        let kind: Kind
    }

    /// What a week should show, counted from the script.
    struct Recount: Equatable {
        var members = 0
        var joined = 0
        var left = 0
        var activeMembers = 0
        var messages = 0
        var reactions = 0
        var commands = 0
        var wentQuiet = 0
        var returned = 0
        var returnedWithin14Days = 0
    }

    static let weeks = 52
    static let memberCount = 300
    static let inactiveAfterDays = 21
    static let summer = 26...35
    static let campaign = 36...39
    let timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    /// Monday 2026-01-05 00:00 in Berlin.
    let start: Date
    let events: [Event]
    /// The daily ticks: 00:05 local every day of the year.
    let ticks: [Date]

    init() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let start = calendar.date(from: DateComponents(year: 2026, month: 1, day: 5)) ?? Date()
        self.start = start
        func day(_ offset: Int) -> Date { calendar.date(byAdding: .day, value: offset, to: start) ?? start }
        var random = MatchingSplitMix64(seed: 2026)
        var events: [Event] = []
        let leavers = Set((0..<8).map { 5 + 29 * $0 })
        for week in 0..<Self.weeks {
            let chance: UInt64 = Self.summer.contains(week) ? 6 : Self.campaign.contains(week) ? 85 : 50
            for member in 0..<Self.memberCount {
                let joinWeek = Self.joinWeek(of: member)
                guard week >= joinWeek else { continue }
                if leavers.contains(member) && week >= 30 {
                    if week == 30 {
                        events.append(
                            Event(at: day(7 * week + 2).addingTimeInterval(3600), member: member, kind: .left))
                    }
                    continue
                }
                guard week == joinWeek || random.next() % 100 < chance else { continue }
                let acts = 1 + Int(random.next() % 2)
                for act in 0..<acts {
                    let dayOffset = 7 * week + Int(random.next() % 7)
                    // Minutes from 00:10 to 23:50, away from the ticks at 00:05.
                    let minute = 10 + Int(random.next() % (24 * 60 - 20))
                    let roll = random.next() % 10
                    let kind: Kind =
                        week == joinWeek && act == 0 ? .message : roll < 7 ? .message : roll < 9 ? .reaction : .command
                    events.append(
                        Event(at: day(dayOffset).addingTimeInterval(Double(minute * 60)), member: member, kind: kind))
                }
            }
        }
        events.sort { ($0.at, $0.member) < ($1.at, $1.member) }
        self.events = events
        ticks = (0..<(7 * Self.weeks + 1)).map { day($0).addingTimeInterval(300) }
    }

    /// The week member `member` joins in: the founders in week 0, then four a week.
    static func joinWeek(of member: Int) -> Int { member < 120 ? 0 : (member - 120) / 4 + 1 }

    static func id(_ member: Int) -> MemberID { MemberID(platform: "playground", user: "m\(member)") }

    /// The input of `event`.
    func input(_ event: Event, number: Int) -> Input {
        let kind: InputEvent =
            switch event.kind {
            case .message: .message("hello")
            case .reaction: .reaction(emoji: "tada")
            case .command: .command("help")
            case .left: .left
            }
        return Input(id: "sim.\(number)", member: Self.id(event.member), displayName: "M\(event.member)", event: kind)
    }

    /// Every week's figures, counted from the script alone: joins, leaves, acts, distinct active members, and
    /// the quiet/return rule (quiet after `inactiveAfterDays` silent days at a daily tick, back at the next act).
    func recount(weeks: [DateInterval]) -> [Recount] {
        var result = [Recount](repeating: Recount(), count: weeks.count)
        func week(of instant: Date) -> Int? {
            weeks.firstIndex { $0.start <= instant && instant < $0.end }
        }
        var lastActive: [Int: Date] = [:]
        var quietSince: [Int: Date] = [:]
        var activeInWeek: [Set<Int>] = Array(repeating: [], count: weeks.count)
        var eventIndex = 0
        let threshold = TimeInterval(Self.inactiveAfterDays * 86_400)
        func play(until instant: Date) {
            while eventIndex < events.count, events[eventIndex].at < instant {
                let event = events[eventIndex]
                eventIndex += 1
                guard let w = week(of: event.at) else { continue }
                if lastActive[event.member] == nil {
                    guard event.kind != .left else { continue }
                    result[w].joined += 1
                }
                switch event.kind {
                case .left:
                    result[w].left += 1
                    continue
                case .message: result[w].messages += 1
                case .reaction: result[w].reactions += 1
                case .command: result[w].commands += 1
                }
                if let since = quietSince.removeValue(forKey: event.member) {
                    result[w].returned += 1
                    if event.at.timeIntervalSince(since) <= 14 * 86_400 { result[w].returnedWithin14Days += 1 }
                }
                lastActive[event.member] = event.at
                activeInWeek[w].insert(event.member)
            }
        }
        for tick in ticks {
            play(until: tick)
            guard let w = week(of: tick) else { continue }
            for (member, last) in lastActive
            where quietSince[member] == nil && tick.timeIntervalSince(last) >= threshold {
                quietSince[member] = tick
                result[w].wentQuiet += 1
            }
        }
        play(until: .distantFuture)
        var members = 0
        for w in result.indices {
            members += result[w].joined
            result[w].members = members
            result[w].activeMembers = activeInWeek[w].count
        }
        return result
    }
}
