import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Changes over JSON (API.md): create, list, one with its history and warnings, edit, the
/// actions, the implementation log, the maintenance document; blackouts; and the maintenance
/// query for one CI.
struct ChangeAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.post(SiteURL.change(.apiChanges).components, use: create)
        routes.get(SiteURL.change(.apiChanges).components, use: list)
        routes.get(SiteURL.change(.apiFeed).components, use: ChangeCalendarController.feed)
        routes.get(SiteURL.change(.apiChange(id)).components, use: show)
        routes.patch(SiteURL.change(.apiChange(id)).components, use: update)
        routes.post(SiteURL.change(.apiLog(id)).components, use: log)
        routes.on(.POST, SiteURL.change(.apiDocument(id)).components, body: .collect(maxSize: ByteCount(value: Changes.maxDocumentBytes + 64 * 1024)),
                  use: document)
        routes.post(SiteURL.change(.apiAction(id, ":action")).components, use: act)
        routes.get(SiteURL.change(.apiBlackouts).components, use: blackouts)
        routes.post(SiteURL.change(.apiBlackouts).components, use: createBlackout)
        routes.delete(SiteURL.change(.apiBlackout(id)).components, use: deleteBlackout)
        routes.get(SiteURL.change(.apiCIMaintenance(id)).components, use: maintenance)
        routes.get(SiteURL.change(.apiTemplates).components, use: templates)
        routes.post(SiteURL.change(.apiTemplate(id)).components, use: makeTemplate)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.raiseChange)
        let change = try await Changes.create(try req.content.decode(ChangeRequest.self).draft(), by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(ChangeCreatedDTO(id: try change.requireID().uuidString, number: change.number, status: change.status))
        return response
    }

    @Sendable func list(req: Request) async throws -> ListDTO<ChangeRowDTO> {
        try req.authorize(.readChanges)
        let (rows, total) = try await ChangeQueries.list(try req.changeFilter(), on: req.db)
        return ListDTO(items: rows.map(ChangeRowDTO.init), total: total)
    }

    @Sendable func show(req: Request) async throws -> ChangeDetailDTO {
        try req.authorize(.readChanges)
        return ChangeDetailDTO(try await ChangeQueries.detail(req.parameters.get("id"), graphs: req.graphs, on: req.db))
    }

    @Sendable func update(req: Request) async throws -> ChangeDetailDTO {
        let user = try req.authorize(.raiseChange)
        let id = try req.changeID()
        _ = try await Changes.update(id, try req.content.decode(ChangeRequest.self).draft(), by: req.actor, subject: user.subject, in: req.services)
        return ChangeDetailDTO(try await ChangeQueries.detail(id.uuidString, graphs: req.graphs, on: req.db))
    }

    @Sendable func act(req: Request) async throws -> ChangeDetailDTO {
        let id = try req.changeID()
        _ = try await ChangeSteps.perform(req.parameters.get("action") ?? "", on: id, try req.content.decode(ChangeActionRequest.self), req)
        return ChangeDetailDTO(try await ChangeQueries.detail(id.uuidString, graphs: req.graphs, on: req.db))
    }

    struct LogRequest: Content { var body: String }

    @Sendable func log(req: Request) async throws -> ChangeDetailDTO {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        try await Changes.log(id, try req.content.decode(LogRequest.self).body, by: req.actor, in: req.services)
        return ChangeDetailDTO(try await ChangeQueries.detail(id.uuidString, graphs: req.graphs, on: req.db))
    }

    struct Upload: Content { var file: File }

    @Sendable func document(req: Request) async throws -> ChangeDetailDTO {
        try req.authorize(.raiseChange)
        let id = try req.changeID()
        let upload = try req.content.decode(Upload.self)
        try await Changes.attachDocument(id, data: Data(buffer: upload.file.data), filename: upload.file.filename, by: req.actor,
                                         files: req.files, in: req.services)
        return ChangeDetailDTO(try await ChangeQueries.detail(id.uuidString, graphs: req.graphs, on: req.db))
    }

    struct BlackoutRequest: Content { var title: String?; var start: String?; var end: String? }
    struct BlackoutDTO: Content { var id: String; var title: String; var start: Date; var end: Date; var createdBy: String }

    @Sendable func blackouts(req: Request) async throws -> ListDTO<BlackoutDTO> {
        try req.authorize(.readChanges)
        let rows = try await ChangeQueries.blackouts(on: req.db)
        return ListDTO(items: rows.map { BlackoutDTO(id: $0.id.uuidString, title: $0.title, start: $0.start, end: $0.end, createdBy: $0.createdByName) },
                       total: rows.count)
    }

    @Sendable func createBlackout(req: Request) async throws -> Response {
        try req.authorize(.declareBlackout)
        let body = try req.content.decode(BlackoutRequest.self)
        if let start = body.start, !start.isEmpty, LocalTime.parse(start) == nil { throw AppError.invalid(field: "start", .chgTimeInvalid) }
        if let end = body.end, !end.isEmpty, LocalTime.parse(end) == nil { throw AppError.invalid(field: "end", .chgTimeInvalid) }
        let id = try await Blackouts.create(title: body.title ?? "", start: LocalTime.parse(body.start), end: LocalTime.parse(body.end),
                                            by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(["id": id.uuidString])
        return response
    }

    @Sendable func deleteBlackout(req: Request) async throws -> HTTPStatus {
        try req.authorize(.declareBlackout)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Blackouts.delete(id, by: req.actor, in: req.services)
        return .noContent
    }

    struct TemplateDTO: Content { var id: String; var name: String; var plan: String; var rollbackPlan: String; var approvedBy: String }

    @Sendable func templates(req: Request) async throws -> ListDTO<TemplateDTO> {
        try req.authorize(.readChanges)
        let rows = try await Changes.templates(on: req.db)
        return ListDTO(items: rows.map { TemplateDTO(id: $0.id?.uuidString ?? "", name: $0.name, plan: $0.plan, rollbackPlan: $0.rollbackPlan,
                                                     approvedBy: $0.approvedByName) }, total: rows.count)
    }

    struct TemplateRequest: Content { var name: String }

    /// An approver makes a completed change a pre-approved template for standard changes.
    @Sendable func makeTemplate(req: Request) async throws -> Response {
        try req.authorize(.approveChange)
        let id = try await Changes.makeTemplate(from: try req.changeID(), name: try req.content.decode(TemplateRequest.self).name,
                                                by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(["id": id.uuidString])
        return response
    }

    struct MaintenanceDTO: Content {
        var ciId: String
        var at: Date
        var inMaintenance: Bool
        var windows: [ChangeDetailDTO.Window]
    }

    /// "Is this CI in maintenance at time T" (`?at=`, default now), with its latest windows.
    @Sendable func maintenance(req: Request) async throws -> MaintenanceDTO {
        try req.authorize(.readChanges)
        guard let id = req.parameters.get("id", as: UUID.self), try await CIModel.find(id, on: req.db) != nil else { throw AppError.notFound }
        var at = req.now
        if let raw = req.query[String.self, at: "at"], !raw.isEmpty {
            guard let parsed = LocalTime.parse(raw) else { throw AppError.invalid(field: "at", .chgTimeInvalid) }
            at = parsed
        }
        let windows = try await Maintenance.windows(of: id, on: req.db)
        return MaintenanceDTO(ciId: id.uuidString, at: at, inMaintenance: try await Maintenance.isInMaintenance(id, at: at, on: req.db),
                              windows: windows.map { .init(ciId: $0.ciId.uuidString, start: $0.start, end: $0.end) })
    }
}

/// The steps on a change, shared by the API and the pages: the name is checked, the implementer
/// looked up, and the service decides who may and whether the status allows it.
enum ChangeSteps {
    static func perform(_ name: String, on id: UUID, _ body: ChangeActionRequest, _ req: Request) async throws -> ChangeModel {
        guard let action = ChangeAction(rawValue: name) else { throw AppError.notFound }
        let user = try req.authorize(.readChanges)
        var result: ChangeResult?
        if action == .complete {
            guard let parsed = ChangeResult(rawValue: body.result ?? "completed") else { throw AppError.invalid(field: "result", .attrNotAChoice) }
            result = parsed
        }
        var implementer: UUID?
        if action == .schedule, let ref = body.implementer?.trimmingCharacters(in: .whitespaces), !ref.isEmpty {
            let found = try await UserModel.query(on: req.db).group(.or) { group in
                group.filter(\.$username == ref)
                if let id = UUID(uuidString: ref) { group.filter(\.$id == id) }
            }.first()
            guard let found, let foundId = found.id else { throw AppError.invalid(field: "implementer", .chgUnknownImplementer) }
            implementer = foundId
        }
        func clean(_ text: String?, limit: Int) throws -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            guard text.count <= limit else { throw AppError.invalid(field: "comment", .chgTextTooLong) }
            return text
        }
        let step = ChangeStep(comment: try clean(body.comment, limit: 4000), result: result,
                              document: try clean(body.document, limit: ChangeDraft.maxText * 4), implementer: implementer)
        return try await Changes.perform(action, on: id, step, by: req.actor, subject: user.subject, in: req.services)
    }
}

extension Request {
    func changeID() throws -> UUID {
        guard let id = parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        return id
    }

    /// The list filter of the query string, every value bounded.
    func changeFilter() throws -> ChangeQueries.Filter {
        func choice<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let raw = query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let value = T(rawValue: raw) else { throw AppError.invalid(field: name, .attrNotAChoice) }
            return value
        }
        var ciId: UUID?
        if let raw = query[String.self, at: "ciId"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw AppError.invalid(field: "ciId", .incidentUnknownCI) }
            ciId = id
        }
        func time(_ name: String) throws -> Date? {
            guard let raw = query[String.self, at: name], !raw.isEmpty else { return nil }
            guard let date = LocalTime.parse(raw) else { throw AppError.invalid(field: name, .chgTimeInvalid) }
            return date
        }
        let q = query[String.self, at: "q"].map { String($0.unicodeScalars.filter { $0.value >= 0x20 }.prefix(100).map(Character.init)) }
        return ChangeQueries.Filter(q: q, status: try choice("status", ChangeStatus.self), type: try choice("type", ChangeType.self),
                                    ciId: ciId, from: try time("from"), to: try time("to"), page: try integer(.page))
    }
}
