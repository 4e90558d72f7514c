import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain

/// A job as the scheduler and the admin page see it.
public struct JobRecord: Sendable, Equatable {
    public var id: UUID
    public var kind: String
    public var payload: String
    public var status: JobStatus
    public var runAt: Date
    public var attempts: Int
    public var maxAttempts: Int
    public var occurrence: String?
    public var leasedBy: String?
    public var lastError: String?
    public var result: String?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(_ model: JobModel) throws {
        id = try model.requireID()
        kind = model.kind
        payload = model.payload
        status = JobStatus(rawValue: model.status) ?? .failed
        runAt = model.runAt
        attempts = model.attempts
        maxAttempts = model.maxAttempts
        occurrence = model.occurrence
        leasedBy = model.leasedBy
        lastError = model.lastError
        result = model.result
        createdAt = model.createdAt
        finishedAt = model.finishedAt
    }
}

/// The jobs table: enqueue, lease, finish. Leasing is what makes a job run once with several
/// instances on one PostgreSQL: due rows are claimed with `FOR UPDATE SKIP LOCKED`, so two
/// instances never claim the same row. On SQLite there is one instance, and one transaction.
public enum JobQueue {
    /// Adds a job; a recurring one with an `occurrence` already enqueued is not added again
    /// (answers false).
    @discardableResult
    public static func enqueue(kind: String, payload: String = "{}", runAt: Date, maxAttempts: Int = 5,
                               occurrence: String? = nil, now: Date, on db: any Database) async throws -> Bool {
        if let occurrence, try await JobModel.query(on: db).filter(\.$kind == kind).filter(\.$occurrence == occurrence).first() != nil {
            return false
        }
        do {
            try await JobModel(kind: kind, payload: payload, runAt: runAt, maxAttempts: max(1, maxAttempts),
                               occurrence: occurrence, createdAt: now).create(on: db)
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false // another instance enqueued the same occurrence a moment ago
        }
    }

    /// Claims up to `limit` due jobs for `owner` until `now + lease`: queued ones whose time has
    /// come, and running ones whose lease ran out. Each claim counts as an attempt.
    public static func lease(owner: String, now: Date, lease: TimeInterval, limit: Int,
                             on db: any Database) async throws -> [JobRecord] {
        let until = now.addingTimeInterval(lease)
        let ids: [UUID]
        if DatabaseKind(db) == .postgres, let sql = db as? any SQLDatabase {
            let rows = try await sql.raw("""
                UPDATE jobs SET status = 'running', leased_by = \(bind: owner), lease_until = \(bind: until),
                       attempts = attempts + 1
                WHERE id IN (SELECT id FROM jobs
                             WHERE (status = 'queued' AND run_at <= \(bind: now)) OR (status = 'running' AND lease_until < \(bind: now))
                             ORDER BY run_at LIMIT \(bind: limit) FOR UPDATE SKIP LOCKED)
                RETURNING id
                """).all()
            ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        } else if let sql = db as? any SQLDatabase {
            // One statement: it takes SQLite's write lock before it reads, so it waits for a busy
            // writer instead of failing half-way (a read-then-write transaction would).
            let rows = try await sql.raw("""
                UPDATE jobs SET status = 'running', leased_by = \(bind: owner), lease_until = \(bind: until),
                       attempts = attempts + 1
                WHERE id IN (SELECT id FROM jobs
                             WHERE (status = 'queued' AND run_at <= \(bind: now)) OR (status = 'running' AND lease_until < \(bind: now))
                             ORDER BY run_at LIMIT \(bind: limit))
                RETURNING id
                """).all()
            ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        } else {
            throw NotSQLDatabase()
        }
        guard !ids.isEmpty else { return [] }
        return try await JobModel.query(on: db).filter(\.$id ~~ ids).sort(\.$runAt).all().map(JobRecord.init)
    }


    /// Marks a leased job done, with what it found.
    public static func succeed(_ id: UUID, owner: String, result: String?, now: Date, on db: any Database) async throws {
        try await JobModel.query(on: db).filter(\.$id == id).filter(\.$leasedBy == owner)
            .set(\.$status, to: JobStatus.succeeded.rawValue).set(\.$result, to: result.map { String($0.prefix(2000)) })
            .set(\.$finishedAt, to: now).set(\.$leaseUntil, to: nil).update()
    }

    /// A failed attempt: queued again after `Backoff`, or failed for good after its last attempt.
    public static func fail(_ job: JobRecord, owner: String, error: String, now: Date, on db: any Database) async throws {
        let message = String(error.prefix(2000))
        let query = JobModel.query(on: db).filter(\.$id == job.id).filter(\.$leasedBy == owner)
            .set(\.$lastError, to: message).set(\.$leaseUntil, to: nil)
        if job.attempts >= job.maxAttempts {
            try await query.set(\.$status, to: JobStatus.failed.rawValue).set(\.$finishedAt, to: now).update()
        } else {
            try await query.set(\.$status, to: JobStatus.queued.rawValue)
                .set(\.$runAt, to: now.addingTimeInterval(Backoff.delay(afterAttempt: job.attempts))).update()
        }
    }

    /// The newest jobs first, for the admin page and the API.
    public static func recent(limit: Int, on db: any Database) async throws -> [JobRecord] {
        try await JobModel.query(on: db).sort(\.$createdAt, .descending).limit(limit).all().map(JobRecord.init)
    }

    /// Finished jobs older than `before` go, so the table stays small.
    public static func prune(finishedBefore before: Date, on db: any Database) async throws {
        try await JobModel.query(on: db).filter(\.$finishedAt < before).delete()
    }
}
