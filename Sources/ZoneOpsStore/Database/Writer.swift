import FluentKit
import SQLKit

/// Runs a write as one transaction, serialized so the audit chain never forks:
/// in this process through a gate, across instances on PostgreSQL through an advisory lock.
/// Everything a write changes, its audit entry included, commits or rolls back together.
public struct Writer: Sendable {
    private let gate: AsyncGate
    private let anchor: AuditAnchor?
    /// Arbitrary constant naming ZoneOps's write lock among PostgreSQL advisory locks.
    static let advisoryLockKey = 7_201_2026

    public init(gate: AsyncGate = AsyncGate(), anchor: AuditAnchor? = nil) {
        self.gate = gate
        self.anchor = anchor
    }

    public func write<T: Sendable>(on database: any Database,
                                   _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await gate.run {
            let result = try await database.transaction { tx in
                if DatabaseKind(tx) == .postgres, let sql = tx as? any SQLDatabase {
                    try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Writer.advisoryLockKey))").run()
                } else if let sql = tx as? any SQLDatabase {
                    // Take SQLite's write lock first (as BEGIN IMMEDIATE would): a transaction that
                    // reads first and writes later fails with SQLITE_BUSY when another connection
                    // (the scheduler, a session) wrote in between; waiting for the lock up front cannot.
                    try await sql.raw("UPDATE audit_entries SET seq = seq WHERE 1 = 0").run()
                }
                return try await body(tx)
            }
            // Still inside the gate, so anchors are written in commit order.
            try await anchor?.update(from: database)
            return result
        }
    }
}
