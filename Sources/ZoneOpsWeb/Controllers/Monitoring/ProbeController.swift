import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Probes per CI, over JSON and from the CI's page: list, add (or the type's defaults), change,
/// remove, run once now. Changes reach the scheduler at once.
struct ProbeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.monitoring(.apiCIProbes(id)).components, use: list)
        routes.post(SiteURL.monitoring(.apiCIProbes(id)).components, use: create)
        routes.post(SiteURL.monitoring(.apiCIProbeDefaults(id)).components, use: defaults)
        routes.put(SiteURL.monitoring(.apiProbe(id)).components, use: update)
        routes.delete(SiteURL.monitoring(.apiProbe(id)).components, use: delete)
        routes.post(SiteURL.monitoring(.apiProbeRun(id)).components, use: runNow)
        routes.post(SiteURL.monitoring(.ciProbes(id)).components, use: createFromPage)
        routes.post(SiteURL.monitoring(.ciProbeDefaults(id)).components, use: defaultsFromPage)
        routes.post(SiteURL.monitoring(.probeDelete(id)).components, use: deleteFromPage)
    }

    struct ProbeRequest: Content {
        var kind: String?
        var target: String?
        var port: Int?
        var config: ProbeSpec?
        var intervalSeconds: Int?
        var timeoutMilliseconds: Int?
        var retries: Int?
        var enabled: Bool?

        var draft: Probes.Draft {
            Probes.Draft(kind: kind ?? "", target: target, port: port, spec: config ?? ProbeSpec(), intervalSeconds: intervalSeconds ?? 60,
                         timeoutMilliseconds: timeoutMilliseconds ?? 2000, retries: retries ?? 1, enabled: enabled ?? true)
        }
    }

    struct ProbeDTO: Content {
        var id: String
        var ciId: String
        var kind: String
        var target: String
        var port: Int
        var config: ProbeSpec
        var intervalSeconds: Int
        var timeoutMilliseconds: Int
        var retries: Int
        var enabled: Bool
        var state: String
        var lastRun: Date?
        var lastMessage: String?

        init(_ item: Probes.Item) {
            id = item.id
            ciId = item.ciId
            kind = item.kind
            target = item.target
            port = item.port
            config = item.spec
            intervalSeconds = item.intervalSeconds
            timeoutMilliseconds = item.timeoutMilliseconds
            retries = item.retries
            enabled = item.enabled
            state = item.state
            lastRun = item.lastRun
            lastMessage = item.lastMessage
        }
    }

    func ciID(_ req: Request) async throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self), try await CIModel.find(id, on: req.db) != nil else { throw AppError.notFound }
        return id
    }

    @Sendable func list(req: Request) async throws -> ListDTO<ProbeDTO> {
        try req.authorize(.readMonitoring)
        let items = try await Probes.list(ci: try await ciID(req), on: req.db)
        return ListDTO(items: items.map(ProbeDTO.init), total: items.count)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        let item = try await Probes.create(ci: try await ciID(req), try req.content.decode(ProbeRequest.self).draft, by: req.actor, in: req.services)
        req.application.monitoring.probes.poke()
        let response = Response(status: .created)
        try response.content.encode(ProbeDTO(item))
        return response
    }

    struct AddedDTO: Content { var added: Int }

    @Sendable func defaults(req: Request) async throws -> AddedDTO {
        try req.authorize(.configureMonitoring)
        let added = try await Probes.applyDefaults(ci: try await ciID(req), by: req.actor, in: req.services)
        req.application.monitoring.probes.poke()
        return AddedDTO(added: added)
    }

    @Sendable func update(req: Request) async throws -> ProbeDTO {
        try req.authorize(.configureMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let item = try await Probes.update(id, try req.content.decode(ProbeRequest.self).draft, by: req.actor, in: req.services)
        req.application.monitoring.probes.poke()
        return ProbeDTO(item)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try req.authorize(.configureMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Probes.delete(id, by: req.actor, in: req.services)
        req.application.monitoring.probes.poke()
        return .noContent
    }

    struct ResultDTO: Content { var check: String; var severity: String; var summary: String; var value: Double? }
    struct RunDTO: Content { var milliseconds: Double?; var results: [ResultDTO] }

    /// Runs the probe once now and answers what it found (its events follow as usual).
    @Sendable func runNow(req: Request) async throws -> RunDTO {
        try req.authorize(.configureMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self),
              let target = try await Probes.targets(on: req.db, secrets: req.services.secrets).first(where: { $0.0.id == id })?.0 else { throw AppError.notFound }
        let scheduler = req.application.monitoring.probes
        let outcome = await scheduler.runner.run(target)
        scheduler.record(target, outcome, at: req.now)
        try await scheduler.flush()
        return RunDTO(milliseconds: outcome.milliseconds,
                      results: outcome.results.map { ResultDTO(check: $0.check, severity: $0.severity.rawValue, summary: $0.summary, value: $0.value) })
    }

    struct ProbeForm: Content {
        var kind: String?
        var target: String?
        var port: String?
        var intervalSeconds: String?
        var retries: String?
        var config: String?
    }

    @Sendable func createFromPage(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        let ci = try await ciID(req)
        let form = try req.content.decode(ProbeForm.self)
        do {
            var spec = ProbeSpec()
            if let json = form.config?.trimmingCharacters(in: .whitespacesAndNewlines), !json.isEmpty {
                guard json.count <= 4000, let parsed = try? JSONDecoder().decode(ProbeSpec.self, from: Data(json.utf8)) else {
                    throw AppError.invalid(field: "config", .monProbeConfig)
                }
                spec = parsed
            }
            func number(_ text: String?, _ field: String, _ fallback: Int?) throws -> Int? {
                guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
                guard text.count <= 6, let value = Int(text) else { throw AppError.invalid(field: field, .monProbeNumber) }
                return value
            }
            let draft = Probes.Draft(kind: form.kind ?? "", target: form.target, port: try number(form.port, "port", nil), spec: spec,
                                     intervalSeconds: try number(form.intervalSeconds, "intervalSeconds", 60) ?? 60,
                                     retries: try number(form.retries, "retries", 1) ?? 1)
            _ = try await Probes.create(ci: ci, draft, by: req.actor, in: req.services)
            req.application.monitoring.probes.poke()
            req.flash(.monProbeSaved)
        } catch let error as AppError where error.status == 400 {
            req.session.data[Page.flashKey] = error.message(in: req.language)
        }
        return req.redirect(to: SiteURL.ci(ci.uuidString).path + "#probes")
    }

    @Sendable func defaultsFromPage(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        let ci = try await ciID(req)
        do {
            let added = try await Probes.applyDefaults(ci: ci, by: req.actor, in: req.services)
            req.application.monitoring.probes.poke()
            req.session.data[Page.flashKey] = req.view.format(.monProbesAdded, String(added))
        } catch let error as AppError where error.status == 400 {
            req.session.data[Page.flashKey] = error.message(in: req.language)
        }
        return req.redirect(to: SiteURL.ci(ci.uuidString).path + "#probes")
    }

    @Sendable func deleteFromPage(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self), let probe = try await ProbeModel.find(id, on: req.db) else { throw AppError.notFound }
        try await Probes.delete(id, by: req.actor, in: req.services)
        req.application.monitoring.probes.poke()
        return req.redirect(to: SiteURL.ci(probe.ciId.uuidString).path + "#probes")
    }
}
