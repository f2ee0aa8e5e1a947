import Foundation

/// The durable state of pairing programs, inside `CommunityState`: profiles, each program's rhythm and the
/// recent rounds (enough for the repeat window, the "since last met" weight, replays and the round-up).
public struct PairingBook: Codable, Sendable, Equatable {
    /// Profiles, by member.
    public private(set) var profiles: [MemberID: PairingProfile] = [:]
    /// When each program last ran a round (or was first seen), by program id.
    public private(set) var lastRun: [String: Date] = [:]
    /// Recent rounds, oldest first (at most `historyLimit` per program).
    public private(set) var rounds: [PairingRound] = []
    /// The number the next round gets.
    public private(set) var nextRoundNumber = 1
    /// How many rounds of each program are kept.
    public static let historyLimit = 60

    /// No profiles, no rounds.
    public init() {}

    /// Decodes a book; states written before pairing existed hold an empty object here.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        profiles = try container.decodeIfPresent([MemberID: PairingProfile].self, forKey: .profiles) ?? [:]
        lastRun = try container.decodeIfPresent([String: Date].self, forKey: .lastRun) ?? [:]
        rounds = try container.decodeIfPresent([PairingRound].self, forKey: .rounds) ?? []
        nextRoundNumber = try container.decodeIfPresent(Int.self, forKey: .nextRoundNumber) ?? 1
    }

    /// Applies one fact.
    mutating func apply(_ fact: PairingFact) {
        switch fact {
        case .profileSaved(let profile):
            profiles[profile.member] = profile
        case .pauseChanged(let member, let until):
            profiles[member]?.pausedUntil = until
        case .avoidAdded(let member, let other):
            if let avoid = profiles[member]?.avoid, !avoid.contains(other) {
                profiles[member]?.avoid = (avoid + [other]).sorted()
            }
        case .programAnchored(let program, let at):
            lastRun[program] = at
        case .roundRecorded(let round):
            guard !rounds.contains(where: { $0.number == round.number }) else { return }
            rounds.append(round)
            lastRun[round.program] = round.at
            nextRoundNumber = max(nextRoundNumber, round.number + 1)
            let ofProgram = rounds.filter { $0.program == round.program }
            if ofProgram.count > Self.historyLimit, let oldest = ofProgram.first?.number {
                rounds.removeAll { $0.number == oldest }
            }
        case .followUpSent(let number):
            if let index = index(of: number) { rounds[index].followUpSent = true }
        case .meetingAnswered(let number, let member, let met):
            guard let index = index(of: number) else { return }
            // A mentor with two mentees answers for both groups at once.
            for group in rounds[index].groups.indices where rounds[index].groups[group].members.contains(member) {
                guard !rounds[index].groups[group].answeredBy.contains(member) else { continue }
                rounds[index].groups[group].answeredBy.append(member)
                rounds[index].groups[group].met = met || rounds[index].groups[group].met == true
            }
        }
    }

    /// Deletes what is stored about `member` (`/cop me forget`): the profile, and the member in past rounds,
    /// whose group counts and meeting answers stay so the statistics still add up.
    mutating func forget(_ member: MemberID) {
        profiles[member] = nil
        for index in rounds.indices {
            rounds[index].pool.removeAll { $0.member == member }
            for p in rounds[index].pool.indices { rounds[index].pool[p].avoid.removeAll { $0 == member } }
            rounds[index].unplaced.removeAll { $0 == member }
            for g in rounds[index].groups.indices {
                rounds[index].groups[g].members.removeAll { $0 == member }
                rounds[index].groups[g].answeredBy.removeAll { $0 == member }
            }
        }
    }

    /// The round numbered `number`, if still kept.
    public func round(_ number: Int) -> PairingRound? {
        index(of: number).map { rounds[$0] }
    }

    /// The rounds of `program`, oldest first.
    public func rounds(of program: String) -> [PairingRound] {
        rounds.filter { $0.program == program }
    }

    /// The latest round `member` was placed in, if any.
    public func latestGroup(of member: MemberID) -> (round: PairingRound, group: PairingGroup)? {
        for round in rounds.reversed() {
            if let group = round.group(of: member) { return (round, group) }
        }
        return nil
    }

    /// Lines for the weekly round-up about what happened between `since` and `until`: one line per round, how
    /// many of its groups met (aggregates only).
    func digestLines(since: Date, until: Date) -> [String] {
        rounds.filter { $0.at >= since && $0.at < until }.map { round in
            let met = round.groups.filter { $0.met == true }.count
            let noun =
                round.kind == .mentorship
                ? "pairs"
                : (round.groups.contains { $0.members.count > 2 }
                    ? "groups" : "pairs")
            let title = round.program.prefix(1).uppercased() + round.program.dropFirst()
            guard round.followUpSent else {
                return "\(title) round \(round.number): \(round.groups.count) \(noun) introduced"
            }
            return "\(title) round \(round.number): \(met) of \(round.groups.count) \(noun) met"
        }
    }

    /// What this feature stores about `member`, one line each, for `/cop me`.
    func memberDataLines(_ member: MemberID) -> [String] {
        var lines: [String] = []
        if let profile = profiles[member] {
            var line =
                "Pairing profile: \(profile.optedIn ? "taking part" : "opted out"), role \(profile.role.rawValue)"
            if !profile.interests.isEmpty { line += ", interests \(profile.interests.joined(separator: ", "))" }
            if let zone = profile.timeZone { line += ", time zone \(zone)" }
            if profile.role == .mentor { line += ", up to \(profile.capacity) mentee(s) per round" }
            lines.append(line)
            if let until = profile.pausedUntil {
                lines.append("Pairing paused until \(CommunityClockText.utc.dateTime(until))")
            }
            if !profile.avoid.isEmpty {
                lines.append("Never paired with: \(profile.avoid.map(\.user).joined(separator: ", "))")
            }
        }
        let mine = rounds.filter { $0.group(of: member) != nil || $0.pool.contains { $0.member == member } }
        if !mine.isEmpty {
            let list = mine.map { round -> String in
                guard let group = round.group(of: member) else { return "\(round.number) (no partner found)" }
                let others = group.members.filter { $0 != member }.map(\.user).joined(separator: " & ")
                let met = group.met.map { $0 ? ", met" : ", did not meet" } ?? ""
                return "\(round.number) (\(round.program), with \(others)\(met))"
            }
            lines.append("Pairing rounds you were in: \(list.joined(separator: "; "))")
        }
        return lines
    }

    private func index(of number: Int) -> Int? {
        rounds.firstIndex { $0.number == number }
    }
}
