import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// Maintenance windows: when a change is approved, each of its CIs gets a window over the
/// planned period; implementing opens it from that moment until the change completes. While a
/// window covers a CI its operational state is `maintenance` (`syncStates`, run by the
/// scheduler each minute and right after each step), and the windows stay as history, so
/// availability can leave them out.
///
/// **The seam for monitoring:** `isInMaintenance(_:at:)` (one CI) and `covered(_:at:)` (a batch)
/// answer "is this CI in maintenance at time T" from the windows themselves, not from the state
/// column, so an event is judged by the time it happened.
public enum Maintenance {
    public struct Window: Sendable, Equatable {
        public var ciId: UUID
        public var changeId: UUID
        public var start: Date
        /// Nil while the change is implementing.
        public var end: Date?
    }

    /// Whether an approved change's window covers the CI at `instant`.
    public static func isInMaintenance(_ ciId: UUID, at instant: Date, on db: any Database) async throws -> Bool {
        try await !covered([ciId], at: instant, on: db).isEmpty
    }

    /// Those of `ciIds` a window covers at `instant`.
    public static func covered(_ ciIds: [UUID], at instant: Date, on db: any Database) async throws -> Set<UUID> {
        guard !ciIds.isEmpty else { return [] }
        var found: Set<UUID> = []
        for chunk in stride(from: 0, to: ciIds.count, by: 500).map({ Array(ciIds[$0..<min($0 + 500, ciIds.count)]) }) {
            let rows = try await MaintenanceWindowModel.query(on: db)
                .filter(\.$ciId ~~ chunk)
                .filter(\.$startsAt <= instant)
                .group(.or) { $0.filter(\.$endsAt == nil).filter(\.$endsAt > instant) }
                .all()
            found.formUnion(rows.map(\.ciId))
        }
        return found
    }

    /// A CI's windows, newest first (for its page and, later, availability).
    public static func windows(of ciId: UUID, limit: Int = 50, on db: any Database) async throws -> [Window] {
        try await MaintenanceWindowModel.query(on: db).filter(\.$ciId == ciId).sort(\.$startsAt, .descending).limit(limit).all()
            .map { Window(ciId: $0.ciId, changeId: $0.changeId, start: $0.startsAt, end: $0.endsAt) }
    }

    /// Books the planned window on each of the change's CIs (at approval).
    static func book(_ change: ChangeModel, on db: any Database) async throws {
        let id = try change.requireID()
        try await MaintenanceWindowModel.query(on: db).filter(\.$changeId == id).delete()
        for ciId in try await Changes.cis(of: id, on: db) {
            try await MaintenanceWindowModel(ciId: ciId, changeId: id, startsAt: change.plannedStart, endsAt: change.plannedEnd).create(on: db)
        }
    }

    /// Implementation started: the windows run from now (if earlier) until completion.
    static func open(_ change: ChangeModel, at now: Date, on db: any Database) async throws {
        let id = try change.requireID()
        for window in try await MaintenanceWindowModel.query(on: db).filter(\.$changeId == id).all() {
            window.startsAt = min(window.startsAt, now)
            window.endsAt = nil
            try await window.save(on: db)
        }
    }

    /// Implementation ended: the windows end now.
    static func close(_ change: ChangeModel, at now: Date, on db: any Database) async throws {
        let id = try change.requireID()
        for window in try await MaintenanceWindowModel.query(on: db).filter(\.$changeId == id).all() {
            window.endsAt = max(window.startsAt, now)
            try await window.save(on: db)
        }
    }

    /// Puts CIs whose window has begun into `maintenance` (remembering their state) and gives
    /// CIs whose windows have all ended their state back. Answers how many CIs changed; writes
    /// (and audits) only when some did.
    public static func syncStates(now: Date, in ctx: ServiceContext) async throws -> Int {
        guard try await !pending(now: now, on: ctx.db).isEmpty else { return 0 }
        return try await ctx.audited(.system, action: AuditAction.ciMaintenance.rawValue, objectType: "ci") { tx in
            let pending = try await pending(now: now, on: tx)
            var moved: [String: String] = [:]
            for ci in pending.enter {
                let id = try ci.requireID()
                for window in try await activeWindows(now: now, on: tx, ci: id) where window.priorState == nil {
                    window.priorState = ci.state
                    try await window.save(on: tx)
                }
                ci.state = OperationalState.maintenance.rawValue
                try await ci.save(on: tx)
                moved[id.uuidString] = ci.state
            }
            for ci in pending.leave {
                let id = try ci.requireID()
                let last = try await MaintenanceWindowModel.query(on: tx).filter(\.$ciId == id).filter(\.$priorState != nil)
                    .sort(\.$startsAt, .descending).first()
                ci.state = last?.priorState.flatMap { $0 == OperationalState.maintenance.rawValue ? nil : $0 } ?? OperationalState.unknown.rawValue
                try await ci.save(on: tx)
                moved[id.uuidString] = ci.state
            }
            return (moved.count, nil, nil, AuditDraft.snapshot(moved))
        }
    }

    private static func activeWindows(now: Date, on db: any Database, ci: UUID? = nil) async throws -> [MaintenanceWindowModel] {
        let query = MaintenanceWindowModel.query(on: db).filter(\.$startsAt <= now)
            .group(.or) { $0.filter(\.$endsAt == nil).filter(\.$endsAt > now) }
        if let ci { query.filter(\.$ciId == ci) }
        return try await query.all()
    }

    private struct Pending {
        var enter: [CIModel]
        var leave: [CIModel]
        var isEmpty: Bool { enter.isEmpty && leave.isEmpty }
    }

    private static func pending(now: Date, on db: any Database) async throws -> Pending {
        let active = Set(try await activeWindows(now: now, on: db).map(\.ciId))
        let enter = active.isEmpty ? [] : try await CIModel.query(on: db).filter(\.$id ~~ Array(active))
            .filter(\.$state != OperationalState.maintenance.rawValue).all()
        // Only CIs a window put into maintenance come out of it here; a state set by hand stays.
        let held = try await CIModel.query(on: db).filter(\.$state == OperationalState.maintenance.rawValue).all()
            .filter { ci in ci.id.map { !active.contains($0) } ?? false }
        let windowed = held.isEmpty ? [] : Set(try await MaintenanceWindowModel.query(on: db)
            .filter(\.$ciId ~~ held.compactMap(\.id)).filter(\.$priorState != nil).all().map(\.ciId))
        return Pending(enter: enter, leave: held.filter { $0.id.map(windowed.contains) ?? false })
    }
}
