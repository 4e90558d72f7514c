import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// A major incident's report facts and preventive actions, from its page.
struct MajorIncidentController: RouteCollection {
    struct ReportForm: Content {
        var level: String?
        var detectedAt: String?
        var restoredAt: String?
        var vehiclesDelayed: String?
        var impactSystems: String?
        var impactLanes: String?
        var impactCustoms: String?
        var directCause: String?
        var underlyingCause: String?
        var emergencyFix: String?
        var permanentFix: String?
    }

    struct ActionForm: Content {
        var action: String
        var owner: String
        var due: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.post(SiteURL.desk(.majorReport(id)).components, use: save)
        routes.post(SiteURL.desk(.majorActions(id)).components, use: addAction)
        routes.post(SiteURL.desk(.majorActionDone(id, SiteURL.secondParameter)).components, use: done)
    }

    private func incident(_ req: Request) async throws -> UUID {
        guard req.can(.workIncidents) || req.can(.declareMajorIncident) else { throw AppError.forbidden(.denyRole) }
        let (id, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        return id
    }

    @Sendable func save(req: Request) async throws -> Response {
        let id = try await incident(req)
        let form = try req.content.decode(ReportForm.self)
        do {
            var vehicles: Int?
            if let raw = form.vehiclesDelayed?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                guard raw.count <= 8, let value = Int(raw) else { throw AppError.invalid(field: "vehiclesDelayed", .majorNumberRange) }
                vehicles = value
            }
            let report = MajorIncidents.Report(
                level: form.level ?? "", detectedAt: try RepairSlipPage.parse(form.detectedAt, field: "detectedAt"),
                restoredAt: try RepairSlipPage.parse(form.restoredAt, field: "restoredAt"), impactSystems: form.impactSystems ?? "",
                impactLanes: form.impactLanes ?? "", impactCustoms: form.impactCustoms ?? "", vehiclesDelayed: vehicles,
                directCause: form.directCause ?? "", underlyingCause: form.underlyingCause ?? "", emergencyFix: form.emergencyFix ?? "",
                permanentFix: form.permanentFix ?? "")
            try await MajorIncidents.save(incident: id, report, by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 || error.status == 409 {
            return try await IncidentPageController.renderDetail(req, ref: id.uuidString, portal: false,
                                                                 problems: FormProblems(error, language: req.language),
                                                                 status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.majorSaved)
        return req.redirect(to: SiteURL.desk(.incident(id.uuidString)).path + "#major-report")
    }

    @Sendable func addAction(req: Request) async throws -> Response {
        let id = try await incident(req)
        let form = try req.content.decode(ActionForm.self)
        do {
            try await MajorIncidents.addAction(incident: id, action: form.action, owner: form.owner, due: form.due, by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 || error.status == 409 {
            return try await IncidentPageController.renderDetail(req, ref: id.uuidString, portal: false,
                                                                 problems: FormProblems(error, language: req.language),
                                                                 status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.majorSaved)
        return req.redirect(to: SiteURL.desk(.incident(id.uuidString)).path + "#major-report")
    }

    @Sendable func done(req: Request) async throws -> Response {
        let id = try await incident(req)
        guard let action = req.parameters.get("relation", as: UUID.self) else { throw AppError.notFound }
        try await MajorIncidents.completeAction(action, incident: id, by: req.actor, in: req.services)
        req.flash(.majorSaved)
        return req.redirect(to: SiteURL.desk(.incident(id.uuidString)).path + "#major-report")
    }
}
