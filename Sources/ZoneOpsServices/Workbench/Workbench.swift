import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// What each role sees on its workbench, as plain values. The page renders it; nothing here
/// knows about HTTP. System counters are the admin's only; an enterprise sees how to reach the
/// service desk; every role sees what is coming for it.
public struct WorkbenchSummary: Sendable {
    /// One figure; `link` is where it leads, `alert` marks one that needs action.
    public struct Figure: Sendable, Equatable {
        public var key: TextKey
        public var value: Int
        public var link: Link?
        public var alert: Bool
    }

    /// Where a figure leads, named without knowing the web layer's paths.
    public enum Link: Sendable, Equatable {
        case expiring(days: Int), spares, cis, cisOfType(String), jobs
        /// An incident queue by name (`IncidentQueries.Queue`), the hotline desk, the portal.
        case queue(String), hotline, portal
    }

    /// One line of recent activity.
    public struct Activity: Sendable, Equatable {
        public var at: Date
        public var actorName: String
        public var action: String
    }

    public var figures: [Figure] = []
    public var system: [Figure] = []
    public var databaseKind: String?
    /// The newest nightly audit check: nil before the first one ran.
    public var lastAuditCheck: JobRecord?
    public var recent: [Activity] = []
    public var serviceDesk: ServiceDeskContact?
    public var coming: [TextKey] = []
    /// Tickets to act on, with their countdowns: mine (O&M), breaching soon (lead, supervisor),
    /// or the organization's open ones (requesters); `ticketsTitle` says which.
    public var tickets: [IncidentQueries.Row] = []
    public var ticketsTitle: TextKey?
    public var majors: [IncidentQueries.Row] = []
}

public enum Workbench {
    public static func summary(for subject: Subject, now: Date, on db: any Database) async throws -> WorkbenchSummary {
        let role = subject.role
        var summary = WorkbenchSummary()
        try await addIncidents(to: &summary, subject: subject, now: now, on: db)
        if role == .customs {
            summary.figures += try await customsFigures(on: db)
        } else if Policy.allows(role, .readCMDB) {
            summary.figures += try await cmdbFigures(now: now, on: db)
        }
        if Policy.allows(role, .readAudit) {
            summary.recent = try await AuditLog.recent(on: db, limit: 8).map {
                WorkbenchSummary.Activity(at: $0.at, actorName: $0.actorName, action: $0.action)
            }
        }
        if Policy.allows(role, .configureSystem) {
            summary.system = try await systemFigures(now: now, on: db)
            summary.databaseKind = DatabaseKind(db).rawValue
            summary.lastAuditCheck = try await JobModel.query(on: db).filter(\.$kind == "audit.verify")
                .filter(\.$status ~~ [JobStatus.succeeded.rawValue, JobStatus.failed.rawValue])
                .sort(\.$finishedAt, .descending).first().map(JobRecord.init)
        }
        if role == .enterprise || role == .customs {
            summary.serviceDesk = try await ServiceDeskContact.load(on: db)
        }
        summary.coming = coming(for: role)
        return summary
    }

    /// What each role will find here as the next capabilities land.
    public static func coming(for role: Role) -> [TextKey] {
        switch role {
        case .admin: [.comingRoster, .comingAlerts]
        case .lead: [.comingApprovals, .comingRoster, .comingAssessment]
        case .engineer: [.comingInspections, .comingAlerts]
        case .duty: [.comingAlerts, .comingRoster]
        case .supervisor: [.comingApprovals, .comingAssessment, .comingMonthlyReport]
        case .customs: [.comingLanes, .comingVideo]
        case .enterprise: []
        }
    }

    /// The service desk's part: queue figures and tickets by role, today's calls, open majors.
    static func addIncidents(to summary: inout WorkbenchSummary, subject: Subject, now: Date, on db: any Database) async throws {
        guard let scope = Policy.scope(subject, .readIncidents) else { return }
        let userId = UUID(uuidString: subject.userId)
        func count(_ queue: IncidentQueries.Queue) async throws -> Int {
            try await IncidentQueries.list(.init(queue: queue), scope: scope, userId: userId, now: now, on: db).total
        }
        if Policy.allows(subject.role, .workIncidents) {
            let mine = try await IncidentQueries.list(.init(queue: .mine), scope: scope, userId: userId, now: now, on: db)
            let breaching = try await count(.breaching)
            let unassigned = try await count(.unassigned)
            summary.figures += [
                .init(key: .countMyOpen, value: mine.total, link: .queue("mine"), alert: false),
                .init(key: .countBreaching, value: breaching, link: .queue("breaching"), alert: breaching > 0),
                .init(key: .countUnassigned, value: unassigned, link: .queue("unassigned"), alert: unassigned > 0),
            ]
            if subject.role == .lead {
                // Leads get what is escalated to them: the tickets nearing or past their due time.
                summary.tickets = Array(try await IncidentQueries.list(.init(queue: .breaching), scope: scope, userId: userId, now: now,
                                                                       on: db).rows.prefix(10))
                summary.ticketsTitle = .workbenchBreaching
            } else {
                summary.tickets = Array(mine.rows.prefix(10))
                summary.ticketsTitle = .portalMyTickets
            }
        } else if subject.role == .supervisor {
            let breaching = try await IncidentQueries.list(.init(queue: .breaching), scope: scope, userId: userId, now: now, on: db)
            summary.figures.append(.init(key: .countBreaching, value: breaching.total, link: .queue("breaching"), alert: breaching.total > 0))
            summary.tickets = Array(breaching.rows.prefix(10))
            summary.ticketsTitle = .workbenchBreaching
        } else if subject.role == .enterprise || subject.role == .customs {
            let open = try await IncidentQueries.list(.init(status: "open"), scope: scope, userId: userId, now: now, on: db)
            summary.tickets = Array(open.rows.prefix(10))
            summary.ticketsTitle = .workbenchOpenTickets
        }
        if Policy.allows(subject.role, .logCalls) {
            let start = CalendarDate.today(now).startInBeijing ?? now
            let calls = try await HotlineCallModel.query(on: db).filter(\.$at >= start).count()
            let callbacks = try await Hotline.calls(since: now.addingTimeInterval(-30 * 86_400), openCallbacks: true, on: db).count
            summary.figures += [
                .init(key: .countCallsToday, value: calls, link: .hotline, alert: false),
                .init(key: .countCallbacks, value: callbacks, link: .hotline, alert: callbacks > 0),
            ]
        }
        summary.majors = try await IncidentQueries.openMajors(on: db)
    }

    static func cmdbFigures(now: Date, on db: any Database) async throws -> [WorkbenchSummary.Figure] {
        let ending = try await Expiry.upcoming(within: 90, today: CalendarDate.today(now), on: db)
        let overdue = ending.filter(\.isOverdue).count
        let low = try await SpareParts.overview(on: db).filter(\.belowMinimum).count
        return [
            .init(key: .countOverdue, value: overdue, link: .expiring(days: 30), alert: overdue > 0),
            .init(key: .countExpiring, value: ending.count - overdue, link: .expiring(days: 90), alert: false),
            .init(key: .countSparesLow, value: low, link: .spares, alert: low > 0),
            .init(key: .countCIs, value: try await CIModel.query(on: db).count(), link: .cis, alert: false),
        ]
    }

    /// Customs watch the lanes and the video: how many of each the CMDB holds, and how many are down.
    static func customsFigures(on db: any Database) async throws -> [WorkbenchSummary.Figure] {
        func count(_ types: [String]) async throws -> (all: Int, down: Int) {
            let all = try await CIModel.query(on: db).filter(\.$typeKey ~~ types).count()
            let down = try await CIModel.query(on: db).filter(\.$typeKey ~~ types).filter(\.$state == "down").count()
            return (all, down)
        }
        let lanes = try await count(["lane"])
        let cameras = try await count(["camera"])
        return [
            .init(key: .countLanes, value: lanes.all, link: .cisOfType("lane"), alert: lanes.down > 0),
            .init(key: .countCameras, value: cameras.all, link: .cisOfType("camera"), alert: cameras.down > 0),
        ]
    }

    static func systemFigures(now: Date, on db: any Database) async throws -> [WorkbenchSummary.Figure] {
        let startOfDay = Calendar.shanghai.startOfDay(for: now)
        return [
            .init(key: .countUsers, value: try await UserModel.query(on: db).filter(\.$isActive == true).count(), link: nil, alert: false),
            .init(key: .countOrganizations, value: try await OrganizationModel.query(on: db).count(), link: nil, alert: false),
            .init(key: .countLoginsToday, value: try await AuditEntryModel.query(on: db)
                .filter(\.$action == AuditAction.loginSuccess.rawValue).filter(\.$at >= startOfDay).count(), link: nil, alert: false),
            .init(key: .countFailedLogins24h, value: try await AuditEntryModel.query(on: db)
                .filter(\.$action == AuditAction.loginFailure.rawValue).filter(\.$at >= now.addingTimeInterval(-86_400)).count(),
                  link: nil, alert: false),
            .init(key: .countActiveTokens, value: try await APITokenModel.query(on: db)
                .filter(\.$revokedAt == nil).filter(\.$expiresAt > now).count(), link: nil, alert: false),
            .init(key: .countAuditEntries, value: try await AuditEntryModel.query(on: db).count(), link: nil, alert: false),
        ]
    }
}

extension Calendar {
    /// The Gregorian calendar in Beijing time, where the zone's days begin.
    public static let shanghai: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        return calendar
    }()
}
