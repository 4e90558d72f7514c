import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Availability over any period from CI state history, approved maintenance excluded
/// (DOMAIN.md's formula, `Availability` in Domain): per CI, and summed over a lane (its devices),
/// a business system (its services, databases, servers) or a domain (the CI types of an area).
public enum AvailabilityQueries {
    public struct Result: Sendable, Equatable {
        public var scope: String
        public var name: String
        public var period: TimeSpan
        public var figure: Availability.Figure
        public var cis: Int
        /// The CIs down longest in the period, with their downtime in seconds.
        public var worst: [(id: String, name: String, downSeconds: Double)]

        public static func == (a: Result, b: Result) -> Bool {
            a.scope == b.scope && a.name == b.name && a.period == b.period && a.figure == b.figure && a.cis == b.cis
        }
    }

    /// Periods longer than this are refused (a bound on the rows read).
    public static let maxDays = 400

    public static func period(from: Date?, to: Date?, now: Date) throws -> TimeSpan {
        let end = min(to ?? now, now)
        let start = from ?? end.addingTimeInterval(-30 * 86_400)
        guard start < end else { throw AppError.invalid(field: "from", .monPeriodOrder) }
        guard end.timeIntervalSince(start) <= Double(maxDays) * 86_400 else {
            throw AppError.outOfRange(field: "days", lower: 1, upper: maxDays)
        }
        return TimeSpan(start: start, end: end)
    }

    public static func ci(_ id: UUID, over period: TimeSpan, on db: any Database) async throws -> Result {
        guard let ci = try await CIModel.find(id, on: db) else { throw AppError.notFound }
        return try await group(scope: "ci", name: ci.name, cis: [(id, ci.name)], over: period, on: db)
    }

    /// A lane, a business system or any CI with what is part of it (or depends on it, for a system).
    public static func composite(_ id: UUID, over period: TimeSpan, on db: any Database) async throws -> Result {
        guard let root = try await CIModel.find(id, on: db) else { throw AppError.notFound }
        let scope = root.typeKey == "lane" ? "lane" : root.typeKey == "business_system" ? "system" : "ci"
        var members: [(UUID, String)] = [(id, root.name)]
        var frontier = [id]
        var seen: Set<UUID> = [id]
        // Members: part_of the root, transitively (a system's services, a lane's devices).
        for _ in 0..<4 where !frontier.isEmpty {
            let rows = try await CIRelationModel.query(on: db).filter(\.$target.$id ~~ frontier)
                .filter(\.$type == RelationType.partOf.rawValue).all()
            frontier = rows.map(\.$source.id).filter { seen.insert($0).inserted }
            guard !frontier.isEmpty else { break }
            for ci in try await CIModel.query(on: db).filter(\.$id ~~ frontier).all() { members.append((try ci.requireID(), ci.name)) }
        }
        return try await group(scope: scope, name: root.name, cis: members, over: period, on: db)
    }

    public static func domain(_ domain: CIDomain, over period: TimeSpan, on db: any Database) async throws -> Result {
        let types = try await CITypeModel.query(on: db).filter(\.$domain == domain.rawValue).all().map(\.key)
        let cis = try await CIModel.query(on: db).filter(\.$typeKey ~~ types).filter(\.$status == LifecycleStatus.inUse.rawValue).all()
        return try await group(scope: "domain", name: domain.rawValue, cis: try cis.map { (try $0.requireID(), $0.name) }, over: period, on: db)
    }

    static func group(scope: String, name: String, cis: [(UUID, String)], over period: TimeSpan, on db: any Database) async throws -> Result {
        var total = Availability.Figure.empty
        var downs: [(String, String, Double)] = []
        let ids = cis.map(\.0)
        var history: [UUID: [(at: Date, state: OperationalState)]] = [:]
        var before: [UUID: OperationalState] = [:]
        var windows: [UUID: [TimeSpan]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for change in try await CIStateChangeModel.query(on: db).filter(\.$ciId ~~ chunk).filter(\.$at < period.end).sort(\.$at).all() {
                let state = OperationalState(rawValue: change.toState) ?? .unknown
                if change.at <= period.start { before[change.ciId] = state } else { history[change.ciId, default: []].append((change.at, state)) }
            }
            for window in try await MaintenanceWindowModel.query(on: db).filter(\.$ciId ~~ chunk).filter(\.$startsAt < period.end).all() {
                let end = window.endsAt ?? period.end
                if end > period.start { windows[window.ciId, default: []].append(TimeSpan(start: window.startsAt, end: end)) }
            }
        }
        for (id, ciName) in cis {
            let down = Availability.downSpans(history: history[id] ?? [], before: before[id], period: period)
            let figure = Availability.figure(period: period, down: down, maintenance: windows[id] ?? [])
            total = total + figure
            if figure.downSeconds > 0 { downs.append((id.uuidString, ciName, figure.downSeconds)) }
        }
        let worst = downs.sorted { $0.2 > $1.2 }.prefix(10).map { (id: $0.0, name: $0.1, downSeconds: $0.2) }
        return Result(scope: scope, name: name, period: period, figure: total, cis: cis.count, worst: Array(worst))
    }

    /// A CI's state changes, newest first.
    public static func states(of id: UUID, limit: Int = 100, on db: any Database) async throws -> [CIStateChangeModel] {
        try await CIStateChangeModel.query(on: db).filter(\.$ciId == id).sort(\.$at, .descending).limit(limit).all()
    }
}
