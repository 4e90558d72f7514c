import Vapor
import ZoneOpsDomain
import ZoneSimulator

/// The demo's fault scenarios, over JSON (`zoneops simulate` uses it) and on the admin page:
/// list them, start one, clear one. Reading needs monitoring.read, staging monitoring.configure;
/// a server not running the demo answers 422 `simulator_unavailable`.
struct SimulatorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.monitoring(.apiScenarios).components, use: list)
        routes.post(SiteURL.monitoring(.apiScenario(":key")).components, use: apply)
        routes.get(SiteURL.monitoring(.simulator).components, use: page)
        routes.post(SiteURL.monitoring(.simulatorScenario(":key")).components, use: applyFromPage)
    }

    struct ScenarioDTO: Content {
        var key: String
        var title: String
        var effect: String
        var targets: [String]
        var running: Bool
        var since: Date?

        init(_ scenario: Scenario, conditions: ZoneConditions, language: AppLanguage) {
            key = scenario.key
            title = language == .zh ? scenario.titleZh : scenario.titleEn
            effect = scenario.effect.rawValue
            targets = scenario.targets
            since = conditions.running[scenario.key]
            running = since != nil
        }
    }

    struct ApplyRequest: Content { var clear: Bool? }

    static func zone(_ req: Request) throws -> VirtualZone {
        guard let zone = req.application.simulator else { throw AppError.rule(code: "simulator_unavailable", .simUnavailable) }
        return zone
    }

    static func apply(_ req: Request, clear: Bool) throws -> VirtualZone {
        try req.authorize(.configureMonitoring)
        let zone = try zone(req)
        let key = req.parameters.get("key") ?? ""
        do {
            try zone.apply(key, clear: clear)
        } catch VirtualZone.Failure.unknownScenario {
            throw AppError.rule(code: "unknown_scenario", .simUnknown)
        }
        req.logger.notice("模拟场景 \(clear ? "清除" : "启动") \(key)，操作人 \(req.actor.name)")
        return zone
    }

    @Sendable func list(req: Request) async throws -> ListDTO<ScenarioDTO> {
        try req.authorize(.readMonitoring)
        let zone = try Self.zone(req)
        let conditions = zone.conditions
        let items = zone.scenarios.map { ScenarioDTO($0, conditions: conditions, language: req.language) }
        return ListDTO(items: items, total: items.count)
    }

    @Sendable func apply(req: Request) async throws -> ScenarioDTO {
        // No body starts the scenario; a body must be the JSON object documented.
        let body = (req.body.data?.readableBytes ?? 0) == 0 ? nil : try req.content.decode(ApplyRequest.self)
        let zone = try Self.apply(req, clear: body?.clear ?? false)
        let key = req.parameters.get("key") ?? ""
        let scenario = zone.scenarios.first { $0.key == key }!
        return ScenarioDTO(scenario, conditions: zone.conditions, language: req.language)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.readMonitoring)
        let zone = try Self.zone(req)
        let conditions = zone.conditions
        let items = zone.scenarios.map { ScenarioDTO($0, conditions: conditions, language: req.language) }
        return Page.render(SimulatorPage(items: items).body(req.view), title: req.t(.simTitle), request: req)
    }

    struct PageForm: Content { var clear: String? }

    @Sendable func applyFromPage(req: Request) async throws -> Response {
        let clear = (try? req.content.decode(PageForm.self))?.clear == "1"
        _ = try Self.apply(req, clear: clear)
        req.flash(clear ? .simCleared : .simStarted)
        return req.redirect(to: SiteURL.monitoring(.simulator).path)
    }
}
