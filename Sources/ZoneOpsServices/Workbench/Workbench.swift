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
}

public enum Workbench {
    public static func summary(for role: Role, now: Date, on db: any Database) async throws -> WorkbenchSummary {
        var summary = WorkbenchSummary()
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
        case .lead: [.comingQueue, .comingApprovals, .comingRoster, .comingAssessment]
        case .engineer: [.comingMyTickets, .comingInspections, .comingAlerts]
        case .duty: [.comingAlerts, .comingHotline, .comingRoster]
        case .supervisor: [.comingApprovals, .comingAssessment, .comingMonthlyReport]
        case .customs: [.comingLanes, .comingVideo, .comingOnlineReport]
        case .enterprise: [.comingOnlineReport, .comingPortal]
        }
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
