/// The `store` section: where every community's state lives. Without it (and without `CONVENER_DATABASE_URL`),
/// each community keeps JSON files in its folder under `state_dir`.
public struct StoreConfig: Sendable, Hashable {
    /// The PostgreSQL database several daemons may share (`store.postgres`).
    public var postgres: PostgresStoreConfig?

    /// A section with no backend chosen.
    public init(postgres: PostgresStoreConfig? = nil) {
        self.postgres = postgres
    }
}

/// `store.postgres`: the database URL (a secret, since it carries the password) and the connection pool.
public struct PostgresStoreConfig: Sendable, Hashable {
    /// Where the URL comes from (default env `CONVENER_DATABASE_URL`).
    public var url: SecretSetting = .defaultEnvironment("CONVENER_DATABASE_URL")
    /// The most connections one daemon opens (default 10).
    public var poolSize = 10
    /// Seconds to open a connection before a request gets 503 (default 5).
    public var connectTimeoutSeconds = 5
    /// Seconds one statement may run before the database cancels it (default 10).
    public var statementTimeoutSeconds = 10

    /// The defaults.
    public init() {}
}
