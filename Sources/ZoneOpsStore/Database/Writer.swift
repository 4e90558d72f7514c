import FluentKit
import Logging
import SQLKit
import Synchronization

/// Runs writes as transactions, serialized so the audit chain never forks: in this process
/// through one queue, across instances on PostgreSQL through an advisory lock. Everything a
/// write changes, its audit entry included, commits or rolls back together.
///
/// Group commit: writes that arrive while a transaction is running wait in the queue, and the
/// next transaction takes all of them (up to `maxBatch`) and commits once. In a batch each write
/// gets a savepoint, opened just before its first statement: a write that throws rolls back to it
/// (or, if it sent nothing, just drops what it queued), its caller gets its own error and the
/// others still commit. A lone write runs without savepoints, as a plain transaction. A caller is
/// answered only after the commit, so what it wrote is durable and visible when `write` returns.
/// The batch shares the transaction's lock and fsync, and (in a `WriteBatch`) the audit chain's
/// head, counters and new rows inserted many per statement: that is what lets many concurrent
/// creates through a serialized audit chain. The anchor file is stored from the batch's head.
///
/// One `Writer` serves one database (the app's): a batch runs on its first write's database.
public final class Writer: Sendable {
    private let state = Mutex(Queue())
    private let anchor: AuditAnchor?
    private let logger = Logger(label: "zoneops.writer")
    /// The most writes one transaction takes.
    public let maxBatch: Int
    /// Arbitrary constant naming ZoneOps's write lock among PostgreSQL advisory locks.
    static let advisoryLockKey = 7_201_2026

    private struct Queue: ~Copyable {
        var pending: [any PendingWrite] = []
        var draining = false
        var batches = 0
        var writes = 0
    }

    /// How many transactions the writer ran and how many writes they carried.
    public var committed: (batches: Int, writes: Int) { state.withLock { ($0.batches, $0.writes) } }

    public init(anchor: AuditAnchor? = nil, maxBatch: Int = 32) {
        self.anchor = anchor
        self.maxBatch = max(1, maxBatch)
    }

    public func write<T: Sendable>(on database: any Database,
                                   _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let write = QueuedWrite(database: database, body: body, continuation: continuation)
            let lead = state.withLock { queue in
                queue.pending.append(write)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if lead { Task { await self.drain() } }
        }
    }

    /// Commits batches until the queue is empty; only one drain runs at a time, so anchors are
    /// written in commit order.
    private func drain() async {
        while true {
            let batch: [any PendingWrite] = state.withLock { queue in
                let batch = Array(queue.pending.prefix(maxBatch))
                queue.pending.removeFirst(batch.count)
                if batch.isEmpty { queue.draining = false } else { queue.batches += 1; queue.writes += batch.count }
                return batch
            }
            guard let first = batch.first else { return }
            let failure = await commit(batch, on: first.database)
            for write in batch { write.finish(failure) }
        }
    }

    /// One transaction for the batch; returns the error that stopped it committing, if any.
    private func commit(_ batch: [any PendingWrite], on database: any Database) async -> (any Error)? {
        let shared = WriteBatch()
        do {
            try await Self.transaction(on: database) { tx, sql in
                // A lone write needs no savepoint: if it fails, the transaction rolls back.
                let view = BatchTransaction(base: tx, sql: sql, batch: shared, savepoints: batch.count > 1)
                for (index, write) in batch.enumerated() {
                    let mark = shared.beginWrite(index)
                    let succeeded = await write.run(on: view)
                    if let failure = shared.failure { throw failure }
                    if !succeeded {
                        guard view.savepoints else { throw RolledBack() }
                        try await shared.rollBackWrite(to: mark, on: sql)
                    }
                }
                try await shared.finish(on: sql)
            }
        } catch is RolledBack {
            return nil
        } catch {
            return error
        }
        // Still the only drain, so anchors are stored in commit order. The writes are committed
        // whatever happens to the file: a caller told otherwise would retry and write twice. A
        // failed store is logged and made good by the next commit's (the anchor may only lag).
        if let last = shared.auditHead, let anchor {
            do { try anchor.store(.init(sequence: last.sequence, hash: last.hash)) } catch {
                logger.error("审计锚点文件写入失败（已提交的写入不受影响）/ audit anchor not stored",
                             metadata: ["file": "\(anchor.file.path)", "error": "\(error)"])
            }
        }
        return nil
    }

    /// A transaction that holds the write lock from its first statement: on PostgreSQL the
    /// advisory lock instances share; on SQLite `BEGIN IMMEDIATE`, because a transaction that
    /// reads first and writes later fails with SQLITE_BUSY when another connection (the
    /// scheduler, a session) wrote in between, and waiting for the lock up front cannot.
    private static func transaction(on database: any Database,
                                    _ body: @escaping @Sendable (any Database, any SQLDatabase) async throws -> Void) async throws {
        if DatabaseKind(database) == .postgres {
            try await database.transaction { tx in
                let sql = try tx.sql()
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: advisoryLockKey))").run()
                try await body(tx, sql)
            }
            return
        }
        try await database.withConnection { connection in
            let sql = try connection.sql()
            // Savepoint and statement journals in memory, not in temp files (a batch of
            // savepoints had spent a tenth of the intake's time writing them to disk), and a
            // 16 MB page cache instead of 2 MB for the indexes a write walks. Both settings are
            // per connection and cost nothing to repeat.
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
            try await sql.raw("PRAGMA cache_size = -16000").run()
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                try await body(connection, sql)
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private struct RolledBack: Error {}
}

/// A write waiting in the queue, its result type erased.
private protocol PendingWrite: Sendable {
    var database: any Database { get }
    /// Runs the body inside the batch's transaction; false when it threw.
    func run(on tx: any Database) async -> Bool
    /// Answers the caller once the batch is over: its own outcome, or the error that stopped
    /// the commit.
    func finish(_ commitFailure: (any Error)?)
}

private final class QueuedWrite<T: Sendable>: PendingWrite {
    let database: any Database
    private let body: @Sendable (any Database) async throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private let outcome = Mutex<Result<T, any Error>?>(nil)

    init(database: any Database, body: @escaping @Sendable (any Database) async throws -> T,
         continuation: CheckedContinuation<T, any Error>) {
        self.database = database
        self.body = body
        self.continuation = continuation
    }

    func run(on tx: any Database) async -> Bool {
        let result: Result<T, any Error>
        do { result = .success(try await body(tx)) } catch { result = .failure(error) }
        outcome.withLock { $0 = result }
        if case .success = result { return true }
        return false
    }

    func finish(_ commitFailure: (any Error)?) {
        let result = outcome.withLock { $0 }
        switch (result, commitFailure) {
        case (.failure(let error)?, _): continuation.resume(throwing: error)
        case (_, let failure?): continuation.resume(throwing: failure)
        case (.success(let value)?, nil): continuation.resume(returning: value)
        case (nil, nil): continuation.resume(throwing: WriterNotRun())
        }
    }
}

/// A write its batch never reached (cannot happen: a batch that stops early reports why).
struct WriterNotRun: Error {}
