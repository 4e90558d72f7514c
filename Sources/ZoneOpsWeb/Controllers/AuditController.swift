import Fluent
import Vapor
import ZoneOpsDomain
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
        let index = try req.integer(.page) - 1
        let rows = try await AuditLog.recent(on: req.db, limit: Self.pageSize, page: index)
        // Walking the whole chain costs one HMAC per entry: only when asked.
        let verification = req.query[String.self, at: "verify"] == "1" ? try await req.application.verifyAudit() : nil
        let page = AuditPage(entries: rows, verification: verification, page: index + 1,
                             hasMore: rows.count == Self.pageSize)
        return Page.render(page.body(req), title: req.t(.auditTitle), request: req)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<AuditEntryDTO> {
        try req.authorize(.readAudit)
        let index = try req.integer(.page) - 1
        let rows = try await AuditLog.recent(on: req.db, limit: Self.pageSize, page: index)
        return ListDTO(items: rows.map(AuditEntryDTO.init), total: try await AuditEntryModel.query(on: req.db).count())
    }
}
