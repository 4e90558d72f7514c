import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Monitoring over JSON: event intake (generic and Alertmanager), the console's alerts and their
/// steps, silences, the pipeline's settings, CI availability and state history.
struct MonitoringAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.post(SiteURL.monitoring(.apiEvents).components, use: events).bodyLimit(2 << 20)
        routes.post(SiteURL.monitoring(.apiAlertmanager).components, use: alertmanager).bodyLimit(8 << 20)
        routes.get(SiteURL.monitoring(.apiAlerts).components, use: list)
        routes.get(SiteURL.monitoring(.apiAlert(id)).components, use: show)
        routes.post(SiteURL.monitoring(.apiAlertAck(id)).components, use: acknowledge)
        routes.post(SiteURL.monitoring(.apiAlertMap(id)).components, use: map)
        routes.get(SiteURL.monitoring(.apiSilences).components, use: silences)
        routes.post(SiteURL.monitoring(.apiSilences).components, use: silence)
        routes.post(SiteURL.monitoring(.apiSilenceEnd(id)).components, use: endSilence)
        routes.get(SiteURL.monitoring(.apiSettings).components, use: settings)
        routes.put(SiteURL.monitoring(.apiSettings).components, use: saveSettings)
        routes.get(SiteURL.monitoring(.apiCIAvailability(id)).components, use: ciAvailability)
        routes.get(SiteURL.monitoring(.apiCIStates(id)).components, use: states)
        routes.get(SiteURL.monitoring(.apiAvailability).components, use: availability)
        routes.get(SiteURL.monitoring(.apiRules).components, use: rules)
        routes.post(SiteURL.monitoring(.apiRules).components, use: createRule)
        routes.delete(SiteURL.monitoring(.apiRule(id)).components, use: deleteRule)
    }

    // MARK: Rules

    struct RuleDTO: Content {
        var id: String; var kind: String; var name: String; var pattern: String; var check: String; var severity: String
        init(_ rule: EventRules.Rule) {
            id = rule.id
            kind = rule.kind.rawValue
            name = rule.name
            pattern = rule.pattern
            check = rule.check
            severity = rule.severity.rawValue
        }
    }

    struct RuleRequest: Content { var kind: String?; var name: String?; var pattern: String?; var check: String?; var severity: String? }

    @Sendable func rules(req: Request) async throws -> ListDTO<RuleDTO> {
        try req.authorize(.readMonitoring)
        let rules = try await EventRules.all(on: req.db)
        return ListDTO(items: rules.map(RuleDTO.init), total: rules.count)
    }

    @Sendable func createRule(req: Request) async throws -> Response {
        try req.authorize(.configureMonitoring)
        let input = try req.content.decode(RuleRequest.self)
        let rule = try await EventRules.create(kind: input.kind ?? "", name: input.name ?? "", pattern: input.pattern ?? "", check: input.check ?? "",
                                               severity: input.severity ?? "", by: req.actor, in: req.services)
        try await req.application.monitoring.listeners.reloadRules()
        let response = Response(status: .created)
        try response.content.encode(RuleDTO(rule))
        return response
    }

    @Sendable func deleteRule(req: Request) async throws -> HTTPStatus {
        try req.authorize(.configureMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await EventRules.delete(id, by: req.actor, in: req.services)
        try await req.application.monitoring.listeners.reloadRules()
        return .noContent
    }

    // MARK: Intake

    /// One event or an array of them; 202 once all are durable, 400 naming each bad field (by
    /// index in a batch) with nothing taken, 503 with Retry-After when the pipeline is behind.
    @Sendable func events(req: Request) async throws -> Response {
        try req.authorize(.sendEvents)
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        let batch: [EventRequest]
        do {
            if body.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "[") {
                batch = try JSONDecoder().decode([EventRequest].self, from: body)
            } else {
                batch = [try JSONDecoder().decode(EventRequest.self, from: body)]
            }
        } catch {
            throw AppError.invalid(field: "body", .monNotJSON)
        }
        guard !batch.isEmpty else { throw AppError.invalid(field: "body", .monNotJSON) }
        guard batch.count <= IncomingEvent.maxBatch else { throw AppError.invalid(field: "body", .monTooMany) }
        let now = req.now
        var events: [IncomingEvent] = []
        var problems: [FieldProblem] = []
        for (index, item) in batch.enumerated() {
            let prefix = batch.count > 1 ? "[\(index)]." : ""
            var at = now
            if let text = item.at {
                guard let parsed = AlertmanagerWebhook.date(text) else {
                    problems.append(.init(field: prefix + "at", text: .monBadTime))
                    continue
                }
                guard parsed > now.addingTimeInterval(-7 * 86_400), parsed < now.addingTimeInterval(300) else {
                    problems.append(.init(field: prefix + "at", text: .monTimeOutOfRange))
                    continue
                }
                at = parsed
            }
            do {
                events.append(try IncomingEvent.make(source: item.source, ciRef: item.ciId, host: item.host, check: item.check,
                                                     severity: item.severity, summary: item.summary, fingerprint: item.fingerprint,
                                                     labels: item.labels ?? [:], occurredAt: at))
            } catch AppError.invalidFields(let found) {
                problems += found.map { .init(field: prefix + $0.field, text: $0.text) }
            }
            if problems.count > 20 { break }
        }
        if !problems.isEmpty { throw AppError.invalidFields(problems) }
        let accepted = try await req.application.monitoring.intake.accept(events)
        let response = Response(status: .accepted)
        try response.content.encode(AcceptedDTO(accepted: accepted))
        return response
    }

    /// Alertmanager's webhook (version 4): each alert becomes an event; the same notification
    /// delivered twice (an HA pair) counts once. 200 once durable.
    @Sendable func alertmanager(req: Request) async throws -> AcceptedDTO {
        try req.authorize(.sendEvents)
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        let hook: AlertmanagerWebhook
        do { hook = try AlertmanagerWebhook.decode(body) } catch { throw AppError.invalid(field: "body", .monAlertmanagerBody) }
        let now = req.now
        let events = hook.alerts.compactMap { AlertmanagerEvents.event(from: $0, receivedAt: now) }
        let accepted = try await req.application.monitoring.intake.accept(events)
        return AcceptedDTO(accepted: accepted, truncatedAlerts: hook.truncatedAlerts)
    }

    // MARK: Console

    @Sendable func list(req: Request) async throws -> ListDTO<AlertDTO> {
        try req.authorize(.readMonitoring)
        let (rows, total) = try await Alerts.list(try req.alertFilter(), on: req.db)
        return ListDTO(items: rows.map(AlertDTO.init), total: total)
    }

    @Sendable func show(req: Request) async throws -> AlertDTO {
        try req.authorize(.readMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self), let alert = try await AlertModel.find(id, on: req.db) else {
            throw AppError.notFound
        }
        return AlertDTO(try await Alerts.rows([alert], on: req.db)[0])
    }

    @Sendable func acknowledge(req: Request) async throws -> AlertDTO {
        try req.authorize(.workAlerts)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        return AlertDTO(try await Alerts.acknowledge(id, by: req.actor, in: req.services))
    }

    struct MapRequest: Content { var ciId: String? }

    @Sendable func map(req: Request) async throws -> AlertDTO {
        try req.authorize(.workAlerts)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let ref = try req.content.decode(MapRequest.self).ciId?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !ref.isEmpty else { throw AppError.invalid(field: "ciId", .monRequired) }
        let row = try await Alerts.map(id, to: ref, by: req.actor, in: req.services)
        req.application.monitoring.pipeline.wake()
        return AlertDTO(row)
    }

    // MARK: Silences

    @Sendable func silences(req: Request) async throws -> ListDTO<SilenceDTO> {
        try req.authorize(.readMonitoring)
        let items = try await Silences.active(now: req.now, on: req.db)
        return ListDTO(items: items.map(SilenceDTO.init), total: items.count)
    }

    @Sendable func silence(req: Request) async throws -> Response {
        try req.authorize(.workAlerts)
        let input = try req.content.decode(SilenceRequest.self)
        let item = try await Silences.create(ci: input.ciId, check: input.check, mode: input.mode ?? SilenceMode.notify.rawValue,
                                             reason: input.reason ?? "", hours: input.hours ?? 2, by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(SilenceDTO(item))
        return response
    }

    @Sendable func endSilence(req: Request) async throws -> HTTPStatus {
        try req.authorize(.workAlerts)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Silences.end(id, by: req.actor, in: req.services)
        req.application.monitoring.pipeline.wake()
        return .noContent
    }

    // MARK: Settings

    @Sendable func settings(req: Request) async throws -> MonitoringSettingsDTO {
        try req.authorize(.readMonitoring)
        return MonitoringSettingsDTO(try await MonitoringStore.load(on: req.db))
    }

    @Sendable func saveSettings(req: Request) async throws -> MonitoringSettingsDTO {
        try req.authorize(.configureMonitoring)
        let input = try req.content.decode(MonitoringSettingsDTO.self)
        try await MonitoringStore.save(input.settings, by: req.actor, in: req.services)
        return MonitoringSettingsDTO(try await MonitoringStore.load(on: req.db))
    }

    // MARK: Availability and states

    @Sendable func ciAvailability(req: Request) async throws -> AvailabilityDTO {
        try req.authorize(.readMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let period = try req.availabilityPeriod()
        let wide = ["1", "true"].contains(req.query[String.self, at: "members"] ?? "")
        return AvailabilityDTO(wide ? try await AvailabilityQueries.composite(id, over: period, on: req.db)
                                    : try await AvailabilityQueries.ci(id, over: period, on: req.db))
    }

    /// `?domain=video` (an area of the estate) or `?ci=` (a lane or business system with its members).
    @Sendable func availability(req: Request) async throws -> AvailabilityDTO {
        try req.authorize(.readMonitoring)
        let period = try req.availabilityPeriod()
        if let raw = req.query[String.self, at: "domain"], !raw.isEmpty {
            guard let domain = CIDomain(rawValue: raw) else { throw AppError.invalid(field: "domain", .attrNotAChoice) }
            return AvailabilityDTO(try await AvailabilityQueries.domain(domain, over: period, on: req.db))
        }
        guard let raw = req.query[String.self, at: "ci"], let id = UUID(uuidString: raw) else {
            throw AppError.invalid(field: "ci", .monRequired)
        }
        return AvailabilityDTO(try await AvailabilityQueries.composite(id, over: period, on: req.db))
    }

    @Sendable func states(req: Request) async throws -> ListDTO<StateChangeDTO> {
        try req.authorize(.readMonitoring)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let rows = try await AvailabilityQueries.states(of: id, on: req.db)
        return ListDTO(items: rows.map { StateChangeDTO(from: $0.fromState, to: $0.toState, at: $0.at, cause: $0.cause) }, total: rows.count)
    }
}

extension Request {
    func alertFilter() throws -> Alerts.Filter {
        let status = query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : $0 } ?? "open"
        guard ["open", "firing", "closed", "all"].contains(status) else { throw AppError.invalid(field: "status", .attrNotAChoice) }
        var ci: UUID?
        if let raw = query[String.self, at: "ciId"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw AppError.invalid(field: "ciId", .incidentUnknownCI) }
            ci = id
        }
        var incident: UUID?
        if let raw = query[String.self, at: "incidentId"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw AppError.notFound }
            incident = id
        }
        var severity: String?
        if let raw = query[String.self, at: "severity"], !raw.isEmpty {
            guard EventSeverity(rawValue: raw) != nil else { throw AppError.invalid(field: "severity", .monSeverityUnknown) }
            severity = raw
        }
        func text(_ name: String, _ limit: Int) -> String? {
            query[String.self, at: name].map { String($0.unicodeScalars.filter { $0.value >= 0x20 }.prefix(limit).map(Character.init)) }
                .flatMap { $0.isEmpty ? nil : $0 }
        }
        return Alerts.Filter(status: status == "all" ? nil : status, unmatched: ["1", "true"].contains(query[String.self, at: "unmatched"] ?? ""),
                             ciId: ci, incidentId: incident, severity: severity, source: text("source", 60), text: text("q", 100),
                             page: try integer(.page))
    }

    /// `?from=&to=` (RFC 3339 or YYYY-MM-DD), default the last 30 days.
    func availabilityPeriod() throws -> TimeSpan {
        func time(_ name: String) throws -> Date? {
            guard let raw = query[String.self, at: name], !raw.isEmpty else { return nil }
            if raw.count == 10, let date = LocalTime.parse(raw + "T00:00") { return date }
            guard raw.count <= 40, let date = AlertmanagerWebhook.date(raw) else { throw AppError.invalid(field: name, .monBadTime) }
            return date
        }
        return try AvailabilityQueries.period(from: time("from"), to: time("to"), now: now)
    }
}
