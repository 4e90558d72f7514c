import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The audit log for the admin, the lead and the supervisor: a page and the API.
struct AuditController: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.audit.components, use: page)
        routes.get(SiteURL.apiAudit.components, use: list)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.readAudit)
        let page = try req.integer(.page)
        var problems = FormProblems()
        var filter = AuditQueries.Filter(action: req.query["action"])
        for (name, keyPath) in [("from", \AuditQueries.Filter.from), ("to", \AuditQueries.Filter.to)] {
            guard let raw: String = req.query[name], !raw.isEmpty else { continue }
            if let day = CalendarDate(parsing: raw) { filter[keyPath: keyPath] = day } else {
                problems = FormProblems(.invalid(field: name, .attrNotDate), language: req.language)
            }
        }
        let (lines, hasMore) = try await AuditQueries.page(filter, page: page, on: req.db)
        // Walking the whole chain costs one HMAC per entry: only when asked.
        let verification = req.query[String.self, at: "verify"] == "1" ? try await req.application.verifyAudit() : nil
        let view = AuditPage(lines: lines, filter: filter, verification: verification, page: page, hasMore: hasMore, problems: problems)
        let response = Page.render(view.body(req.view), title: req.t(.auditTitle), request: req)
        if !problems.isEmpty { response.status = .badRequest }
        return response
    }

    @Sendable func list(req: Request) async throws -> ListDTO<AuditEntryDTO> {
        try req.authorize(.readAudit)
        let index = try req.integer(.page) - 1
        let rows = try await AuditLog.recent(on: req.db, limit: Self.pageSize, page: index)
        return ListDTO(items: rows.map(AuditEntryDTO.init), total: try await AuditEntryModel.query(on: req.db).count())
    }
}
