/// A rule whose expressions and templates compiled against its declarations: ready to run many times.
///
/// Copies share one immutable storage, so handing rules around costs one reference count.
public struct CompiledRule: Sendable {
    /// The immutable parts, shared between copies.
    private final class Storage: Sendable {
        let spec: RuleSpec
        let conditions: [CELProgram]
        let foreach: CELProgram?
        let usesMembers: Bool
        let schedule: CronSchedule?

        init(spec: RuleSpec, conditions: [CELProgram], foreach: CELProgram?, usesMembers: Bool, schedule: CronSchedule?)
        {
            self.spec = spec
            self.conditions = conditions
            self.foreach = foreach
            self.usesMembers = usesMembers
            self.schedule = schedule
        }
    }

    private let storage: Storage

    /// The rule as written, with its action templates compiled.
    public var spec: RuleSpec { storage.spec }
    /// The compiled conditions, in order.
    var conditions: [CELProgram] { storage.conditions }
    /// The compiled `foreach`, if any.
    var foreach: CELProgram? { storage.foreach }
    /// Whether any expression reads `members` (building that list is skipped otherwise).
    var usesMembers: Bool { storage.usesMembers }
    /// The schedule, for schedule triggers.
    public var schedule: CronSchedule? { storage.schedule }
    /// The rule's id.
    public var id: String { storage.spec.id }

    /// Creates a compiled rule (only `RuleCompiler` does).
    init(spec: RuleSpec, conditions: [CELProgram], foreach: CELProgram?, usesMembers: Bool, schedule: CronSchedule?) {
        storage = Storage(
            spec: spec, conditions: conditions, foreach: foreach, usesMembers: usesMembers, schedule: schedule)
    }
}
