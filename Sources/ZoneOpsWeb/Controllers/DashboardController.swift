import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The workbench (home) and the areas still to be built.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.components, use: home)
        for area in Area.allCases where !area.isBuilt {
            routes.get(SiteURL.area(area).components) { req async throws -> Response in
                try req.authorize(area.requiredAction)
                return Page.render(AreaPage(area: area).body(req), title: req.t(area.label), request: req)
            }
        }
    }

    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.authorize(.viewDashboard)
        let page = try await Self.model(for: user, on: req.db, now: req.now)
        return Page.render(page.body(req), title: req.t(.dashboardTitle), request: req)
    }

    /// Real counts from the database; the activity list only for roles that read the audit log.
    static func model(for user: SignedInUser, on db: any Database, now: Date) async throws -> DashboardPage {
        let startOfDay = Calendar.shanghai.startOfDay(for: now)
        var counts: [DashboardPage.Count] = []
        if Policy.allows(user.role, .readCMDB) {
            let ending = try await Expiry.upcoming(within: 90, today: CalendarDate.today(now), on: db)
            let overdue = ending.filter(\.isOverdue).count
            counts.append(.init(key: .countOverdue, value: overdue, link: SiteURL.expiring(days: 30).path, alert: overdue > 0))
            counts.append(.init(key: .countExpiring, value: ending.count - overdue, link: SiteURL.expiring(days: 90).path))
            let low = try await SpareParts.overview(on: db).filter(\.belowMinimum).count
            counts.append(.init(key: .countSparesLow, value: low, link: SiteURL.spares.path, alert: low > 0))
            counts.append(.init(key: .countCIs, value: try await CIModel.query(on: db).count(), link: SiteURL.cis.path))
        }
        counts += [
            .init(key: .countUsers, value: try await UserModel.query(on: db).filter(\.$isActive == true).count()),
            .init(key: .countOrganizations, value: try await OrganizationModel.query(on: db).count()),
            .init(key: .countLoginsToday, value: try await AuditEntryModel.query(on: db)
                .filter(\.$action == AuditAction.loginSuccess.rawValue).filter(\.$at >= startOfDay).count()),
            .init(key: .countFailedLogins24h, value: try await AuditEntryModel.query(on: db)
                .filter(\.$action == AuditAction.loginFailure.rawValue).filter(\.$at >= now.addingTimeInterval(-86_400)).count()),
            .init(key: .countActiveTokens, value: try await APITokenModel.query(on: db)
                .filter(\.$revokedAt == nil).filter(\.$expiresAt > now).count()),
            .init(key: .countAuditEntries, value: try await AuditEntryModel.query(on: db).count()),
        ]
        let recent = Policy.allows(user.role, .readAudit) ? try await AuditLog.recent(on: db, limit: 8) : []
        return DashboardPage(displayName: user.identity.displayName, role: user.role, counts: counts,
                             recent: recent, database: DatabaseKind(db).rawValue)
    }
}

extension Calendar {
    static let shanghai: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Format.zone
        return calendar
    }()
}
