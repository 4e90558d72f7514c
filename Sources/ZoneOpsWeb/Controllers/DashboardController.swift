import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The workbench (home), one per role, and the areas still to be built.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.components, use: home)
        for area in Area.allCases where !area.isBuilt {
            routes.get(SiteURL.area(area).components) { req async throws -> Response in
                try req.authorize(area.requiredAction)
                return Page.render(AreaPage(area: area).body(req.view), title: req.t(area.label), request: req)
            }
        }
    }

    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.authorize(.viewDashboard)
        let summary = try await Workbench.summary(for: user.subject, now: req.now, on: req.db)
        let page = DashboardPage(displayName: user.identity.displayName, role: user.role, summary: summary, now: req.now)
        if req.query[String.self, at: "fragment"] == "tickets" { return IncidentPageController.html(page.tickets(req.view)) }
        return Page.render(page.body(req.view), title: req.t(.dashboardTitle), request: req)
    }
}
