import Fluent
import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// The change calendar (month, week, a list on phones), its iCalendar feed of approved
/// windows, the blackout periods and the change rules.
struct ChangeCalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.change(.calendar(view: nil, date: nil)).components, use: calendar)
        routes.get(SiteURL.change(.feed).components, use: Self.feed)
        routes.get(SiteURL.change(.blackouts).components, use: blackouts)
        routes.post(SiteURL.change(.blackouts).components, use: createBlackout)
        routes.post(SiteURL.change(.blackoutDelete(SiteURL.idParameter)).components, use: deleteBlackout)
        routes.get(SiteURL.change(.rules).components, use: rules)
        routes.post(SiteURL.change(.rules).components, use: saveRules)
    }

    @Sendable func calendar(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        let mode = ChangeCalendarPage.Mode(rawValue: req.query[String.self, at: "view"] ?? "month") ?? .month
        var anchor = CalendarDate.today(req.now)
        if let raw = req.query[String.self, at: "date"], !raw.isEmpty {
            guard raw.count <= 10, let parsed = CalendarDate(parsing: raw), LocalTime.years.contains(parsed.year) else {
                throw AppError.invalid(field: "date", .chgTimeInvalid)
            }
            anchor = parsed
        }
        let page = Self.page(mode, anchor: anchor)
        guard let from = page.days.first?.startInBeijing, let last = page.days.last?.startInBeijing else { throw AppError.notFound }
        let (rows, blackouts) = try await ChangeQueries.calendar(from: from, to: last.addingTimeInterval(86_400), graphs: req.graphs, on: req.db)
        var filled = page
        filled.rows = rows
        filled.blackouts = blackouts
        return Page.render(filled.body(req.view), title: req.t(.chgCalendar), request: req)
    }

    /// The days a month (whole weeks, Monday first) or a week shows around `anchor`.
    static func page(_ mode: ChangeCalendarPage.Mode, anchor: CalendarDate) -> ChangeCalendarPage {
        func monday(of day: CalendarDate) -> CalendarDate {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Format.zone
            let weekday = day.startInBeijing.map { calendar.component(.weekday, from: $0) } ?? 2
            return day.adding(days: -((weekday + 5) % 7))
        }
        switch mode {
        case .week:
            let first = monday(of: anchor)
            return ChangeCalendarPage(mode: .week, first: first, days: (0..<7).map { first.adding(days: $0) }, rows: [], blackouts: [],
                                      previous: first.adding(days: -7), next: first.adding(days: 7))
        case .month:
            let first = CalendarDate(year: anchor.year, month: anchor.month, day: 1) ?? anchor
            let start = monday(of: first)
            let nextMonth = first.month == 12 ? CalendarDate(year: first.year + 1, month: 1, day: 1) : CalendarDate(year: first.year, month: first.month + 1, day: 1)
            let end = nextMonth ?? first.adding(days: 31)
            let weeks = (start.days(until: end) + 6) / 7
            let previous = first.month == 1 ? CalendarDate(year: first.year - 1, month: 12, day: 1) : CalendarDate(year: first.year, month: first.month - 1, day: 1)
            return ChangeCalendarPage(mode: .month, first: first, days: (0..<weeks * 7).map { start.adding(days: $0) }, rows: [], blackouts: [],
                                      previous: previous ?? first.adding(days: -28), next: end)
        }
    }

    /// The approved windows as iCalendar (RFC 5545), from 90 days back: for a calendar app with
    /// an API token (`Authorization: Bearer`) or a signed-in browser.
    @Sendable static func feed(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        let rows = try await ChangeQueries.approvedWindows(since: req.now.addingTimeInterval(-90 * 86_400), on: req.db)
        let view = req.view
        // Links only to the address phones and desks reach the server at, never one the request named.
        let host = req.application.zoneOps.config.publicURL ?? ""
        let events = rows.map { entry in
            ICalendar.Event(uid: entry.row.id.uuidString + "@zoneops", start: entry.row.plannedStart, end: entry.row.plannedEnd,
                            summary: "[" + view.t(entry.row.type.label) + "] " + entry.row.number + " " + entry.row.title,
                            description: view.t(entry.row.status.label) + "\n" + view.t(.chgFieldCIs) + "：" + entry.cis.joined(separator: "、"),
                            url: host.isEmpty ? nil : host + SiteURL.change(.change(entry.row.id.uuidString)).path, stamp: req.now)
        }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: ICalendar.document(name: view.t(.chgCalendar), events: events)))
    }

    @Sendable func blackouts(req: Request) async throws -> Response {
        try req.authorize(.readChanges)
        return try await renderBlackouts(req, values: [:], problems: FormProblems(), status: .ok)
    }

    private func renderBlackouts(_ req: Request, values: [String: String], problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let page = BlackoutsPage(blackouts: try await ChangeQueries.blackouts(on: req.db), values: values, problems: problems)
        let response = Page.render(page.body(req.view), title: req.t(.chgBlackouts), request: req)
        response.status = status
        return response
    }

    struct BlackoutForm: Content { var title: String?; var start: String?; var end: String? }

    @Sendable func createBlackout(req: Request) async throws -> Response {
        try req.authorize(.declareBlackout)
        let form = try req.content.decode(BlackoutForm.self)
        do {
            for (field, text) in [("start", form.start), ("end", form.end)] where !(text ?? "").isEmpty && LocalTime.parse(text) == nil {
                throw AppError.invalid(field: field, .chgTimeInvalid)
            }
            _ = try await Blackouts.create(title: form.title ?? "", start: LocalTime.parse(form.start), end: LocalTime.parse(form.end),
                                           by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 {
            return try await renderBlackouts(req, values: ["title": form.title ?? "", "start": form.start ?? "", "end": form.end ?? ""],
                                             problems: FormProblems(error, language: req.language), status: .badRequest)
        }
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.change(.blackouts).path)
    }

    @Sendable func deleteBlackout(req: Request) async throws -> Response {
        try req.authorize(.declareBlackout)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        try await Blackouts.delete(id, by: req.actor, in: req.services)
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.change(.blackouts).path)
    }

    @Sendable func rules(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let page = ChangeRulesPage(rules: try await ChangeRulesStore.load(on: req.db))
        return Page.render(page.body(req.view), title: req.t(.chgRules), request: req)
    }

    @Sendable func saveRules(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode([String: String].self)
        var rules = try await ChangeRulesStore.load(on: req.db)
        do {
            guard let raw = form["leadDays"], raw.count <= 4, let days = Int(raw.trimmingCharacters(in: .whitespaces)) else {
                throw AppError.outOfRange(field: "leadDays", lower: ChangeRules.leadDaysRange.lowerBound, upper: ChangeRules.leadDaysRange.upperBound)
            }
            rules.leadDays = days
            for type in ChangeType.allCases where type != .standard {
                rules.approvers[type] = ChangeRulesStore.approverRoles.filter { form["approvers_\(type.rawValue)_\($0.rawValue)"] == "true" }
            }
            try await ChangeRulesStore.save(rules, by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 {
            let page = ChangeRulesPage(rules: rules, problems: FormProblems(error, language: req.language))
            let response = Page.render(page.body(req.view), title: req.t(.chgRules), request: req)
            response.status = .badRequest
            return response
        }
        req.flash(.chgSaved)
        return req.redirect(to: SiteURL.change(.rules).path)
    }
}
