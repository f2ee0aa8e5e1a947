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
        let parts = try endpoint()
        var configuration = PostgresClient.Configuration(
            host: parts.host, port: parts.port, username: parts.user, password: parts.password,
            database: parts.database, tls: parts.tls.client)
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// The configuration of one connection of its own, outside the pool (the daemon's `LISTEN` connection).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let parts = try endpoint()
        var configuration = PostgresConnection.Configuration(
            host: parts.host, port: parts.port, username: parts.user, password: parts.password,
            database: parts.database, tls: try parts.tls.connection)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    private var startupParameters: [(String, String)] {
        [("statement_timeout", "\(statementTimeoutSeconds * 1_000)"), ("application_name", "convener")]
    }

    /// The TLS mode `sslmode` asks for, for either kind of configuration.
    private enum TLSMode {
        case disable, prefer, require

        var client: PostgresClient.Configuration.TLS {
            switch self {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        }

        var connection: PostgresConnection.Configuration.TLS {
            get throws {
                switch self {
                case .disable: .disable
                case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            }
        }
    }

    /// What the URL names, checked; throws a message naming what is wrong with it.
    private func endpoint() throws -> (
        host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode
    ) {
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
        let tls: TLSMode
        switch sslMode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default:
            throw StoreError.invalidDatabaseURL(
                url: redactedURL, reason: "sslmode=\(sslMode) is not one of disable, prefer, require")
        }
        guard poolSize >= 1, connectTimeoutSeconds >= 1, statementTimeoutSeconds >= 1 else {
            throw StoreError.invalidDatabaseURL(
                url: redactedURL, reason: "the pool size and the timeouts must be at least 1")
        }
        return (host, components.port ?? 5432, user, components.password, path.isEmpty ? user : path, tls)
    }
}
