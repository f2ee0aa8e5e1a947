import ConvenerCore
import ConvenerStore

/// A community's state is what the store persists; its journal records are facts.
extension CommunityState: PersistentState {
    public typealias Change = Fact

    /// Version 1: the walking skeleton's members and outbox.
    public static var formatVersion: Int { 1 }

    public static var migrations: [StateMigration] { [] }
}
