/// A rule whose expressions and templates compiled against its declarations: ready to run many times.
///
/// Copies share one immutable storage, so handing rules around costs one reference count.
public struct CompiledRule: Sendable {
    /// The immutable parts, shared between copies.
    private final class Storage: Sendable {
        let spec: RuleSpec
        let conditions: [CELProgram]
        let foreach: CELProgram?
        let variablesRead: Set<String>
        let schedule: CronSchedule?

        init(
            spec: RuleSpec, conditions: [CELProgram], foreach: CELProgram?, variablesRead: Set<String>,
            schedule: CronSchedule?
        ) {
            self.spec = spec
            self.conditions = conditions
            self.foreach = foreach
            self.variablesRead = variablesRead
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
    /// The variables its conditions, `foreach` and templates read (only these are built for it).
    var variablesRead: Set<String> { storage.variablesRead }
    /// The schedule, for schedule triggers.
    public var schedule: CronSchedule? { storage.schedule }
    /// The rule's id.
    public var id: String { storage.spec.id }

    /// Creates a compiled rule (only `RuleCompiler` does).
    init(
        spec: RuleSpec, conditions: [CELProgram], foreach: CELProgram?, variablesRead: Set<String>,
        schedule: CronSchedule?
    ) {
        storage = Storage(
            spec: spec, conditions: conditions, foreach: foreach, variablesRead: variablesRead, schedule: schedule)
    }
}
