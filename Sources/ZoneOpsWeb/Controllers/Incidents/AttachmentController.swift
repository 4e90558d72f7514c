import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// Attachments of an incident: uploaded by anyone who may act on it (requester or O&M staff),
/// read by anyone who may read it (requesters only the public ones).
struct AttachmentController: RouteCollection {
    struct Upload: Content {
        var file: File
        var isPublic: String?
    }

    struct ItemDTO: Content {
        var id: String
        var filename: String
        var contentType: String
        var size: Int
        var uploadedBy: String
        var isPublic: Bool
        var at: Date
        init(_ item: Attachments.Item) {
            id = item.id.uuidString
            filename = item.filename
            contentType = item.contentType
            size = item.size
            uploadedBy = item.uploadedBy
            isPublic = item.isPublic
            at = item.at
        }
    }

    /// The body a multipart upload may have: one file of 5 MB and its form fields.
    static let maxBody: ByteCount = "6mb"

    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.on(.POST, SiteURL.desk(.attachments(id)).components, body: .collect(maxSize: Self.maxBody), use: uploadPage)
            .bodyLimit(Self.maxBody.value)
        routes.on(.POST, SiteURL.desk(.apiAttachments(id)).components, body: .collect(maxSize: Self.maxBody), use: uploadAPI)
            .bodyLimit(Self.maxBody.value)
        routes.get(SiteURL.desk(.apiAttachments(id)).components, use: list)
        routes.get(SiteURL.desk(.attachment(id, SiteURL.secondParameter)).components, use: download)
    }

    @Sendable func uploadPage(req: Request) async throws -> Response {
        let id: UUID
        do {
            (id, _) = try await upload(req)
        } catch let error as AppError where error.status == 400 || error.status == 422 {
            return try await IncidentPageController.renderDetail(req, ref: req.parameters.get("id"), portal: !req.can(.workIncidents),
                                                                 problems: FormProblems(error, language: req.language),
                                                                 status: HTTPResponseStatus(statusCode: error.status))
        }
        req.flash(.attachmentAdded)
        let path = req.can(.workIncidents) ? SiteURL.desk(.incident(id.uuidString)).path : SiteURL.desk(.portalTicket(id.uuidString)).path
        return req.redirect(to: path)
    }

    @Sendable func uploadAPI(req: Request) async throws -> Response {
        let (_, item) = try await upload(req)
        let response = Response(status: .created)
        try response.content.encode(ItemDTO(item))
        return response
    }

    private func upload(_ req: Request) async throws -> (UUID, Attachments.Item) {
        let user = try req.authorize(.readIncidents)
        let (id, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        let work = req.can(.workIncidents)
        guard work || Policy.isRequester(user.subject, of: facts) else { throw AppError.forbidden(.incidentNotRequester) }
        let upload = try req.content.decode(Upload.self)
        // Requesters' files are always public; staff choose (internal by default).
        let isPublic = !work || ["true", "on", "1"].contains(upload.isPublic ?? "")
        let item = try await Attachments.add(incident: id, data: Data(buffer: upload.file.data), filename: upload.file.filename,
                                             isPublic: isPublic, by: req.actor, store: req.application.zoneOps.files, in: req.services)
        return (id, item)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<ItemDTO> {
        let (id, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        let items = try await Attachments.list(incident: id, includeInternal: req.can(.readInternalNotes), on: req.db)
        return ListDTO(items: items.map(ItemDTO.init), total: items.count)
    }

    @Sendable func download(req: Request) async throws -> Response {
        let (id, facts) = try await IncidentQueries.facts(req.parameters.get("id"), on: req.db)
        try req.authorize(.readIncidents, on: facts)
        guard let file = req.parameters.get("relation", as: UUID.self) else { throw AppError.notFound }
        let (item, data) = try await Attachments.content(file, incident: id, includeInternal: req.can(.readInternalNotes),
                                                         store: req.application.zoneOps.files, on: req.db)
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: item.contentType)
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        headers.add(name: "Content-Security-Policy", value: "sandbox; default-src 'none'; img-src 'self'")
        headers.add(name: .cacheControl, value: "private, max-age=3600")
        let encoded = item.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers.add(name: .contentDisposition, value: "inline; filename=\"attachment\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
