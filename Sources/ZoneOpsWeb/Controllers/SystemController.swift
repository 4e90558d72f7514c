import Fluent
import SQLKit
import Vapor
import ZoneOpsStore

/// Health, metrics and the API description: for operators and their tools.
struct SystemController: RouteCollection {
    let assets: StaticAssets

    struct Health: Content {
        var status: String
        var database: String
        var version: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.healthz.components, use: health)
        routes.get(SiteURL.metrics.components, use: metrics)
        routes.get(SiteURL.openAPI.components, use: openAPI)
    }

    @Sendable func health(req: Request) async throws -> Response {
        let state = req.application.zoneOps
        let ping = await Self.ping(req.db)
        let body = Health(status: ping == nil ? "unavailable" : "ok", database: state.config.databaseKind,
                          version: state.config.version)
        let response = Response(status: ping == nil ? .serviceUnavailable : .ok)
        try response.content.encode(body)
        return response
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        let state = req.application.zoneOps
        let pool = state.config.databaseURL == nil ? 1 : 4
        state.metrics.recordDatabase(kind: state.config.databaseKind,
                                     maxConnections: pool * req.application.eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 },
                                     ping: await Self.ping(req.db), committed: state.writer.committed)
        let monitoring = req.application.monitoring
        state.metrics.recordMonitoring(accepted: monitoring.intake.acceptedCount, waiting: monitoring.intake.backlog,
                                       probes: monitoring.probes.stats, listeners: monitoring.listeners.counters)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: state.metrics.registry.emitToString()))
    }

    @Sendable func openAPI(req: Request) async throws -> Response {
        guard let response = assets.response(for: "openapi.yaml", request: req) else { throw Abort(.notFound) }
        return response
    }

    /// Time to get a connection and run `SELECT 1`; nil when the database does not answer.
    static func ping(_ db: any Database) async -> Duration? {
        let clock = ContinuousClock()
        let start = clock.now
        guard let sql = db as? any SQLDatabase, (try? await sql.raw("SELECT 1 AS one").first()) != nil else { return nil }
        return clock.now - start
    }
}
