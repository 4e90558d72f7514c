import FluentKit
import Foundation
import SQLKit
import Synchronization
import ZoneOpsDomain
import ZoneOpsStore

/// Takes events from every sender and makes them durable before the sender is answered: a
/// batch goes in on the bulk path, in one transaction of the `Writer` (so concurrent single
/// events share a commit), and the pipeline is woken to apply them. Nothing is applied here.
///
/// A burst larger than the pipeline can take is refused whole with `AppError.busy` (503 and
/// Retry-After), never dropped: when too many requests are being written at once, or when the
/// events waiting for the pipeline pass `maxBacklog`.
public final class EventIntake: Sendable {
    public let ctx: ServiceContext
    public let maxInFlight: Int
    public let maxBacklog: Int
    private let state = Mutex(State())
    private let wake: @Sendable () -> Void

    struct State {
        var inFlight = 0
        /// Waiting events as the pipeline last counted them, plus what was accepted since.
        var backlog = 0
        var accepted = 0
    }

    public init(ctx: ServiceContext, maxInFlight: Int = 256, maxBacklog: Int = 200_000, wake: @escaping @Sendable () -> Void = {}) {
        self.ctx = ctx
        self.maxInFlight = maxInFlight
        self.maxBacklog = maxBacklog
        self.wake = wake
    }

    /// Events accepted since start (for /metrics).
    public var acceptedCount: Int { state.withLock { $0.accepted } }

    /// Events waiting for the pipeline (as last counted, plus those accepted since).
    public var backlog: Int { state.withLock { $0.backlog } }

    /// The pipeline's count of waiting events, after each round.
    public func noteBacklog(_ count: Int) { state.withLock { $0.backlog = count } }

    /// Writes the events (all or none); answers how many. Throws `busy` instead of queueing
    /// without bound.
    @discardableResult
    public func accept(_ events: [IncomingEvent]) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        let admitted = state.withLock { state -> Bool in
            guard state.inFlight < maxInFlight, state.backlog + events.count <= maxBacklog else { return false }
            state.inFlight += 1
            state.backlog += events.count
            return true
        }
        guard admitted else { throw AppError.busy(retryAfterSeconds: 2) }
        defer { state.withLock { $0.inFlight -= 1 } }
        let now = ctx.now()
        let rows: [[any Encodable & Sendable]] = events.enumerated().map { index, event in
            [UUID.timeOrdered(at: now), now, index, event.occurredAt, event.source, event.ciRef, event.host, event.check, event.severity.rawValue,
             event.summary, event.fingerprint, event.occurrence, event.labelsJSON, false]
        }
        do {
            try await ctx.writer.write(on: ctx.db) { tx in
                // The rows ride in the writer's shared statements with the other writes' rows:
                // a write that only defers rows sends no statement (and opens no savepoint) of
                // its own, so concurrent batches cost one transaction and a few inserts.
                if let batch = WriteBatch.of(tx) {
                    for row in rows {
                        batch.deferInsert(into: EventRecordModel.schema, columns: EventRecordModel.columns, values: row, order: 90)
                    }
                } else {
                    try await BulkInsert.rows(into: EventRecordModel.schema, columns: EventRecordModel.columns, rows, on: tx.sql())
                }
            }
        } catch {
            state.withLock { $0.backlog -= events.count }
            throw error
        }
        state.withLock { $0.accepted += events.count }
        wake()
        return events.count
    }
}
