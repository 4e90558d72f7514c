import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// Reads of changes as plain values: the list with its filter, one change with everything its
/// page shows (CIs, history, collisions, blackouts, windows), the calendar of a period.
public enum ChangeQueries {
    public struct Filter: Sendable, Equatable {
        public var q: String?
        public var status: ChangeStatus?
        public var type: ChangeType?
        public var ciId: UUID?
        /// Changes whose planned window overlaps `[from, to)`.
        public var from: Date?
        public var to: Date?
        public var page: Int
        public static let perPage = 50

        public init(q: String? = nil, status: ChangeStatus? = nil, type: ChangeType? = nil, ciId: UUID? = nil,
                    from: Date? = nil, to: Date? = nil, page: Int = 1) {
            self.q = q
            self.status = status
            self.type = type
            self.ciId = ciId
            self.from = from
            self.to = to
            self.page = page
        }
    }

    public struct Row: Sendable, Equatable {
        public var id: UUID
        public var number: String
        public var title: String
        public var type: ChangeType
        public var status: ChangeStatus
        public var plannedStart: Date
        public var plannedEnd: Date
        public var raisedByName: String
        public var raisedBy: UUID?
        /// Emergency changes are flagged wherever changes are counted.
        public var isEmergency: Bool { type == .emergency }

        public init(_ model: ChangeModel) {
            id = model.id ?? UUID()
            number = model.number
            title = model.title
            type = model.changeType
            status = model.changeStatus
            plannedStart = model.plannedStart
            plannedEnd = model.plannedEnd
            raisedByName = model.raisedByName
            raisedBy = model.raisedBy
        }
    }

    public struct CI: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var type: String
        public var state: String
        /// How many CIs fail with this one (its impact).
        public var impacted: Int
    }

    public struct Entry: Sendable, Equatable {
        public var kind: String
        public var body: String
        public var actorName: String
        public var at: Date
    }

    public struct Collision: Sendable, Equatable {
        public var change: Row
        /// Names of the CIs both touch, directly or through impact.
        public var ciNames: [String]
    }

    public struct Blackout: Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var start: Date
        public var end: Date
        public var createdByName: String
    }

    public struct Detail: Sendable {
        public var row: Row
        public var model: ChangeModel
        public var cis: [CI]
        public var entries: [Entry]
        public var collisions: [Collision]
        public var blackouts: [Blackout]
        public var windows: [Maintenance.Window]
        public var implementerName: String?
    }

    /// Statuses whose windows compete for the same CIs (a submitted change is warned about too).
    static let competing: [ChangeStatus] = [.submitted] + ChangeStatus.booked

    public static func list(_ filter: Filter, on db: any Database) async throws -> (rows: [Row], total: Int) {
        let query = ChangeModel.query(on: db)
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let type = filter.type { query.filter(\.$type == type.rawValue) }
        if let from = filter.from { query.filter(\.$plannedEnd > from) }
        if let to = filter.to { query.filter(\.$plannedStart < to) }
        if let ciId = filter.ciId {
            let ids = try await ChangeCIModel.query(on: db).filter(\.$ciId == ciId).all().map(\.changeId)
            query.filter(\.$id ~~ ids)
        }
        if let q = filter.q?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
            let pattern = "%" + q.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query.group(.or) { group in
                group.filter(\.$title, .custom("LIKE"), pattern)
                group.filter(\.$number, .custom("LIKE"), pattern)
            }
        }
        let total = try await query.count()
        let rows = try await query.sort(\.$plannedStart, .descending).sort(\.$number, .descending)
            .range((filter.page - 1) * Filter.perPage..<filter.page * Filter.perPage).all()
        return (rows.map(Row.init), total)
    }

    /// Everything of a change but its clashes, for the API's shorter answers too.
    public static func detail(_ idText: String?, graphs: RelationGraphCache, on db: any Database) async throws -> Detail {
        guard let id = idText.flatMap(UUID.init(uuidString:)), let model = try await ChangeModel.find(id, on: db) else { throw AppError.notFound }
        let ciIds = try await Changes.cis(of: id, on: db)
        let snapshot = try await graphs.snapshot(on: db)
        let summaries = try await Impact.summaries(of: ciIds.map(\.uuidString), on: db)
        let cis = ciIds.compactMap { ciId -> CI? in
            guard let summary = summaries[ciId.uuidString] else { return nil }
            let impacted = snapshot.graph.impact(of: ciId.uuidString, pathsFor: 0).all.count
            return CI(id: ciId, name: summary.name, type: summary.type, state: summary.state, impacted: impacted)
        }.sorted { $0.name < $1.name }
        let entries = try await ChangeEntryModel.query(on: db).filter(\.$changeId == id).sort(\.$position).all()
            .map { Entry(kind: $0.kind, body: $0.body, actorName: $0.actorName, at: $0.at) }
        let windows = try await MaintenanceWindowModel.query(on: db).filter(\.$changeId == id).all()
            .map { Maintenance.Window(ciId: $0.ciId, changeId: $0.changeId, start: $0.startsAt, end: $0.endsAt) }
        let implementer = try await model.implementerId.asyncMap { try await UserModel.find($0, on: db)?.displayName }
        // A draft is warned too, so its raiser can move the window before submitting.
        return Detail(row: Row(model), model: model, cis: cis, entries: entries,
                      collisions: try await collisions(of: model, cis: ciIds, graph: snapshot.graph, on: db),
                      blackouts: try await blackouts(overlapping: TimeWindow(start: model.plannedStart, end: model.plannedEnd), on: db),
                      windows: windows, implementerName: implementer ?? nil)
    }

    /// Other submitted or booked changes whose windows overlap this one's and that touch one of
    /// its CIs, or a CI in its impact (or whose impact holds one of its CIs).
    public static func collisions(of change: ChangeModel, cis: [UUID], graph: ImpactGraph, on db: any Database) async throws -> [Collision] {
        let id = try change.requireID()
        let others = try await ChangeModel.query(on: db)
            .filter(\.$status ~~ competing.map(\.rawValue))
            .filter(\.$plannedStart < change.plannedEnd).filter(\.$plannedEnd > change.plannedStart)
            .filter(\.$id != id).all()
        guard !others.isEmpty else { return [] }
        let links = try await ChangeCIModel.query(on: db).filter(\.$changeId ~~ others.compactMap(\.id)).all()
        func reach(_ ids: Set<UUID>) -> Set<UUID> {
            ids.reduce(into: ids) { all, ci in
                all.formUnion(graph.impact(of: ci.uuidString, pathsFor: 0).all.compactMap(UUID.init(uuidString:)))
            }
        }
        let mine = ChangeCollisions.Booking(id: id, window: TimeWindow(start: change.plannedStart, end: change.plannedEnd),
                                            cis: Set(cis), reach: reach(Set(cis)))
        let bookings = others.compactMap { other -> ChangeCollisions.Booking? in
            guard let otherId = other.id else { return nil }
            let otherCIs = Set(links.filter { $0.changeId == otherId }.map(\.ciId))
            return .init(id: otherId, window: TimeWindow(start: other.plannedStart, end: other.plannedEnd), cis: otherCIs, reach: reach(otherCIs))
        }
        let clashes = ChangeCollisions.clashes(of: mine, among: bookings)
        let names = try await Impact.summaries(of: Array(Set(clashes.flatMap(\.shared))).map(\.uuidString), on: db)
        return clashes.compactMap { clash in
            guard let other = others.first(where: { $0.id == clash.other }) else { return nil }
            return Collision(change: Row(other), ciNames: clash.shared.compactMap { names[$0.uuidString]?.name }.sorted())
        }
    }

    public static func blackouts(overlapping window: TimeWindow? = nil, on db: any Database) async throws -> [Blackout] {
        let query = BlackoutModel.query(on: db)
        if let window { query.filter(\.$startsAt < window.end).filter(\.$endsAt > window.start) }
        return try await query.sort(\.$startsAt).limit(500).all().map {
            Blackout(id: $0.id ?? UUID(), title: $0.title, start: $0.startsAt, end: $0.endsAt, createdByName: $0.createdByName)
        }
    }

    /// The changes on the calendar in `[from, to)`: everything submitted or later (drafts and
    /// rejected changes book nothing), each with whether it collides or falls in a blackout.
    public static func calendar(from: Date, to: Date, graphs: RelationGraphCache, on db: any Database)
        async throws -> (rows: [(row: Row, collides: Bool, inBlackout: Bool)], blackouts: [Blackout]) {
        let models = try await ChangeModel.query(on: db)
            .filter(\.$status !~ [ChangeStatus.draft.rawValue, ChangeStatus.rejected.rawValue])
            .filter(\.$plannedStart < to).filter(\.$plannedEnd > from)
            .sort(\.$plannedStart).limit(1000).all()
        let blackouts = try await blackouts(overlapping: TimeWindow(start: from, end: to), on: db)
        let graph = try await graphs.snapshot(on: db).graph
        var rows: [(row: Row, collides: Bool, inBlackout: Bool)] = []
        for model in models {
            let window = TimeWindow(start: model.plannedStart, end: model.plannedEnd)
            let live = competing.contains(model.changeStatus)
            let collides = live ? !(try await collisions(of: model, cis: try await Changes.cis(of: try model.requireID(), on: db),
                                                         graph: graph, on: db)).isEmpty : false
            rows.append((Row(model), collides, blackouts.contains { TimeWindow(start: $0.start, end: $0.end).overlaps(window) }))
        }
        return (rows, blackouts)
    }

    /// Approved windows (booked or done) for the iCalendar feed, from `since` on.
    public static func approvedWindows(since: Date, on db: any Database) async throws -> [(row: Row, cis: [String])] {
        let approved = ChangeStatus.booked + ChangeStatus.finished
        let models = try await ChangeModel.query(on: db).filter(\.$status ~~ approved.map(\.rawValue))
            .filter(\.$plannedEnd > since).sort(\.$plannedStart).limit(2000).all()
        let links = try await ChangeCIModel.query(on: db).filter(\.$changeId ~~ models.compactMap(\.id)).all()
        let names = try await Impact.summaries(of: Array(Set(links.map(\.ciId.uuidString))), on: db)
        return models.map { model in
            (Row(model), links.filter { $0.changeId == model.id }.compactMap { names[$0.ciId.uuidString]?.name }.sorted())
        }
    }
}
