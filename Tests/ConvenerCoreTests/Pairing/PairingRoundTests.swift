import Foundation
import Testing

@testable import ConvenerCore

@Suite("Pairing rounds")
struct PairingRoundTests {
    typealias F = PairingFixture
    static let compatibleZones = ["Europe/Berlin", "Europe/London", "UTC", "America/New_York"]

    /// Runs one round of `program` on `state` at `now` and applies it.
    @discardableResult
    func round(
        _ program: PairingProgram, _ state: inout CommunityState, at now: Date, seed: UInt64,
        settings: PairingSettings? = nil
    ) throws -> PairingRound {
        let reducer = try F.reducer(settings: settings ?? PairingSettings(programs: [program]))
        let context = FeatureContext(reducer: reducer, state: state, now: now, idPrefix: "t")
        let effects = PairingRoundMaker.run(
            program: program, number: state.pairing.nextRoundNumber, seed: seed,
            trigger: "test", context)
        state.apply(effects.facts)
        return try #require(F.rounds(effects.facts).first)
    }

    /// Every pair inside every group respects the hard constraints.
    func checkHardConstraints(
        _ round: PairingRound, program: PairingProgram, state: CommunityState, before: [PairingRound]
    ) {
        let pool = Dictionary(uniqueKeysWithValues: round.pool.map { ($0.member, $0) })
        let recent = before.suffix(program.repeatWindow).flatMap { $0.groups.flatMap(\.memberPairs) }
        for group in round.groups {
            for member in group.members {
                let profile = state.pairing.profiles[member]
                #expect(profile?.optedIn == true)
                #expect(profile?.isPaused(at: round.at) == false)
                #expect(!state.vacations.isAway(member, at: round.at))
            }
            for pair in group.memberPairs {
                let both = Array(pair)
                #expect(!(state.pairing.profiles[both[0]]?.avoid.contains(both[1]) ?? false))
                #expect(!(state.pairing.profiles[both[1]]?.avoid.contains(both[0]) ?? false))
                #expect(!recent.contains(pair), "\(pair) met within the repeat window")
                let index = both.compactMap { m in round.pool.firstIndex { $0.member == m } }
                let scorer = PairingScorer(program: program, pool: round.pool, history: before, seed: 0, at: round.at)
                #expect(scorer.overlapMinutes(index[0], index[1]) > 0)
                if program.kind == .mentorship {
                    #expect(Set(both.compactMap { pool[$0]?.role }) == [.mentor, .mentee])
                }
            }
        }
    }

    @Test("No group breaks a hard constraint, on random pools with avoid lists, pauses, absences and history")
    func hardConstraints() throws {
        let programs = [
            PairingProgram(id: "coffee", kind: .coffee, repeatWindow: 2),
            PairingProgram(id: "trios", kind: .coffee, groupSize: 3, repeatWindow: 2),
            PairingProgram(id: "mentorship", kind: .mentorship, repeatWindow: 2),
        ]
        for seed in UInt64(1)...6 {
            for program in programs {
                var state = F.pool(
                    9 + Int(seed) * 5, seed: seed, roles: [.peer, .mentor, .mentee, .mentee], avoidEvery: 3)
                state.apply(.pairing(.pauseChanged(member: F.id("m1"), until: F.start.addingTimeInterval(90 * 86_400))))
                state.apply(.memberAwayChanged(member: F.id("m2"), until: F.start.addingTimeInterval(90 * 86_400)))
                for week in 0..<4 {
                    let before = state.pairing.rounds(of: program.id)
                    let made = try round(
                        program, &state, at: F.start.addingTimeInterval(Double(week) * 7 * 86_400), seed: seed &* 31)
                    checkHardConstraints(made, program: program, state: state, before: before)
                    #expect(!made.pool.contains { $0.member == F.id("m1") || $0.member == F.id("m2") })
                }
            }
        }
    }

    @Test("20 weekly rounds of 200 members: no pair repeats within the window and nobody is left out")
    func noRepeats() throws {
        let program = PairingProgram(id: "coffee", kind: .coffee, repeatWindow: 6)
        var state = F.pool(200, seed: 42, zones: Self.compatibleZones)
        var seen: [[Set<MemberID>]] = []
        for week in 0..<20 {
            let made = try round(
                program, &state, at: F.start.addingTimeInterval(Double(week) * 7 * 86_400),
                seed: UInt64(week))
            #expect(made.unplaced.isEmpty)
            #expect(made.groups.count == 100)
            let pairs = made.groups.flatMap(\.memberPairs)
            for earlier in seen.suffix(6) {
                #expect(Set(pairs).isDisjoint(with: earlier), "week \(week) repeats a pair")
            }
            seen.append(pairs)
        }
    }

    @Test("An odd count gives exactly one trio and places everyone once")
    func oddCount() throws {
        for count in [3, 7, 51, 101] {
            var state = F.pool(count, seed: UInt64(count), zones: Self.compatibleZones)
            let made = try round(PairingProgram(id: "coffee", kind: .coffee), &state, at: F.start, seed: 3)
            #expect(made.groups.filter { $0.members.count == 3 }.count == 1)
            #expect(made.groups.allSatisfy { $0.members.count == 2 || $0.members.count == 3 })
            let placed = made.groups.flatMap(\.members)
            #expect(placed.count == count)
            #expect(Set(placed).count == count)
            #expect(made.unplaced.isEmpty)
        }
    }

    @Test("Group size 3 makes trios and leaves nobody out")
    func trios() throws {
        for count in [9, 10, 11, 30] {
            var state = F.pool(count, seed: UInt64(count), zones: ["UTC"])
            let made = try round(
                PairingProgram(id: "trios", kind: .coffee, groupSize: 3), &state, at: F.start, seed: 5)
            let placed = made.groups.flatMap(\.members)
            #expect(Set(placed).count == count && placed.count == count)
            #expect(made.groups.filter { $0.members.count == 3 }.count >= count / 3 - 1)
            #expect(made.groups.allSatisfy { (2...3).contains($0.members.count) })
        }
    }

    @Test("Replaying a round with its stored seed gives the same groups, also for later rounds")
    func replay() throws {
        let program = PairingProgram(id: "coffee", kind: .coffee, repeatWindow: 2)
        let settings = PairingSettings(programs: [program])
        var state = F.pool(41, seed: 9)
        var numbers: [Int] = []
        for week in 0..<3 {
            let made = try round(
                program, &state, at: F.start.addingTimeInterval(Double(week) * 604_800),
                seed: 1000 + UInt64(week))
            numbers.append(made.number)
        }
        // Profiles change after the rounds; the replay uses the pool stored with each round.
        state.apply(
            .pairing(.profileSaved(PairingProfile(member: F.id("m3"), interests: ["new"], timeZone: "Asia/Tokyo"))))
        for number in numbers {
            let replay = try #require(PairingReplay.replay(number, book: state.pairing, settings: settings))
            #expect(replay.matches)
            #expect(replay.replayed.groups.map(\.members) == replay.round.groups.map(\.members))
        }
        // Another seed gives other pairs (the jitter breaks ties differently).
        let other = PairingReplay.preview(
            state: state, settings: settings, communityZone: F.profile.timeZone, now: F.start, seed: 1)
        #expect(other.count == 1)
    }

    @Test("Mentorship respects each mentor's capacity and gives each mentee one mentor at most")
    func mentorshipCapacity() throws {
        for seed in UInt64(1)...5 {
            var state = F.pool(
                40, seed: seed, zones: Self.compatibleZones, roles: [.mentor, .mentee, .mentee, .mentee])
            let program = PairingProgram(id: "mentorship", kind: .mentorship)
            let made = try round(program, &state, at: F.start, seed: seed)
            var load: [MemberID: Int] = [:]
            var mentees = Set<MemberID>()
            for group in made.groups {
                #expect(group.members.count == 2)
                #expect(state.pairing.profiles[group.members[0]]?.role == .mentor)
                #expect(state.pairing.profiles[group.members[1]]?.role == .mentee)
                load[group.members[0], default: 0] += 1
                #expect(mentees.insert(group.members[1]).inserted)
            }
            for (mentor, count) in load {
                #expect(count <= state.pairing.profiles[mentor]?.capacity ?? 0)
            }
            let capacity = made.pool.filter { $0.role == .mentor }.reduce(0) { $0 + $1.capacity }
            let menteeCount = made.pool.filter { $0.role == .mentee }.count
            #expect(made.groups.count == min(capacity, menteeCount))
        }
    }

    @Test("Intros name the others, say why and suggest a first question from pairing-starters")
    func intros() throws {
        let prompts = PromptLibrary(themes: [
            PromptTheme(
                id: "pairing-starters", title: "Pairing starters", description: "",
                prompts: [
                    DiscussionPrompt(id: "ps-1", theme: "pairing-starters", text: "What brought you here?")
                ])
        ])
        let reducer = try F.reducer(prompts: prompts)
        var state = CommunityState()
        for name in ["ann", "ben"] {
            F.send(reducer, &state, name, .command("pair join --interests testing,ci --tz Europe/Berlin"))
        }
        let context = FeatureContext(reducer: reducer, state: state, now: F.start, idPrefix: "t")
        let effects = PairingRoundMaker.run(
            program: PairingSettings.defaults.programs[0], number: 1, seed: 1, trigger: "test", context)
        let messages = F.directMessages(effects.facts)
        #expect(messages.count == 2)
        let ann = try #require(messages.first { $0.0 == F.id("ann") }?.1)
        #expect(ann.text.contains("you are meeting @ben"))
        #expect(ann.text.contains("Why you were paired: you share an interest in testing and ci"))
        #expect(ann.text.contains("What brought you here?"))
        #expect(effects.notes.first?.contains("seed 1") == true)
        #expect(effects.events.first?.event.type == "pairing.completed")
        #expect(effects.events.first?.event.payload["pairs"] == .int(1))
    }

    @Test("With a calendar key, each intro carries its invitation as a file without addresses, and the link")
    func introInvitationFile() throws {
        let plain = try F.reducer()
        var profile = F.profile
        profile.invitationSigning = PairingInvitationLink.Signing(
            key: Array(repeating: 7, count: 32), baseURL: "https://cop.example.org")
        profile.mail = CommunityMail(membersMaySubscribe: true)
        let reducer = CommunityReducer(
            profile: profile, rules: plain.rules, prompts: PromptLibrary(),
            settings: CommunitySettings(pairing: .defaults), randomness: .seeded(7))
        var state = CommunityState()
        for name in ["ann", "ben"] {
            F.send(reducer, &state, name, .command("pair join --tz Europe/Berlin"))
            F.send(reducer, &state, name, .command("me email \(name)@example.org"))
            state.apply(.mail(.addressConfirmed(member: F.id(name), at: F.start)))
        }
        #expect(state.mail.confirmed.count == 2, "both addresses are known, so the link's invitation names them")
        let context = FeatureContext(reducer: reducer, state: state, now: F.start, idPrefix: "t")
        let effects = PairingRoundMaker.run(
            program: PairingSettings.defaults.programs[0], number: 1, seed: 1, trigger: "test", context)
        let messages = F.directMessages(effects.facts).filter { $0.1.text.contains("you are meeting") }
        #expect(messages.count == 2)
        for (_, message) in messages {
            #expect(message.text.contains("Add it to your calendar: https://cop.example.org/calendar/invite/test.1.0."))
            let file = try #require(message.attachments.first)
            #expect(message.attachments.count == 1)
            #expect(file.name == "invitation.ics" && file.mimeType == "text/calendar")
            let document = String(decoding: file.bytes, as: UTF8.self)
            #expect(document.contains("METHOD:REQUEST\r\n") && document.contains("UID:pairing-1-0@test.convener"))
            #expect(!document.contains("example.org"), "no address goes into a file the chat platform keeps")
        }
    }

    @Test("Forgetting a member removes them from profiles and past rounds but keeps the counts")
    func forget() throws {
        let program = PairingProgram(id: "coffee", kind: .coffee)
        var state = F.pool(6, seed: 2, zones: ["UTC"])
        let made = try round(program, &state, at: F.start, seed: 1)
        state.apply(.memberForgotten(member: F.id("m0")))
        #expect(state.pairing.profiles[F.id("m0")] == nil)
        let kept = try #require(state.pairing.round(made.number))
        #expect(kept.groups.count == made.groups.count)
        #expect(!kept.groups.contains { $0.members.contains(F.id("m0")) })
        #expect(!kept.pool.contains { $0.member == F.id("m0") })
        #expect(state.pairing.memberDataLines(F.id("m0")).isEmpty)
    }

    @Test("Above the pool size for dense matching the graph is pruned, yet everyone is still placed")
    func pruned() throws {
        for (count, seed) in [(60, UInt64(1)), (91, 2), (120, 3)] {
            let program = PairingProgram(id: "coffee", kind: .coffee, repeatWindow: 3)
            let settings = PairingSettings(programs: [program], pruneAbove: 20, pruneK: 2)
            var state = F.pool(count, seed: seed, zones: Self.compatibleZones, avoidEvery: 5)
            for week in 0..<3 {
                let before = state.pairing.rounds(of: program.id)
                let made = try round(
                    program, &state, at: F.start.addingTimeInterval(Double(week) * 604_800), seed: seed,
                    settings: settings)
                #expect(made.unplaced.isEmpty)
                #expect(Set(made.groups.flatMap(\.members)).count == count)
                #expect(made.groups.filter { $0.members.count == 3 }.count == count % 2)
                checkHardConstraints(made, program: program, state: state, before: before)
            }
        }
    }
}
