import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The asset ledger in Excel: export (all or filtered), and import with a preview in the browser.
struct LedgerController: RouteCollection {
    struct Upload: Content { var file: File }
    struct Commit: Content { var token: String }

    struct ResultDTO: Content {
        var imported: Int
        var updated: Int
        var unchanged: Int
        var errors: [LedgerImport.RowError]
        var dryRun: Bool
    }

    static let maxUpload: ByteCount = "20mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.apiCIExport.components, use: export)
        routes.get(SiteURL.ciExport.components, use: export)
        routes.get(SiteURL.ciImportTemplate.components, use: template)
        routes.on(.POST, SiteURL.apiCIImport.components, body: .collect(maxSize: Self.maxUpload), use: apiImport)
            .bodyLimit(Self.maxUpload.value)
        routes.get(SiteURL.ciImport.components, use: uploadPage)
        routes.on(.POST, SiteURL.ciImport.components, body: .collect(maxSize: Self.maxUpload), use: preview)
            .bodyLimit(Self.maxUpload.value)
        routes.post(SiteURL.ciImportCommit.components, use: commit)
    }

    @Sendable func export(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let filter = try CIQueries.Filter(req)
        let cis = try await CIQueries.all(filter, on: req.db)
        let types = Dictionary(uniqueKeysWithValues: try await CITypeModel.query(on: req.db).all().map { ($0.key, $0.definition) })
        let data = try Ledger.workbook(for: cis, types: types, locationPaths: try await CIQueries.locationPaths(on: req.db))
        return Self.download(data, name: "资产台账-\(CalendarDate.today(req.now)).xlsx", fallback: "ledger.xlsx")
    }

    /// An empty ledger with its headers and one example row, to fill in and import.
    @Sendable func template(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        return Self.download(try Ledger.template(), name: "资产台账导入模板.xlsx", fallback: "ledger-template.xlsx")
    }

    static func download(_ data: Data, name: String, fallback: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        headers.add(name: .contentDisposition,
                    value: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? fallback)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    @Sendable func apiImport(req: Request) async throws -> ResultDTO {
        try req.authorize(.editCMDB)
        let upload = try req.content.decode(Upload.self)
        let rows = try LedgerImport.rows(of: Data(buffer: upload.file.data), filename: upload.file.filename)
        let dryRun = req.query[Bool.self, at: "dryRun"] ?? false
        let outcome = try await LedgerImport.run(rows, dryRun: dryRun, language: req.language, by: req.actor, in: req.services)
        return ResultDTO(imported: outcome.imported, updated: outcome.updated, unchanged: outcome.unchanged, errors: outcome.errors,
                         dryRun: dryRun)
    }

    @Sendable func uploadPage(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        return Page.render(ImportPage(stage: .upload, error: nil).body(req.view), title: req.t(.importTitle), request: req)
    }

    /// Keeps the upload under the data directory and shows what importing it would do.
    @Sendable func preview(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        do {
            let upload = try req.content.decode(Upload.self)
            let data = Data(buffer: upload.file.data)
            let rows = try LedgerImport.rows(of: data, filename: upload.file.filename)
            let outcome = try await LedgerImport.run(rows, dryRun: true, language: req.language, by: req.actor, in: req.services)
            let token = try PendingImports(req).keep(data, filename: upload.file.filename)
            return Page.render(ImportPage(stage: .preview(outcome, token: token), error: nil).body(req.view), title: req.t(.importTitle), request: req)
        } catch let error as AppError {
            let response = Page.render(ImportPage(stage: .upload, error: error.message(in: req.language)).body(req.view),
                                       title: req.t(.importTitle), request: req)
            response.status = HTTPResponseStatus(statusCode: error.status)
            return response
        }
    }

    @Sendable func commit(req: Request) async throws -> Response {
        try req.authorize(.editCMDB)
        let form = try req.content.decode(Commit.self)
        let pending = PendingImports(req)
        guard let (data, filename) = pending.take(form.token) else {
            let response = Page.render(ImportPage(stage: .upload, error: req.t(.importExpired)).body(req.view), title: req.t(.importTitle), request: req)
            response.status = .gone
            return response
        }
        let rows = try LedgerImport.rows(of: data, filename: filename)
        let outcome = try await LedgerImport.run(rows, dryRun: false, language: req.language, by: req.actor, in: req.services)
        return Page.render(ImportPage(stage: .done(outcome), error: nil).body(req.view), title: req.t(.importTitle), request: req)
    }
}

/// Uploads waiting for the user to confirm their preview: files under `data/imports/`, named by
/// a random token bound to the uploading user, removed when taken or, by the hourly
/// `imports.clean` job, after `lifetime`.
struct PendingImports {
    static let lifetime: TimeInterval = 3600
    let request: Request
    init(_ request: Request) { self.request = request }

    static func folder(in config: AppConfig) -> URL { config.dataDirectory.appendingPathComponent("imports") }
    var folder: URL { Self.folder(in: request.application.zoneOps.config) }

    func keep(_ data: Data, filename: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let token = UUID().uuidString
        let ext = filename.lowercased().hasSuffix(".csv") ? "csv" : "xlsx"
        try data.write(to: folder.appendingPathComponent("\(request.user?.id.uuidString ?? "x")-\(token).\(ext)"))
        return token
    }

    func take(_ token: String) -> (Data, String)? {
        guard UUID(uuidString: token) != nil, let owner = request.user?.id.uuidString else { return nil }
        for ext in ["xlsx", "csv"] {
            let file = folder.appendingPathComponent("\(owner)-\(token).\(ext)")
            let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            // Past its lifetime an upload is expired even before the hourly cleanup removed it.
            guard Date().timeIntervalSince(modified) <= Self.lifetime else {
                try? FileManager.default.removeItem(at: file)
                continue
            }
            if let data = try? Data(contentsOf: file) {
                try? FileManager.default.removeItem(at: file)
                return (data, "ledger.\(ext)")
            }
        }
        return nil
    }
}
