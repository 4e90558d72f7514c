import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

extension CMDBPageController {
    /// Form fields (`name`, `ip`, …, `attr.<key>`) to a service input.
    static func input(from values: [String: String]) -> CMDB.CIInput {
        var input = CMDB.CIInput()
        for (key, value) in values {
            if key.hasPrefix("attr.") {
                input.attributes[String(key.dropFirst(5))] = value
            } else if key == "credential" {
                // An empty box keeps the stored credential; a lone space removes it.
                input.credential = value.isEmpty ? nil : value
            } else if let field = CIField(rawValue: key) {
                input.fields[field] = value
            }
        }
        return input
    }

    /// The CI form for `typeKey` (or the first type), refilled with `values`.
    func form(_ req: Request, ci: CIModel?, typeKey: String?, values: [String: String], problems: FormProblems = FormProblems(),
              status: Int = 200) async throws -> Response {
        let types = try await CIQueries.types(on: req.db)
        guard let type = types.first(where: { $0.key == typeKey }) ?? types.first else { throw AppError.notFound }
        let page = CIFormPage(ci: ci, type: type.definition, types: types, locations: try await Self.locationOptions(req.db),
                              values: values, problems: problems)
        let response = Page.render(page.body(req.view), title: req.t(ci == nil ? .newCI : .editCI), request: req)
        response.status = HTTPResponseStatus(statusCode: status)
        return response
    }

    static func detail(_ req: Request, error: String?) async throws -> CIDetailPage {
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let id = try ci.requireID()
        let type = try await CITypeModel.query(on: req.db).filter(\.$key == ci.typeKey).first()
        let (outgoing, incoming) = try await CIQueries.relations(of: id, on: req.db)
        let location = try await ci.$location.id.asyncMap { try await CIQueries.locationPaths(on: req.db)[$0] } ?? nil
        var monitoring: CIMonitoringSection?
        if req.can(.readMonitoring) {
            let now = req.now
            monitoring = CIMonitoringSection(
                ciId: id.uuidString,
                month: try await AvailabilityQueries.ci(id, over: TimeSpan(start: now.addingTimeInterval(-30 * 86_400), end: now), on: req.db).figure,
                week: try await AvailabilityQueries.ci(id, over: TimeSpan(start: now.addingTimeInterval(-7 * 86_400), end: now), on: req.db).figure,
                states: try await AvailabilityQueries.states(of: id, limit: 20, on: req.db),
                alerts: try await Alerts.list(Alerts.Filter(status: "open", ciId: id, perPage: 20), on: req.db).rows,
                probes: try await Probes.list(ci: id, on: req.db))
        }
        var page = CIDetailPage(ci: ci, type: type?.definition ?? CITypeDefinition(ci.typeKey, ci.typeKey, ci.typeKey, .application),
                            location: location, outgoing: outgoing, incoming: incoming,
                            history: try await CIQueries.history(of: id, on: req.db), canEdit: req.can(.editCMDB), error: error,
                            spares: try await SpareParts.history(ofCI: id, on: req.db),
                            windows: req.can(.readChanges) ? try await Maintenance.windows(of: id, limit: 20, on: req.db) : [],
                            versions: try await ReleaseQueries.history(of: id, on: req.db), canRaiseChange: req.can(.raiseChange))
        page.monitoring = monitoring
        return page
    }

    static func locationOptions(_ db: any Database) async throws -> [(id: UUID, path: String)] {
        try await CIQueries.locationPaths(on: db).map { (id: $0.key, path: $0.value) }.sorted { $0.path < $1.path }
    }
}
