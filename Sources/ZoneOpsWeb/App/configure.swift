import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// The one function that builds the app: `main`, the demo and every test call it.
public func configure(_ app: Application, config: AppConfig, clients: AppClients = .live) async throws {
    configureJSON()
    try configureDatabase(app, config)
    let key = config.inMemoryDatabase && config.secretKey == nil ? Data((0..<32).map { _ in UInt8.random(in: 0...255) })
        : try SecretKey.load(config)
    app.zoneOps = ZoneOpsState(config: config, clients: clients, chain: .hmacSHA256(key: key),
                               hasher: try .bcrypt(cost: config.bcryptCost, on: app), secrets: SecretBox(instanceSecret: key))

    app.sessions.use { _ in DatabaseSessionDriver() }
    app.sessions.configuration = .init(cookieName: DatabaseSessionDriver.cookieName) { id in
        HTTPCookies.Value(string: id.string, path: "/", isHTTPOnly: true, sameSite: .lax)
    }
    app.middleware = .init()
    app.middleware.use(RequestMetricsMiddleware())
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(UserAuthenticator())
    // Again inside the session: a page rendered for an error (a form kept for resubmission, the
    // header's logout form) writes its CSRF token into a session that is then saved.
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.routes.defaultMaxBodySize = "1mb"
    app.monitoring = MonitoringRuntime(services: app.services, graphs: app.zoneOps.relationGraph, directories: app.zoneOps.ciDirectory)

    let assets = try StaticAssets(directory: try publicDirectory())
    assets.register(on: app.routes)
    try routes(app, assets: assets)
}

func configureDatabase(_ app: Application, _ config: AppConfig) throws {
    if let url = config.databaseURL {
        var postgres = try SQLPostgresConfiguration(url: url)
        postgres.searchPath = nil
        app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: 4), as: .psql)
    } else if config.inMemoryDatabase {
        app.databases.use(.sqlite(.memory), as: .sqlite)
    } else {
        try ownerOnlyDataDirectory(config)
        app.databases.use(.sqlite(.file(config.sqliteFile.path)), as: .sqlite)
    }
}

/// The data dir holds the database, the instance secret and the audit anchor: only the owner
/// may enter it, and the database files (made before this version under a looser umask) are
/// tightened to 0600 at every start.
func ownerOnlyDataDirectory(_ config: AppConfig) throws {
    let fm = FileManager.default
    try fm.createDirectory(at: config.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: config.dataDirectory.path)
    for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: config.sqliteFile.path + suffix) {
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.sqliteFile.path + suffix)
    }
}

/// Where the CSS, JS, icons and service worker live inside the binary's resource bundle.
private func publicDirectory() throws -> URL {
    guard let url = Bundle.module.url(forResource: "Public", withExtension: nil) else {
        throw ConfigError("找不到内置的 Public 资源目录。")
    }
    return url
}

extension PasswordHashing {
    /// bcrypt on Vapor's thread pool, so hashing never blocks an event loop.
    static func bcrypt(cost: Int, on app: Application) throws -> PasswordHashing {
        let pool = app.threadPool
        let decoy = try Bcrypt.hash(UUID().uuidString, cost: cost)
        return PasswordHashing(
            hash: { password in try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) } },
            verify: { password, hash in try await pool.runIfActive { try Bcrypt.verify(password, created: hash) } },
            decoyHash: decoy)
    }
}
