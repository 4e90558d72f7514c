import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The repair slip of an incident: shown and printed by anyone who may read the incident,
/// filled in and charged with parts by O&M staff, confirmed by the requester.
struct RepairSlipController: RouteCollection {
    struct SlipForm: Content {
        var arrivedAt: String?
        var restoredAt: String?
        var symptom: String?
        var diagnosis: String?
        var action: String?
        var followUp: String?
    }

    struct PartsForm: Content {
        /// `partId@locationId`: one line of what is in stock.
        var stock: String
        var quantity: LooseText
        var serials: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.desk(.slip(id)).components, use: show)
        routes.post(SiteURL.desk(.slip(id)).components, use: save)
        routes.post(SiteURL.desk(.slipParts(id)).components, use: parts)
        routes.post(SiteURL.desk(.slipConfirm(id)).components, use: confirm)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req, values: [:], problems: FormProblems(), status: .ok)
    }

    @Sendable func save(req: Request) async throws -> Response {
        try req.authorize(.workIncidents)
        let id = try await incident(req)
        let form = try req.content.decode(SlipForm.self)
        do {
            let input = RepairSlips.Input(arrivedAt: try RepairSlipPage.parse(form.arrivedAt, field: "arrivedAt"),
                                          restoredAt: try RepairSlipPage.parse(form.restoredAt, field: "restoredAt"),
                                          symptom: form.symptom ?? "", diagnosis: form.diagnosis ?? "", action: form.action ?? "",
                                          followUp: form.followUp)
            try await RepairSlips.save(incident: id, input, by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 {
            let values = ["arrivedAt": form.arrivedAt ?? "", "restoredAt": form.restoredAt ?? "", "symptom": form.symptom ?? "",
                          "diagnosis": form.diagnosis ?? "", "action": form.action ?? "", "followUp": form.followUp ?? ""]
            return try await render(req, values: values, problems: FormProblems(error, language: req.language), status: .badRequest)
        }
        req.flash(.slipSaved)
        return req.redirect(to: SiteURL.desk(.slip(id.uuidString)).path)
    }

    @Sendable func parts(req: Request) async throws -> Response {
        try req.authorize(.workIncidents)
        let id = try await incident(req)
        let form = try req.content.decode(PartsForm.self)
        do {
            let pieces = form.stock.split(separator: "@").map(String.init)
            guard pieces.count == 2, let part = UUID(uuidString: pieces[0]), UUID(uuidString: pieces[1]) != nil else {
                throw AppError.invalid(field: "part", .attrNotAChoice)
            }
            guard let quantity = Int(form.quantity.text.trimmingCharacters(in: .whitespaces)) else {
                throw AppError.invalid(field: "quantity", .spareQuantityRange)
            }
            try await RepairSlips.useParts(incident: id, part: part, location: pieces[1], quantity: quantity,
                                           serials: form.serials ?? "", by: req.actor, in: req.services)
        } catch let error as AppError where [400, 404, 409, 422].contains(error.status) {
            let values = ["stock": form.stock, "quantity": form.quantity.text, "serials": form.serials ?? ""]
            return try await render(req, values: values, problems: FormProblems(error, language: req.language),
                                    status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.slipPartsUsed)
        return req.redirect(to: SiteURL.desk(.slip(id.uuidString)).path)
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let user = try req.authorize(.readIncidents)
        let (id, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        guard Policy.isRequester(user.subject, of: facts) else { throw AppError.forbidden(.incidentNotRequester) }
        try await RepairSlips.confirm(incident: id, by: req.actor, name: user.identity.displayName, in: req.services)
        req.flash(.slipSaved)
        return req.redirect(to: SiteURL.desk(.slip(id.uuidString)).path)
    }

    private func incident(_ req: Request) async throws -> UUID {
        let (id, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        return id
    }

    private func render(_ req: Request, values: [String: String], problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.authorize(.readIncidents)
        let (id, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        let work = req.can(.workIncidents)
        var stock: [(UUID, UUID, String)] = []
        if work {
            let paths = try await CIQueries.locationPaths(on: req.db)
            for row in try await SpareParts.overview(on: req.db) {
                guard let partId = row.part.id else { continue }
                for place in row.byPlace where place.quantity > 0 {
                    stock.append((partId, place.locationId,
                                  "\(row.part.name) \(row.part.partModel) · \(paths[place.locationId] ?? "—")（\(place.quantity)\(row.part.unit)）"))
                }
            }
        }
        let page = RepairSlipPage(incidentId: id.uuidString, slip: try await RepairSlips.slip(incident: id, on: req.db), stock: stock, canWork: work, isRequester: Policy.isRequester(user.subject, of: facts), values: values, problems: problems)
        let response = Page.render(page.body(req.view), title: req.t(.slipTitle), request: req)
        response.status = status
        return response
    }
}
