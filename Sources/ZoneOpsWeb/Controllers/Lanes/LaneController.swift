import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsWire

/// Checkpoint lane traffic: the intake lane controllers report passes to (idempotent by lane and
/// seq), the latest passes, the lane KPIs of a period, and the traffic page that shows both and
/// re-reads itself when passes arrive. Sending needs events.send (a lane controller's account);
/// reading needs monitoring.read (customs included).
struct LaneController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.lanes(.apiPasses).components, use: report).bodyLimit(4 << 20)
        routes.get(SiteURL.lanes(.apiPasses).components, use: passes)
        routes.get(SiteURL.lanes(.apiKPIs).components, use: kpis)
        routes.get(SiteURL.lanes(.traffic).components, use: page)
    }

    static let listLimit = QueryBound(name: "limit", range: 1...LaneQueries.maxList, fallback: 50)
    static let pageDays = QueryBound(name: "days", range: 1...90, fallback: 1)

    struct OutcomeDTO: Content { var accepted: Int; var duplicates: Int }

    /// One report or an array of them; 202 with how many were new and how many were already
    /// kept; 400 naming each bad field (by index in a batch) with nothing taken.
    @Sendable func report(req: Request) async throws -> Response {
        try req.authorize(.sendEvents)
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        let batch: [LanePassMessage]
        do {
            if body.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "[") {
                batch = try JSONDecoder().decode([LanePassMessage].self, from: body)
            } else {
                batch = [try JSONDecoder().decode(LanePassMessage.self, from: body)]
            }
        } catch {
            throw AppError.invalid(field: "body", .laneNotJSON)
        }
        guard !batch.isEmpty else { throw AppError.invalid(field: "body", .laneNotJSON) }
        let outcome = try await req.application.monitoring.lanePasses.accept(batch)
        let response = Response(status: .accepted)
        try response.content.encode(OutcomeDTO(accepted: outcome.accepted, duplicates: outcome.duplicates))
        return response
    }

    struct PassDTO: Content {
        var id: String; var lane: String; var laneName: String; var seq: Int64; var arrivedAt: Date; var leftAt: Date?
        var passSeconds: Double?; var plate: String?; var rfidPlate: String?; var icCard: String?; var containers: [String]
        var containersRecognised: Bool?; var weightKg: Int?; var releaseNote: String?; var releaseStatus: Int?; var instruction: String?
        var ledText: String?; var manual: Bool; var manualReason: String?; var approver: String?

        init(_ row: LaneQueries.PassRow, code: String) {
            id = row.id.uuidString
            lane = code
            laneName = row.laneName
            seq = row.seq
            arrivedAt = row.arrivedAt
            leftAt = row.leftAt
            passSeconds = row.passSeconds
            plate = row.plate
            rfidPlate = row.rfidPlate
            icCard = row.icCard
            containers = row.containers
            containersRecognised = row.containersRecognised
            weightKg = row.weightKg
            releaseNote = row.releaseNote
            releaseStatus = row.releaseStatus?.rawValue
            instruction = row.instruction
            ledText = row.ledText
            manual = row.manual
            manualReason = row.manualReason
            approver = row.approver
        }
    }

    /// The lane a query names by code or CI id; 400 when it names none.
    static func lane(_ req: Request, among lanes: [LaneQueries.LaneInfo]) throws -> LaneQueries.LaneInfo? {
        guard let raw = req.query[String.self, at: "lane"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let lane = lanes.first(where: { $0.code == raw || $0.id.uuidString.lowercased() == raw.lowercased() }) else {
            throw AppError.invalid(field: "lane", .laneUnknown)
        }
        return lane
    }

    @Sendable func passes(req: Request) async throws -> ListDTO<PassDTO> {
        try req.authorize(.readMonitoring)
        let lanes = try await LaneQueries.lanes(on: req.db)
        let lane = try Self.lane(req, among: lanes)
        let rows = try await LaneQueries.recent(lane: lane?.id, manualOnly: req.query[String.self, at: "manual"] == "true",
                                                limit: try req.integer(Self.listLimit), on: req.db)
        let codes = Dictionary(lanes.map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        return ListDTO(items: rows.map { PassDTO($0, code: codes[$0.laneId] ?? "") }, total: rows.count)
    }

    struct FiguresDTO: Content {
        var passes: Int; var plateRate: Double?; var rfidRate: Double?; var containerRate: Double?; var manualRate: Double?
        var manualReleases: Int; var averagePassSeconds: Double?; var availability: Double?

        init(_ figures: LaneFigures, availability: Availability.Figure) {
            passes = figures.passes
            plateRate = figures.plateRate
            rfidRate = figures.rfidRate
            containerRate = figures.containerRate
            manualRate = figures.manualRate
            manualReleases = figures.manual
            averagePassSeconds = figures.averagePassSeconds
            self.availability = availability.ratio
        }
    }

    struct LaneKPIDTO: Content {
        var id: String; var code: String; var name: String; var direction: String?; var laneType: String?; var gates: String?
        var figures: FiguresDTO
    }

    struct KPIsDTO: Content { var from: Date; var to: Date; var items: [LaneKPIDTO]; var total: FiguresDTO }

    /// Each lane's KPIs over `from`…`to` (default the last 30 days), and all lanes together.
    @Sendable func kpis(req: Request) async throws -> KPIsDTO {
        try req.authorize(.readMonitoring)
        let period = try req.availabilityPeriod()
        let lanes = try await LaneQueries.lanes(on: req.db)
        let only = try Self.lane(req, among: lanes).map { Set([$0.id]) }
        let report = try await LaneQueries.report(over: period, lanes: only, on: req.db)
        return KPIsDTO(from: period.start, to: period.end, items: report.lanes.map {
            LaneKPIDTO(id: $0.lane.id.uuidString, code: $0.lane.code, name: $0.lane.name, direction: $0.lane.direction, laneType: $0.lane.laneType,
                       gates: $0.lane.gates, figures: FiguresDTO($0.figures, availability: $0.availability))
        }, total: FiguresDTO(report.total, availability: report.availability))
    }

    /// 监控 → 卡口过车: KPIs of the last `days` days per lane, and the latest passes.
    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.readMonitoring)
        let days = try req.integer(Self.pageDays)
        let lanes = try await LaneQueries.lanes(on: req.db)
        let lane = try Self.lane(req, among: lanes)
        let manualOnly = ["true", "1"].contains(req.query[String.self, at: "manual"] ?? "")
        let now = req.now
        let report = try await LaneQueries.report(over: TimeSpan(start: now.addingTimeInterval(-Double(days) * 86_400), end: now), on: req.db)
        let rows = try await LaneQueries.recent(lane: lane?.id, manualOnly: manualOnly, limit: 50, on: req.db)
        let page = LaneTrafficPage(report: report, passes: rows, lanes: lanes, days: days, lane: lane?.code, manualOnly: manualOnly,
                                   fragmentPath: SiteURL.query(SiteURL.lanes(.traffic).path, ["days": String(days), "lane": lane?.code,
                                                                                                   "manual": manualOnly ? "true" : nil, "fragment": "1"]))
        if req.query[String.self, at: "fragment"] == "1" { return IncidentPageController.html(page.content(req.view)) }
        return Page.render(page.body(req.view), title: req.t(.laneTitle), request: req)
    }
}
