import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Monitoring in the browser: the event console, the status boards (page, wall, phone) and
/// silences; each list re-reads its fragment when the live channel says monitoring changed.
struct MonitoringPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.monitoring(.console).components, use: console)
        routes.get(SiteURL.monitoring(.board(":kind")).components, use: board)
        routes.get(SiteURL.monitoring(.silences).components, use: silences)
        routes.post(SiteURL.monitoring(.silences).components, use: createSilence)
        routes.post(SiteURL.monitoring(.silenceEnd(id)).components, use: endSilence)
        routes.post(SiteURL.monitoring(.alertAck(id)).components, use: acknowledge)
        routes.post(SiteURL.monitoring(.alertMap(id)).components, use: map)
        routes.get(SiteURL.apiBoardPath.components, use: boardJSON)
        routes.get(SiteURL.monitoring(.rules).components, use: rules)
        routes.post(SiteURL.monitoring(.rules).components, use: createRule)
        routes.post(SiteURL.monitoring(.ruleDelete(id)).components, use: deleteRule)
        routes.get(SiteURL.monitoring(.settings).components, use: settings)
        routes.post(SiteURL.monitoring(.settings).components, use: saveSettings)
    }

    // MARK: Pipeline settings

    func settingsPage(_ req: Request, values: [String: String], problems: FormProblems, status: HTTPStatus) async throws -> Response {
        let response = Page.render(MonitoringSettingsPage(values: values, problems: problems).body(req.view), title: req.t(.monSettings), request: req)
        response.status = status
        return response
    }

    @Sendable func settings(req: Request) async throws -> Response {
        try req.authorize(.readMonitoring)
        return try await settingsPage(req, values: MonitoringSettingsPage.values(try await MonitoringStore.load(on: req.db)), problems: FormProblems(),
                                      status: .ok)
    }

    struct SettingsForm: Content {
        var openDelaySeconds: String?; var recoveryHoldSeconds: String?; var autoResolve: String?; var correlationWindowSeconds: String?
        var flapThreshold: String?; var flapWindowSeconds: String?; var retentionDays: String?
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        let form = try req.content.decode(SettingsForm.self)
        let raw: [String: String] = ["openDelaySeconds": form.openDelaySeconds ?? "", "recoveryHoldSeconds": form.recoveryHoldSeconds ?? "",
                                     "correlationWindowSeconds": form.correlationWindowSeconds ?? "", "flapThreshold": form.flapThreshold ?? "",
                                     "flapWindowSeconds": form.flapWindowSeconds ?? "", "retentionDays": form.retentionDays ?? "",
                                     "autoResolve": form.autoResolve == nil ? "" : "on"]
        do {
            var numbers: [String: Int] = [:]
            for key in ["openDelaySeconds", "recoveryHoldSeconds", "correlationWindowSeconds", "flapThreshold", "flapWindowSeconds", "retentionDays"] {
                guard let value = Int(raw[key]!.trimmingCharacters(in: .whitespaces)) else { throw AppError.invalid(field: key, .attrNotInteger) }
                numbers[key] = value
            }
            let settings = MonitoringSettings(openDelaySeconds: numbers["openDelaySeconds"]!, recoveryHoldSeconds: numbers["recoveryHoldSeconds"]!,
                                              autoResolve: form.autoResolve != nil, correlationWindowSeconds: numbers["correlationWindowSeconds"]!,
                                              flap: FlapPolicy(threshold: numbers["flapThreshold"]!, window: TimeInterval(numbers["flapWindowSeconds"]!)),
                                              retentionDays: numbers["retentionDays"]!)
            try await MonitoringStore.save(settings, by: req.actor, in: req.services)
            req.flash(.monSettingsSaved)
            return req.redirect(to: SiteURL.monitoring(.settings).path)
        } catch let error as AppError where error.status == 400 {
            return try await settingsPage(req, values: raw, problems: FormProblems(error, language: req.language), status: .badRequest)
        }
    }

    func rulesPage(_ req: Request, values: [String: String], problems: FormProblems, status: HTTPStatus) async throws -> Response {
        let rules = try await EventRules.all(on: req.db)
        let response = Page.render(RulesPage(rules: rules, values: values, problems: problems).body(req.view), title: req.t(.monRules), request: req)
        response.status = status
        return response
    }

    @Sendable func rules(req: Request) async throws -> Response {
        try req.authorize(.readMonitoring)
        return try await rulesPage(req, values: [:], problems: FormProblems(), status: .ok)
    }

    struct RuleForm: Content { var kind: String?; var name: String?; var pattern: String?; var check: String?; var severity: String? }

    @Sendable func createRule(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        let form = try req.content.decode(RuleForm.self)
        do {
            _ = try await EventRules.create(kind: form.kind ?? "", name: form.name ?? "", pattern: form.pattern ?? "", check: form.check ?? "",
                                           severity: form.severity ?? "", by: req.actor, in: req.services)
            try await req.application.monitoring.listeners.reloadRules()
            req.flash(.monRuleSaved)
            return req.redirect(to: SiteURL.monitoring(.rules).path)
        } catch let error as AppError where error.status == 400 {
            return try await rulesPage(req, values: ["kind": form.kind ?? "", "name": form.name ?? "", "pattern": form.pattern ?? "",
                                                     "check": form.check ?? "", "severity": form.severity ?? ""],
                                       problems: FormProblems(error, language: req.language), status: .badRequest)
        }
    }

    @Sendable func deleteRule(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await EventRules.delete(id, by: req.actor, in: req.services)
        try await req.application.monitoring.listeners.reloadRules()
        return req.redirect(to: SiteURL.monitoring(.rules).path)
    }

    @Sendable func console(req: Request) async throws -> Response {
        try req.authorize(.readMonitoring)
        let filter = try req.alertFilter()
        let (rows, total) = try await Alerts.list(filter, on: req.db)
        var fragment = req.url
        fragment.query = [fragment.query, "fragment=1"].compactMap { $0 }.joined(separator: "&")
        let page = AlertConsolePage(filter: filter, rows: rows, total: total, counts: try await Alerts.counts(on: req.db),
                                    fragmentPath: fragment.string)
        if req.query[String.self, at: "fragment"] == "1" { return IncidentPageController.html(page.list(req.view)) }
        return Page.render(page.body(req.view), title: req.t(.navMonitoring), request: req)
    }

    @Sendable func board(req: Request) async throws -> Response {
        try req.authorize(.readMonitoring)
        guard let kind = req.parameters.get("kind").flatMap(Boards.Kind.init(rawValue:)) else { throw AppError.notFound }
        let board = try await Boards.board(kind, typeNames: try await req.typeNames(), on: req.db)
        let wall = req.query[String.self, at: "wall"] == "1"
        let page = BoardPage(board: board, wall: wall, fragmentPath: SiteURL.query(SiteURL.monitoring(.board(kind.rawValue)).path, ["fragment": "1"]))
        if req.query[String.self, at: "fragment"] == "1" { return IncidentPageController.html(page.content(req.view)) }
        return Page.render(page.body(req.view), title: req.t(kind.label), request: req)
    }

    struct TileDTO: Content { var id: String; var name: String; var type: String; var state: String }
    struct GroupDTO: Content { var title: String; var ciId: String?; var state: String; var up: Int; var manualRelease: Bool; var tiles: [TileDTO] }
    struct BoardDTO: Content { var kind: String; var total: Int; var counts: [String: Int]; var groups: [GroupDTO] }

    @Sendable func boardJSON(req: Request) async throws -> BoardDTO {
        try req.authorize(.readMonitoring)
        guard let kind = req.parameters.get("kind").flatMap(Boards.Kind.init(rawValue:)) else { throw AppError.notFound }
        let board = try await Boards.board(kind, typeNames: try await req.typeNames(), on: req.db)
        return BoardDTO(kind: kind.rawValue, total: board.total,
                        counts: Dictionary(uniqueKeysWithValues: board.counts.map { ($0.key.rawValue, $0.value) }),
                        groups: board.groups.map { group in
                            GroupDTO(title: group.title, ciId: group.ciId, state: group.state.rawValue, up: group.up, manualRelease: group.manualRelease,
                                     tiles: group.tiles.map { TileDTO(id: $0.id, name: $0.name, type: $0.type, state: $0.state.rawValue) })
                        })
    }

    @Sendable func silences(req: Request) async throws -> Response {
        try req.authorize(.readMonitoring)
        let values = ["ciId": String((req.query[String.self, at: "ci"] ?? "").prefix(120))]
        return try await silencesPage(req, values: values, problems: FormProblems(), status: .ok)
    }

    func silencesPage(_ req: Request, values: [String: String], problems: FormProblems, status: HTTPStatus) async throws -> Response {
        let items = try await Silences.active(now: req.now, on: req.db)
        let response = Page.render(SilencesPage(items: items, values: values, problems: problems).body(req.view), title: req.t(.monSilences), request: req)
        response.status = status
        return response
    }

    struct SilenceForm: Content { var ciId: String?; var check: String?; var mode: String?; var hours: String?; var reason: String? }

    @Sendable func createSilence(req: Request) async throws -> Response {
        try req.authorize(.workAlerts)
        let form = try req.content.decode(SilenceForm.self)
        do {
            guard let hours = Double(form.hours ?? "") else { throw AppError.outOfRange(field: "hours", lower: 1, upper: Silences.maxDays * 24) }
            _ = try await Silences.create(ci: form.ciId, check: form.check, mode: form.mode ?? "notify", reason: form.reason ?? "",
                                          hours: hours, by: req.actor, in: req.services)
            req.flash(.monSilenceSaved)
            return req.redirect(to: SiteURL.monitoring(.silences).path)
        } catch let error as AppError where [400, 404, 422].contains(error.status) {
            return try await silencesPage(req, values: ["ciId": form.ciId ?? "", "check": form.check ?? "", "mode": form.mode ?? "",
                                                        "hours": form.hours ?? "", "reason": form.reason ?? ""],
                                          problems: FormProblems(error == .notFound ? .invalid(field: "ciId", .incidentUnknownCI) : error,
                                                                 language: req.language), status: .badRequest)
        }
    }

    @Sendable func endSilence(req: Request) async throws -> Response {
        try req.authorize(.workAlerts)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Silences.end(id, by: req.actor, in: req.services)
        req.application.monitoring.pipeline.wake()
        return req.redirect(to: SiteURL.monitoring(.silences).path)
    }

    @Sendable func acknowledge(req: Request) async throws -> Response {
        try req.authorize(.workAlerts)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        _ = try await Alerts.acknowledge(id, by: req.actor, in: req.services)
        return req.redirect(to: SiteURL.monitoring(.console).path)
    }

    struct MapForm: Content { var ciId: String? }

    @Sendable func map(req: Request) async throws -> Response {
        try req.authorize(.workAlerts)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let ref = try req.content.decode(MapForm.self).ciId?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            guard !ref.isEmpty else { throw AppError.invalid(field: "ciId", .monRequired) }
            _ = try await Alerts.map(id, to: ref, by: req.actor, in: req.services)
            req.application.monitoring.pipeline.wake()
            req.flash(.monMapped)
        } catch AppError.notFound {
            req.flash(.incidentUnknownCI)
        }
        return req.redirect(to: SiteURL.query(SiteURL.monitoring(.console).path, ["unmatched": "1"]))
    }
}

extension SiteURL {
    static var apiBoardPath: SiteURL { .monitoring(.apiBoard(":kind")) }
}

extension Request {
    /// CI type names in the reader's language, for tiles.
    func typeNames() async throws -> [String: String] {
        let types = try await CITypeModel.query(on: db).all()
        return Dictionary(types.map { ($0.key, language == .zh ? $0.nameZh : $0.nameEn) }, uniquingKeysWith: { a, _ in a })
    }
}
