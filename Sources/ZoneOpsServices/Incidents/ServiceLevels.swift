import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Everything the SLA rules read, loaded from the database at once: the working-day calendar
/// (holidays and make-up days as data), targets per priority, the priority matrix and the
/// desk's rules (warning share, whether a vendor wait pauses, reopen window, auto-close).
public struct ServiceLevels: Sendable {
    public var workingCalendar: BusinessCalendar
    public var targets: [Priority: SLATarget]
    public var matrix: PriorityMatrix
    public var warningShare: Double
    public var vendorPauses: Bool
    public var reopenDays: Int
    public var autoCloseDays: Int
    /// Days between reminders to a requester the ticket waits for, and how many before it is resolved.
    public var remindDays: Int = 2
    public var remindLimit: Int = 3

    public static let keys = (matrix: "incidents.matrix", warningShare: "incidents.warning_share",
                              vendorPauses: "incidents.vendor_pauses", reopenDays: "incidents.reopen_days",
                              autoCloseDays: "incidents.auto_close_days", remindDays: "incidents.remind_days",
                              remindLimit: "incidents.remind_limit")

    public func calendar(_ kind: BusinessCalendar.Kind) -> BusinessCalendar {
        kind == .always ? .always(timeZone: workingCalendar.timeZone) : workingCalendar
    }

    public func target(_ priority: Priority) -> SLATarget {
        targets[priority] ?? SLATarget.defaults.first { $0.priority == priority } ?? SLATarget.defaults[3]
    }

    public static func load(on db: any Database) async throws -> ServiceLevels {
        var days: [CalendarDate: DayKind] = [:]
        for row in try await CalendarDayModel.query(on: db).all() {
            if let day = CalendarDate(parsing: row.day), let kind = DayKind(rawValue: row.kind) { days[day] = kind }
        }
        var targets: [Priority: SLATarget] = [:]
        for row in try await SLATargetModel.query(on: db).all() {
            guard let priority = Priority(rawValue: row.priority) else { continue }
            targets[priority] = SLATarget(priority: priority, responseSeconds: TimeInterval(row.responseSeconds),
                                          resolveSeconds: TimeInterval(row.resolveSeconds),
                                          calendar: BusinessCalendar.Kind(rawValue: row.calendar) ?? .workingHours)
        }
        let settings = try await SettingModel.query(on: db).filter(\.$key ~~ [keys.matrix, keys.warningShare, keys.vendorPauses,
                                                                            keys.reopenDays, keys.autoCloseDays,
                                                                            keys.remindDays, keys.remindLimit]).all()
        let values = Dictionary(settings.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let matrix = values[keys.matrix].flatMap { try? JSONDecoder().decode(PriorityMatrix.self, from: Data($0.utf8)) }
        var levels = ServiceLevels(workingCalendar: BusinessCalendar(kind: .workingHours, days: days), targets: targets,
                             matrix: matrix.flatMap { $0.isComplete ? $0 : nil } ?? .standard,
                             warningShare: values[keys.warningShare].flatMap(Double.init).map { min(0.99, max(0.1, $0)) }
                                 ?? SLATarget.defaultWarningShare,
                             vendorPauses: values[keys.vendorPauses] == "true",
                             reopenDays: values[keys.reopenDays].flatMap(Int.init) ?? 7,
                             autoCloseDays: values[keys.autoCloseDays].flatMap(Int.init) ?? 3)
        levels.remindDays = values[keys.remindDays].flatMap(Int.init) ?? 2
        levels.remindLimit = values[keys.remindLimit].flatMap(Int.init) ?? 3
        return levels
    }
}

/// The service levels, read once and kept until a calendar, target or setting changes (the app
/// clears it from `ServiceContext.didCommit`). Every incident write reads them, so this saves
/// three queries a write. Other instances see a change within `lifetime`.
public final class ServiceLevelsCache: @unchecked Sendable {
    public static let invalidatedBy: Set<String> = ["calendar", "sla_target", "settings"]
    static let lifetime: TimeInterval = 30
    private let lock = NSLock()
    private var cached: (levels: ServiceLevels, at: Date)?

    public init() {}

    public func levels(on db: any Database) async throws -> ServiceLevels {
        if let hit = lock.withLock({ cached }), Date().timeIntervalSince(hit.at) < Self.lifetime { return hit.levels }
        let fresh = try await ServiceLevels.load(on: db)
        lock.withLock { cached = (fresh, Date()) }
        return fresh
    }

    public func clear() {
        lock.withLock { cached = nil }
    }
}
