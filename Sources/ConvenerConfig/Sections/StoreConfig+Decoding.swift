/// The `store` section.
extension StoreConfig {
    /// The keys allowed in the section.
    static let keys = ["postgres"]

    /// Reads the section.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> StoreConfig? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var store = StoreConfig()
        if let field = table.optional("postgres", &context) {
            store.postgres = PostgresStoreConfig.decode(field, &context)
        }
        return store
    }
}

extension PostgresStoreConfig {
    /// The keys allowed in `store.postgres`.
    static let keys = ["url", "pool_size", "connect_timeout_seconds", "statement_timeout_seconds"]

    /// Reads `store.postgres`; every key is optional.
    static func decode(_ field: ConfigField, _ context: inout ConfigContext) -> PostgresStoreConfig? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        var postgres = PostgresStoreConfig()
        if let field = table.optional("url", &context), let reference = field.secret(&context) {
            postgres.url = SecretSetting(reference, isDefault: false)
        }
        if let field = table.optional("pool_size", &context),
            let value = field.boundedWholeNumber(&context, in: 1...200, what: "a pool size")
        {
            postgres.poolSize = value
        }
        if let field = table.optional("connect_timeout_seconds", &context),
            let value = field.boundedWholeNumber(&context, in: 1...300, what: "a number of seconds")
        {
            postgres.connectTimeoutSeconds = value
        }
        if let field = table.optional("statement_timeout_seconds", &context),
            let value = field.boundedWholeNumber(&context, in: 1...3_600, what: "a number of seconds")
        {
            postgres.statementTimeoutSeconds = value
        }
        return postgres
    }
}
