import Fluent
import Vapor
import ZoneOpsServices
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// QR labels: each CI's code (an SVG leading to its phone page) and an A4 sheet to print.
struct LabelController: RouteCollection {
    /// Labels on one sheet request at most (a few hundred pages would not print anyway).
    static let maximumLabels = 2400

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.ciQR(SiteURL.idParameter).components, use: qr)
        routes.get(SiteURL.labels.components, use: sheet)
    }

    @Sendable func qr(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let ci = try await CIQueries.find(req.parameters.get("id"), on: req.db)
        let code = try QRCode(text: Self.target(of: ci.id?.uuidString ?? "", req))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        headers.add(name: .cacheControl, value: "private, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: code.svg()))
    }

    /// The sheet for `ids` (comma-separated) or, without them, for the list's filters.
    @Sendable func sheet(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let cis: [CIModel]
        if let raw: String = req.query["ids"] {
            let ids = raw.split(separator: ",").compactMap { UUID(uuidString: String($0)) }
            cis = ids.isEmpty ? [] : try await CIModel.query(on: req.db).filter(\.$id ~~ ids).sort(\.$name).all()
        } else {
            cis = try await CIQueries.all(try CIQueries.Filter(req), on: req.db)
        }
        var page = LabelSheetPage(cis: Array(cis.prefix(Self.maximumLabels)),
                                  typeNames: try await CIQueries.typeNames(on: req.db, req.language))
        if req.application.zoneOps.config.publicURL == nil { page.fallbackAddress = Self.base(req) }
        return Page.render(page.body(req.view), title: req.t(.labelsTitle), request: req)
    }

    /// Where a scan leads: the CI's phone page at the configured public address, or this host.
    static func target(of id: String, _ req: Request) -> String {
        base(req) + SiteURL.mobileCI(id).path
    }

    static func base(_ req: Request) -> String {
        req.application.zoneOps.config.publicURL ?? "http://" + (req.headers.first(name: .host) ?? "127.0.0.1:8080")
    }
}
