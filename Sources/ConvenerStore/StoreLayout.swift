/// The file names inside a state folder.
enum StoreLayout {
    static let snapshot = "snapshot.json"
    static let snapshotTemporary = "snapshot.json.tmp"
    static let lock = "convener.lock"

    /// `directory/name`.
    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
