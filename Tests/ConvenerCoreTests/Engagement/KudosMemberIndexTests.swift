import Foundation
import Testing

@testable import ConvenerCore

/// The ledger's index by member agrees with reading the whole ledger, through every way the ledger changes.
struct KudosMemberIndexTests {
    private typealias Support = EngagementTestSupport
    private let members = (0..<12).map { Support.member("m\($0)") }

    @Test func theIndexAgreesWithTheWholeLedgerThroughAppendsPrunesForgettingAndDecoding() throws {
        var random = MatchingSplitMix64(seed: 18)
        var ledger = KudosLedger()
        var day = 0.0
        for step in 0..<3_000 {
            day += Double(random.next() % 100) / 1_000
            let giver = members[Int(random.next() % 12)]
            let receiver = members[Int(random.next() % 12)]
            ledger.append(KudosEntry(giver: giver, receiver: receiver, reason: "r\(step)", at: Support.at(day: day)))
            switch step {
            case 700, 1_900: ledger.prune(before: Support.at(day: day - 20))
            case 1_200: ledger.forgetGiver(members[3], receiverBecomes: EngagementBook.forgottenMember)
            case 2_400: ledger.remove(members[5])
            case 2_700: ledger = try JSONDecoder().decode(KudosLedger.self, from: JSONEncoder().encode(ledger))
            default: continue
            }
            expectAgreement(ledger)
        }
        expectAgreement(ledger)
        #expect(ledger.entries.count > 500)
    }

    @Test func theIndexIsNotStored() throws {
        var ledger = KudosLedger()
        ledger.append(KudosEntry(giver: members[0], receiver: members[1], reason: "why", at: Support.at(day: 0)))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ledger)) as? [String: Any]
        #expect(json.map { Set($0.keys) } == ["entries", "allowances"])
    }

    private func expectAgreement(_ ledger: KudosLedger, sourceLocation: SourceLocation = #_sourceLocation) {
        for member in members + [EngagementBook.forgottenMember] {
            let received = ledger.entries.filter { $0.receiver == member }
            let given = ledger.entries.filter { $0.giver == member }
            #expect(Array(ledger.entries(receivedBy: member)) == received, sourceLocation: sourceLocation)
            #expect(Array(ledger.entries(givenBy: member)) == given, sourceLocation: sourceLocation)
        }
    }
}
