import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// What the desk does with a whole queue: export it to .xlsx, assign or close the selected
/// tickets, save and delete named filters.
struct QueueToolsController: RouteCollection {
    struct BulkForm: Content {
        var ids: [String]?
        var action: String
        var assignee: String?
    }

    struct FilterForm: Content {
        var name: String
        var query: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.desk(.export).components, use: export)
        routes.post(SiteURL.desk(.bulk).components, use: bulk)
        routes.post(SiteURL.desk(.savedFilters).components, use: saveFilter)
        routes.post(SiteURL.desk(.savedFilterDelete(SiteURL.idParameter)).components, use: deleteFilter)
    }

    @Sendable func export(req: Request) async throws -> Response {
        let user = try req.authorize(.readIncidents)
        guard let scope = Policy.scope(user.subject, .readIncidents) else { throw AppError.forbidden(.denyRole) }
        let rows = try await IncidentQueries.all(try req.incidentFilter(), scope: scope, userId: user.id, now: req.now,
                                                 limit: IncidentExport.maxRows, on: req.db)
        let data = try IncidentExport.workbook(rows, language: req.language)
        return LedgerController.download(data, name: "事件清单-\(CalendarDate.today(req.now)).xlsx", fallback: "incidents.xlsx")
    }

    /// Each selected ticket through the same door as one by one: the policy and the status decide.
    @Sendable func bulk(req: Request) async throws -> Response {
        try req.authorize(.workIncidents)
        let form = try req.content.decode(BulkForm.self)
        guard ["assign", "close"].contains(form.action) else { throw AppError.invalid(field: "action", .attrNotAChoice) }
        let ids = Array((form.ids ?? []).prefix(200))
        guard !ids.isEmpty else {
            req.flash(.incBulkNone)
            return req.redirect(to: SiteURL.desk(.queue).path)
        }
        var done = 0, refused = 0
        for id in ids {
            do {
                _ = try await IncidentActions.perform(form.action, on: id, IncidentActionRequest(assignee: form.assignee), req)
                done += 1
            } catch let error as AppError where error.status != 401 {
                if form.action == "assign" && error.status == 400 { throw error } // an unknown assignee: say so once
                refused += 1
            }
        }
        req.session.data[Page.flashKey] = req.view.format(.incBulkDone, String(done), String(refused))
        return req.redirect(to: SiteURL.desk(.queue).path)
    }

    @Sendable func saveFilter(req: Request) async throws -> Response {
        let user = try req.authorize(.readIncidents)
        let form = try req.content.decode(FilterForm.self)
        try await SavedFilters.save(name: form.name, query: String((form.query ?? "").prefix(500)), for: user.id, on: req.db)
        req.flash(.incFilterSaved)
        let saved = try await SavedFilters.list(for: user.id, on: req.db).first { $0.name == form.name.trimmingCharacters(in: .whitespacesAndNewlines) }
        return req.redirect(to: SiteURL.desk(.queue).path + (saved.map { $0.query.isEmpty ? "" : "?" + $0.query } ?? ""))
    }

    @Sendable func deleteFilter(req: Request) async throws -> Response {
        let user = try req.authorize(.readIncidents)
        try await SavedFilters.delete(name: req.parameters.get("id") ?? "", for: user.id, on: req.db)
        return req.redirect(to: SiteURL.desk(.queue).path)
    }
}
