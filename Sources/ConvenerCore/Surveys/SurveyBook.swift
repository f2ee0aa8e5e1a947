import Foundation

/// The durable state of surveys, inside `CommunityState`.
///
/// Answers waiting for their shuffled batch sit in `pools`, in memory and in each survey's sealed pool file: they
/// are left out of the encoded state, so neither a snapshot nor the journal ever holds an answer next to the member
/// who gave it.
public struct SurveyBook: Codable, Sendable, Equatable {
    /// Every survey, oldest first.
    public private(set) var surveys: [SurveyRecord] = []
    /// The number of the next survey (`S<n>`).
    public private(set) var nextNumber = 1
    /// Answers waiting for their batch, by survey id; never encoded (the sealed pool files hold them on disk).
    public private(set) var pools: [String: [SurveyPoolEntry]] = [:]

    private enum CodingKeys: String, CodingKey {
        case surveys, nextNumber
    }

    /// Nothing yet.
    public init() {}

    /// The survey `id` (`S2`), if any.
    public func survey(_ id: String) -> SurveyRecord? {
        surveys.first { $0.id == id }
    }

    /// What is wrong with a submission of form `formID` (`survey.S1`), field by field, for platforms that show
    /// errors next to the fields before submitting (Slack's `response_action: errors`); empty when it is fine or
    /// the form is not an open survey (the reducer then says why).
    public func problems(formID: String, values: [String: FormValue]) -> [SurveyFieldProblem] {
        guard formID.hasPrefix(SurveyDesk.formPrefix),
            let record = survey(String(formID.dropFirst(SurveyDesk.formPrefix.count))), record.isOpen
        else { return [] }
        return SurveyValidation.response(values, template: record.template).problems
    }

    /// The form of survey form id `formID` (`survey.S1`) while that survey is open; nil otherwise.
    public func form(formID: String) -> MessageForm? {
        guard formID.hasPrefix(SurveyDesk.formPrefix),
            let record = survey(String(formID.dropFirst(SurveyDesk.formPrefix.count))), record.isOpen
        else { return nil }
        return SurveyDesk.form(of: record)
    }

    /// How many closed surveys are kept with their results.
    public static let closedLimit = 200

    /// The surveys still taking answers.
    public var openSurveys: [SurveyRecord] { surveys.filter(\.isOpen) }

    /// Applies one fact.
    mutating func apply(_ fact: SurveyFact) {
        switch fact {
        case .opened(let record):
            guard survey(record.id) == nil else { return }
            surveys.append(record)
            if let number = Int(record.id.dropFirst()) { nextNumber = max(nextNumber, number + 1) }
        case .answerPooled(let id, let entry):
            guard survey(id)?.isOpen == true else { return }
            pools[id, default: []].append(entry)
        case .poolRestored(let id, let tokens, let responses):
            guard survey(id)?.isOpen == true else { return }
            pools[id] = zip(tokens, responses).map { SurveyPoolEntry(member: nil, token: $0, response: $1) }
        case .batchRecorded(let id, let tokens, let responses):
            update(id) { record in
                record.tokens = (record.tokens + tokens).sorted()
                record.batches.append(responses)
            }
            pools[id] = nil
        case .thresholdRaised(let id, let threshold):
            update(id) { $0.threshold = max($0.threshold, threshold) }
        case .closed(let id, let at, let results):
            update(id) { record in
                record.closedAt = at
                record.results = results
                record.key = nil
                record.tokens = []
                record.batches = []
            }
            pools[id] = nil
            // Closed surveys keep only their results; the oldest go once more than `closedLimit` are kept.
            var closed = surveys.count { !$0.isOpen }
            while closed > Self.closedLimit, let oldest = surveys.firstIndex(where: { !$0.isOpen }) {
                surveys.remove(at: oldest)
                closed -= 1
            }
        }
    }

    /// Deletes what is stored about `member` (`/cop me forget`): only an answer still waiting in memory for its
    /// batch names them; it is dropped (and its pool file rewritten), and they may answer again. After a restart
    /// nothing names them, so there is nothing left to drop.
    mutating func forget(_ member: MemberID) {
        for (id, entries) in pools {
            pools[id] = entries.filter { $0.member != member }
        }
    }

    /// Lines for the weekly round-up: surveys closed between `since` and `until` with at least k responses.
    func digestLines(since: Date, until: Date) -> [String] {
        surveys.compactMap { record in
            guard let closedAt = record.closedAt, closedAt >= since, closedAt < until,
                record.responseCount >= record.threshold
            else { return nil }
            return "📋 Survey \(record.id) \"\(record.title)\" closed with \(record.responseCount) responses."
        }
    }

    /// What this feature stores about `member`, for `/cop me`: nothing; no answer is ever stored with a name.
    func memberDataLines(_ member: MemberID) -> [String] { [] }

    private mutating func update(_ id: String, _ change: (inout SurveyRecord) -> Void) {
        guard let index = surveys.firstIndex(where: { $0.id == id }) else { return }
        change(&surveys[index])
    }
}
