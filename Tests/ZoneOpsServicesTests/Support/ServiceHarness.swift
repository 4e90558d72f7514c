import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Services without Vapor: a migrated database (in-memory SQLite, or the PostgreSQL named by
/// ZONEOPS_TEST_POSTGRES_URL, emptied first) and a `ServiceContext` with a clock the test moves.
final class ServiceHarness: @unchecked Sendable {
    /// A clock the test moves by hand.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18 19:06 Beijing time
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
        func set(_ date: Date) { lock.withLock { current = date } }
    }

    let databases: Databases
    let db: any Database
    let ctx: ServiceContext
    let clock = Clock()

    var now: Date { clock.now }
    func advance(_ seconds: TimeInterval) { clock.advance(seconds) }
    /// Sets the clock to a Beijing wall-clock time, `yyyy-MM-dd HH:mm`.
    func set(_ beijing: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        clock.set(formatter.date(from: beijing)!)
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["ZONEOPS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    init() async throws {
        databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        if let url = Self.postgresURL {
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = nil
            databases.use(.postgres(configuration: config), as: .psql)
        } else {
            databases.use(.sqlite(.memory), as: .sqlite)
        }
        let logger = Logger(label: "services-test")
        db = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
        if Self.postgresURL != nil, let sql = db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await SchemaMigrator.migrate(db)
        let key = Data(repeating: 7, count: 32)
        let hasher = PasswordHashing(hash: { "plain:" + $0 }, verify: { $1 == "plain:" + $0 }, decoyHash: "plain:")
        let clock = clock
        ctx = ServiceContext(db: db, writer: Writer(), chain: .hmacSHA256(key: key), now: { clock.now },
                             hasher: hasher, secrets: SecretBox(instanceSecret: key))
    }

    func shutdown() async {
        await databases.shutdownAsync()
    }
}
