import FluentKit
import Logging
import NIOCore
import SQLKit
import Synchronization

/// What the writes of one `Writer` transaction share, so a batch of writes costs a few
/// statements more than one write rather than several times as many. Each statement is a round
/// trip to the database thread, which on a small machine is most of a small write's cost.
/// - The audit chain's head is read from the database once per batch and carried from entry to entry.
/// - Counters (incident numbers) are read and advanced once per key and written back once.
/// - New rows can be deferred (`deferInsert`): they go in together, many per statement, just
///   before the next statement anything in the transaction sends, or at the end of the batch.
///   So whatever a write reads, it reads after every row it and the writes before it added:
///   deferring never changes what a query sees.
///
/// A write sees the transaction as a `BatchTransaction`, which does the flushing and, in a batch of
/// several writes, opens the write's savepoint before its first statement: a write that only
/// defers rows sends no statement of its own at all.
public final class WriteBatch: Sendable {
    struct Row {
        var table: String
        var columns: [String]
        var values: [any Encodable & Sendable]
        var order: Int
    }

    struct State {
        var auditHead: AuditLog.Head?
        var counters: [String: Int] = [:]
        var dirtyCounters: Set<String> = []
        /// Rows of the writes before the current one, not yet inserted.
        var earlier: [Row] = []
        /// Rows of the current write, not yet inserted.
        var current: [Row] = []
        var writeIndex = 0
        var savepointOpen = false
        /// Inserting earlier writes' rows failed: the batch cannot commit.
        var failure: (any Error)?
    }

    /// What a failed write is rolled back to.
    struct Mark {
        var auditHead: AuditLog.Head?
        var counters: [String: Int]
        var dirtyCounters: Set<String>
    }

    private let state = Mutex(State())

    init() {}

    /// The batch a write runs in, if `db` is a writer's transaction.
    public static func of(_ db: any Database) -> WriteBatch? { (db as? BatchTransaction)?.batch }

    /// The newest audit entry the batch appended (or read).
    public var auditHead: AuditLog.Head? {
        get { state.withLock { $0.auditHead } }
        set { state.withLock { $0.auditHead = newValue } }
    }

    var failure: (any Error)? { state.withLock { $0.failure } }

    /// Starts the next write: the rows of the one before become earlier rows.
    func beginWrite(_ index: Int) -> Mark {
        state.withLock {
            $0.earlier += $0.current
            $0.current = []
            $0.writeIndex = index
            $0.savepointOpen = false
            return Mark(auditHead: $0.auditHead, counters: $0.counters, dirtyCounters: $0.dirtyCounters)
        }
    }

    /// Undoes the current write: its savepoint (if it sent a statement) and what it queued.
    func rollBackWrite(to mark: Mark, on sql: any SQLDatabase) async throws {
        let (open, index) = state.withLock { state in
            state.current = []
            state.auditHead = mark.auditHead
            state.counters = mark.counters
            state.dirtyCounters = mark.dirtyCounters
            return (state.savepointOpen, state.writeIndex)
        }
        if open { try await sql.raw("ROLLBACK TO SAVEPOINT zoneops_write_\(literal: index)").run() }
    }

    /// The next value of a counter the batch already holds, or nil when it must be read.
    func nextCounter(_ key: String) -> Int? {
        state.withLock { state in
            guard let value = state.counters[key] else { return nil }
            state.counters[key] = value + 1
            state.dirtyCounters.insert(key)
            return value + 1
        }
    }

    /// Remembers a counter value just read (and advanced) in the database.
    func holdCounter(_ key: String, at value: Int) {
        state.withLock { $0.counters[key] = value }
    }

    /// Queues a row, inserted before the transaction's next statement or at the end of the batch.
    /// Queued rows go in table by table, in ascending `order` (then in the order first queued):
    /// a table whose rows others reference has a lower order (`ExplicitRow.insertOrder`).
    public func deferInsert(into table: String, columns: [String], values: [any Encodable & Sendable], order: Int) {
        precondition(columns.count == values.count, "a deferred row has a value for each column")
        state.withLock { $0.current.append(Row(table: table, columns: columns, values: values, order: order)) }
    }

    /// Whether a statement must wait for rows or a savepoint first.
    func needsPreparation(savepoints: Bool) -> Bool {
        state.withLock { !$0.current.isEmpty || (!$0.savepointOpen && (savepoints || !$0.earlier.isEmpty)) }
    }

    /// Before a write's statement: earlier writes' rows, then (first time) the write's savepoint,
    /// then the write's own rows.
    func prepare(on sql: any SQLDatabase, savepoints: Bool) async throws {
        let opening = state.withLock { state -> (rows: [Row], index: Int)? in
            guard !state.savepointOpen else { return nil }
            state.savepointOpen = true
            defer { state.earlier = [] }
            return (state.earlier, state.writeIndex)
        }
        if let opening {
            do {
                try await Self.insert(opening.rows, on: sql)
                if savepoints { try await sql.raw("SAVEPOINT zoneops_write_\(literal: opening.index)").run() }
            } catch {
                // Rows of writes already answered as done could not go in: the batch must fail whole.
                state.withLock { $0.failure = $0.failure ?? error }
                throw error
            }
        }
        let own = state.withLock { state in
            defer { state.current = [] }
            return state.current
        }
        try await Self.insert(own, on: sql)
    }

    /// At the end of the batch, inside its transaction: every queued row and the counters.
    func finish(on sql: any SQLDatabase) async throws {
        let (rows, counters) = state.withLock { state in
            defer { state.earlier = []; state.current = []; state.dirtyCounters = [] }
            return (state.earlier + state.current, state.dirtyCounters.map { ($0, state.counters[$0] ?? 0) })
        }
        for (key, value) in counters.sorted(by: { $0.0 < $1.0 }) {
            try await sql.raw("UPDATE counters SET value = \(bind: value) WHERE key = \(bind: key)").run()
        }
        try await Self.insert(rows, on: sql)
    }

    /// The rows of one table and column list go in together, up to 10,000 binds a statement (well
    /// under SQLite's and PostgreSQL's limits: the batch's event rows take a few statements, not
    /// one per 35 rows); tables in ascending order, then first queued first.
    private static func insert(_ rows: [Row], on sql: any SQLDatabase) async throws {
        var groups: [(key: String, order: Int, rows: [Row])] = []
        var index: [String: Int] = [:]
        for row in rows {
            let key = row.table + "(" + row.columns.joined(separator: ",")
            if let at = index[key] { groups[at].rows.append(row) } else {
                index[key] = groups.count
                groups.append((key, row.order, [row]))
            }
        }
        let ordered = groups.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
        for group in ordered {
            let first = group.rows[0]
            try await BulkInsert.rows(into: first.table, columns: first.columns, group.rows.map(\.values), on: sql, bindsPerStatement: 10_000)
        }
    }
}

/// The writer's transaction as one write of a batch sees it: every statement, Fluent's or raw
/// SQL, first lets the batch insert the rows queued before it and open the write's savepoint.
struct BatchTransaction: Database, SQLDatabase {
    let base: any Database
    let sql: any SQLDatabase
    let batch: WriteBatch
    /// Several writes share the transaction, so each gets a savepoint.
    let savepoints: Bool

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { true }
    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    private func prepared() -> EventLoopFuture<Void> {
        guard batch.needsPreparation(savepoints: savepoints) else { return eventLoop.makeSucceededVoidFuture() }
        let batch = batch, sql = sql, savepoints = savepoints
        return eventLoop.makeFutureWithTask { try await batch.prepare(on: sql, savepoints: savepoints) }
    }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        let base = base
        return prepared().flatMap { base.execute(query: query, onOutput: onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        let base = base
        return prepared().flatMap { base.execute(schema: schema) }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        let base = base
        return prepared().flatMap { base.execute(enum: `enum`) }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let sql = sql
        return prepared().flatMap { sql.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        if batch.needsPreparation(savepoints: savepoints) { try await batch.prepare(on: sql, savepoints: savepoints) }
        try await sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
