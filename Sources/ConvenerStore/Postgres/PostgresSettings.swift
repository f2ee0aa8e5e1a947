import Foundation
import PostgresNIO

/// How to reach the PostgreSQL database every community's state lives in: `CONVENER_DATABASE_URL`, or
/// `store: {postgres: {url: {env: …}}}` in the config. The URL carries the password, so it is never printed whole.
public struct PostgresSettings: Sendable, Equatable {
    /// `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
    public var url: String
    /// The most connections the daemon opens to the database.
    public var poolSize: Int
    /// How long opening a connection may take before the request fails (503) and the pool tries again.
    public var connectTimeoutSeconds: Int
    /// How long one statement may run before the database cancels it.
    public var statementTimeoutSeconds: Int

    /// Settings with the defaults: 10 connections, 5 s to connect, 10 s per statement.
    public init(url: String, poolSize: Int = 10, connectTimeoutSeconds: Int = 5, statementTimeoutSeconds: Int = 10) {
        self.url = url
        self.poolSize = poolSize
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeoutSeconds = statementTimeoutSeconds
    }

    /// The URL with its password replaced by `***`, for logs and the start-up summary.
    public var redactedURL: String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "(unprintable URL)"
    }

    /// The client configuration the URL describes; throws a message naming what is wrong with it.
    func clientConfiguration() throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else {
            throw StoreError.invalidDatabaseURL(
                url: redactedURL, reason: "it must look like postgres://user:password@host:5432/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.invalidDatabaseURL(url: redactedURL, reason: "it names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.invalidDatabaseURL(url: redactedURL, reason: "it names no user (postgres://user@host/…)")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default:
            throw StoreError.invalidDatabaseURL(
                url: redactedURL, reason: "sslmode=\(sslMode) is not one of disable, prefer, require")
        }
        guard poolSize >= 1, connectTimeoutSeconds >= 1, statementTimeoutSeconds >= 1 else {
            throw StoreError.invalidDatabaseURL(
                url: redactedURL, reason: "the pool size and the timeouts must be at least 1")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: path.isEmpty ? user : path, tls: tls)
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "\(statementTimeoutSeconds * 1_000)"),
            ("application_name", "convener"),
        ]
        return configuration
    }
}
