import FluentKit
import Foundation
import Logging
import ZoneOpsDomain
import ZoneOpsStore

/// Runs the jobs table: each `tick` enqueues the recurring jobs that have come due, leases due
/// jobs, runs their handlers and records the outcome. Several instances may tick against one
/// PostgreSQL; leasing makes each job run once. The server ticks every few seconds
/// (`run(every:)`); tests call `tick(now:)` with a pinned clock.
///
/// A capability adds work by registering a `Handler` for its kind (and a `Recurring` entry when
/// it runs on a timer); a one-off job is `JobQueue.enqueue(kind:…)` from any operation.
public struct Scheduler: Sendable {
    /// Runs one job; answers a short result for the admin page, throws to retry later.
    public typealias Handler = @Sendable (_ job: JobRecord, _ now: Date) async throws -> String?

    public struct Recurring: Sendable {
        public var kind: String
        public var recurrence: Recurrence
        public var maxAttempts: Int

        public init(kind: String, recurrence: Recurrence, maxAttempts: Int = 3) {
            self.kind = kind
            self.recurrence = recurrence
            self.maxAttempts = maxAttempts
        }
    }

    public let owner: String
    public let db: any Database
    public let now: @Sendable () -> Date
    public let logger: Logger
    public var handlers: [String: Handler] = [:]
    public var recurring: [Recurring] = []
    /// How long a leased job is this instance's before another may take it over.
    public var lease: TimeInterval = 300
    public var batch = 10

    public init(owner: String = "zoneops-\(UUID().uuidString.prefix(8))", db: any Database,
                now: @escaping @Sendable () -> Date, logger: Logger = Logger(label: "zoneops.scheduler")) {
        self.owner = owner
        self.db = db
        self.now = now
        self.logger = logger
    }

    public mutating func register(_ kind: String, _ handler: @escaping Handler) {
        handlers[kind] = handler
    }

    /// One round; answers how many jobs ran.
    @discardableResult
    public func tick(now: Date? = nil) async throws -> Int {
        let now = now ?? self.now()
        for job in recurring {
            let occurrence = job.recurrence.current(at: now)
            try await JobQueue.enqueue(kind: job.kind, runAt: occurrence.due, maxAttempts: job.maxAttempts,
                                       occurrence: occurrence.key, now: now, on: db)
        }
        let due = try await JobQueue.lease(owner: owner, now: now, lease: lease, limit: batch, on: db)
        for job in due { await run(job, now: now) }
        return due.count
    }

    private func run(_ job: JobRecord, now: Date) async {
        do {
            guard let handler = handlers[job.kind] else { throw UnknownJob(kind: job.kind) }
            let result = try await handler(job, now)
            try await JobQueue.succeed(job.id, owner: owner, result: result, now: self.now(), on: db)
        } catch {
            let reason = Self.describe(error)
            logger.warning("job failed", metadata: ["kind": .string(job.kind), "attempt": .stringConvertible(job.attempts),
                                                    "error": .string(reason)])
            try? await JobQueue.fail(job, owner: owner, error: reason, now: self.now(), on: db)
        }
    }

    /// What an admin reads of a failure: our errors' own (Chinese) text, else the localized one.
    static func describe(_ error: any Error) -> String {
        if let localized = (error as? any LocalizedError)?.errorDescription { return localized }
        if type(of: error) is NSError.Type { return error.localizedDescription }
        return String(describing: error)
    }

    /// Ticks every `interval` until the task is cancelled (the server's shutdown).
    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            do { try await tick() } catch { logger.error("scheduler tick failed: \(error)") }
            try? await Task.sleep(for: interval)
        }
    }

    struct UnknownJob: Error, CustomStringConvertible {
        var kind: String
        var description: String { "没有处理这种任务的程序：\(kind) / no handler for job kind \(kind)" }
    }
}
