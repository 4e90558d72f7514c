import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsWire

/// Duty in the browser: the overview (on duty now, my shifts, gaps, swaps, rosters), a roster's
/// week with its shifts, the roster form, generation, shift edits, swaps and the calendar feed.
struct DutyPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter, shift = SiteURL.secondParameter
        routes.get(SiteURL.duty(.overview).components, use: overview)
        routes.get(SiteURL.duty(.newRoster).components, use: newRoster)
        routes.post(SiteURL.duty(.newRoster).components, use: createRoster)
        routes.get(SiteURL.duty(.roster(id, week: nil)).components, use: roster)
        routes.get(SiteURL.duty(.editRoster(id)).components, use: editRoster)
        routes.post(SiteURL.duty(.editRoster(id)).components, use: updateRoster)
        routes.post(SiteURL.duty(.generate(id)).components, use: generate)
        routes.post(SiteURL.duty(.shifts(id)).components, use: addShift)
        routes.post(SiteURL.duty(.shift(id, shift)).components, use: editShift)
        routes.post(SiteURL.duty(.deleteShift(id, shift)).components, use: deleteShift)
        routes.post(SiteURL.duty(.swaps).components, use: requestSwap)
        routes.post(SiteURL.duty(.swapDecision(id, ":decision")).components, use: decideSwap)
        routes.post(SiteURL.duty(.feed).components, use: makeFeed)
        routes.get(SiteURL.duty(.feedToken(id)).components, use: feed)
        routes.get(SiteURL.duty(.myCalendar).components, use: myCalendar)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        try await renderOverview(req, feedURL: nil)
    }

    private func renderOverview(_ req: Request, feedURL: String?) async throws -> Response {
        let user = try req.authorize(.readDuty)
        let now = req.now
        let calendar = try await req.services.levels.levels(on: req.db).workingCalendar
        let page = DutyOverviewPage(
            userId: user.id, now: now,
            onCall: try await DutyQueries.onCall(at: now, on: req.db),
            mine: try await DutyQueries.shifts(from: now, to: now.addingTimeInterval(14 * 86_400), user: user.id, on: req.db),
            gaps: try await DutyQueries.gaps(from: now, days: 7, calendar: calendar, on: req.db),
            swaps: try await DutyQueries.swaps(status: .pending, involving: req.can(.manageRoster) ? nil : user.id, on: req.db),
            rosters: try await DutyQueries.rosters(on: req.db), staff: try await DutyQueries.staff(on: req.db),
            upcoming: try await DutyQueries.shifts(from: now, to: now.addingTimeInterval(30 * 86_400), limit: 300, on: req.db), feedURL: feedURL)
        return Page.render(page.body(req.view), title: req.t(.dutyTitle), request: req)
    }

    @Sendable func newRoster(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        let values = ["kind": DutyKind.onsite.rawValue, "from": CalendarDate.today(req.now).description, "handoff": "08:00",
                      "shiftHours": "12", "staffing": "1", "rotateEvery": "1"]
        return try await rosterForm(req, id: nil, values: values, problems: FormProblems(), status: .ok)
    }

    struct RosterForm: Content {
        var name: String?; var kind: String?; var from: String?; var until: String?; var shiftHours: String?; var handoff: String?
        var participants: String?; var staffing: String?; var rotateEvery: String?

        var request: RosterRequest {
            RosterRequest(name: name, kind: kind, from: from, until: until, shiftHours: shiftHours.map { LooseText(text: $0) },
                          handoff: handoff, participants: FormList.items(participants),
                          staffing: staffing.map { LooseText(text: $0) }, rotateEvery: rotateEvery.map { LooseText(text: $0) })
        }

        var values: [String: String] {
            ["name": name ?? "", "kind": kind ?? "", "from": from ?? "", "until": until ?? "", "shiftHours": shiftHours ?? "",
             "handoff": handoff ?? "", "participants": participants ?? "", "staffing": staffing ?? "", "rotateEvery": rotateEvery ?? ""]
        }
    }

    @Sendable func createRoster(req: Request) async throws -> Response {
        try await saveRoster(req, id: nil)
    }

    @Sendable func updateRoster(req: Request) async throws -> Response {
        try await saveRoster(req, id: try req.dutyID())
    }

    private func saveRoster(_ req: Request, id: UUID?) async throws -> Response {
        try req.authorize(.manageRoster)
        let form = try req.content.decode(RosterForm.self)
        do {
            let roster = try await Rosters.save(id, try form.request.draft(), by: req.actor, in: req.services)
            req.flash(.dutySaved)
            return req.redirect(to: SiteURL.duty(.roster(try roster.requireID().uuidString, week: nil)).path)
        } catch let error as AppError where [400, 422].contains(error.status) {
            return try await rosterForm(req, id: id, values: form.values, problems: FormProblems(error, language: req.language),
                                        status: HTTPResponseStatus(statusCode: error.status))
        }
    }

    @Sendable func editRoster(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        let row = try await DutyQueries.roster(try req.dutyID(), on: req.db)
        let dto = RosterDTO(row)
        let values = ["name": row.name, "kind": row.kind.rawValue, "from": dto.from, "until": dto.until ?? "", "shiftHours": String(dto.shiftHours),
                      "handoff": dto.handoff, "participants": dto.participants.joined(separator: "\n"), "staffing": String(dto.staffing),
                      "rotateEvery": String(dto.rotateEvery)]
        return try await rosterForm(req, id: row.id, values: values, problems: FormProblems(), status: .ok)
    }

    private func rosterForm(_ req: Request, id: UUID?, values: [String: String], problems: FormProblems,
                            status: HTTPResponseStatus) async throws -> Response {
        let page = RosterFormPage(id: id, values: values, problems: problems, staff: try await DutyQueries.staff(on: req.db))
        let response = Page.render(page.body(req.view), title: req.t(id == nil ? .dutyNewRoster : .dutyEditRoster), request: req)
        response.status = status
        return response
    }

    @Sendable func roster(req: Request) async throws -> Response {
        try await renderRoster(req, problems: FormProblems(), status: .ok)
    }

    private func renderRoster(_ req: Request, problems: FormProblems, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.authorize(.readDuty)
        let row = try await DutyQueries.roster(try req.dutyID(), on: req.db)
        let today = CalendarDate.today(req.now)
        var anchor = today
        if let raw = req.query[String.self, at: "week"], !raw.isEmpty {
            guard raw.count <= 10, let day = CalendarDate(parsing: raw), LocalTime.years.contains(day.year) else {
                throw AppError.invalid(field: "week", .chgTimeInvalid)
            }
            anchor = day
        }
        let monday = anchor.adding(days: 1 - BusinessCalendar.always().isoWeekday(anchor))
        guard let start = monday.startInBeijing, let end = monday.adding(days: 7).startInBeijing else { throw AppError.notFound }
        let calendar = try await req.services.levels.levels(on: req.db).workingCalendar
        let shifts = try await DutyQueries.shifts(from: start, to: end, roster: row.id, on: req.db)
        let slots = row.plan.slots(from: monday.adding(days: -1), through: monday.adding(days: 6), calendar: calendar)
            .filter { $0.end > start && $0.start < end }
        let gaps = DutyCoverage.gaps(slots: slots, shifts: shifts.map { DateInterval(start: $0.start, end: $0.end) })
        let page = RosterWeekPage(roster: row, monday: monday, today: today, now: req.now, userId: user.id, shifts: shifts, gaps: gaps,
                                  staff: try await DutyQueries.staff(on: req.db), problems: problems)
        let response = Page.render(page.body(req.view), title: row.name, request: req)
        response.status = status
        return response
    }

    /// Runs a step of the roster page; a refusal shows the week again with the reason.
    private func step(_ req: Request, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
        } catch let error as AppError where [400, 403, 409, 422].contains(error.status) {
            return try await renderRoster(req, problems: FormProblems(error, language: req.language), status: HTTPResponseStatus(statusCode: error.status))
        }
        let week = req.query[String.self, at: "week"]
        return req.redirect(to: SiteURL.duty(.roster(try req.dutyID().uuidString, week: week)).path)
    }

    @Sendable func generate(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        return try await step(req) {
            let (first, days) = try req.content.decode(GenerateRequest.self).values(today: CalendarDate.today(req.now))
            let result = try await Rosters.generate(try req.dutyID(), from: first, days: days, by: req.actor, in: req.services)
            req.flash(message: req.view.format(.dutyGenerated, String(result.made), String(result.replaced), String(result.unfilled)))
        }
    }

    @Sendable func addShift(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        return try await step(req) {
            _ = try await DutyShifts.save(nil, try req.content.decode(ShiftRequest.self).draft(roster: try req.dutyID()), by: req.actor, in: req.services)
            req.flash(.dutySaved)
        }
    }

    @Sendable func editShift(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        return try await step(req) {
            guard let shift = req.parameters.get("relation", as: UUID.self) else { throw AppError.notFound }
            _ = try await DutyShifts.save(shift, try req.content.decode(ShiftRequest.self).draft(roster: try req.dutyID()), by: req.actor, in: req.services)
            req.flash(.dutySaved)
        }
    }

    @Sendable func deleteShift(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        return try await step(req) {
            guard let shift = req.parameters.get("relation", as: UUID.self) else { throw AppError.notFound }
            try await DutyShifts.delete(shift, by: req.actor, in: req.services)
            req.flash(.dutySaved)
        }
    }

    @Sendable func requestSwap(req: Request) async throws -> Response {
        let user = try req.authorize(.readDuty)
        let body = try req.content.decode(SwapRequest.self)
        do {
            _ = try await DutyShifts.requestSwap(try body.draft(), by: req.actor, mayManage: Policy.allows(user.role, .manageRoster), in: req.services)
        } catch let error as AppError where [400, 403, 409, 422].contains(error.status) {
            req.flash(message: error.message(in: req.language))
            return req.redirect(to: SiteURL.duty(.overview).path)
        }
        req.flash(.dutyRequested)
        return req.redirect(to: SiteURL.duty(.overview).path)
    }

    @Sendable func decideSwap(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        do {
            try await DutyShifts.decideSwap(try req.dutyID(), approve: try req.swapDecision(), by: req.actor, in: req.services)
            req.flash(.dutySaved)
        } catch let error as AppError where [400, 409, 422].contains(error.status) {
            req.flash(message: error.message(in: req.language))
        }
        return req.redirect(to: SiteURL.duty(.overview).path)
    }

    @Sendable func makeFeed(req: Request) async throws -> Response {
        let user = try req.authorize(.readDuty)
        let token = try await DutyFeeds.make(for: user.id, by: req.actor, in: req.services)
        let base = req.application.zoneOps.config.publicURL ?? ""
        let response = try await renderOverview(req, feedURL: base + SiteURL.duty(.feedToken(token)).path)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The subscribed feed: no login, the secret in the address names the person.
    @Sendable func feed(req: Request) async throws -> Response {
        guard let user = try await DutyFeeds.user(for: req.parameters.get("id") ?? "", on: req.db), let id = user.id else { throw AppError.notFound }
        return try await calendar(req, userId: id, name: user.displayName)
    }

    /// The same feed for a signed-in browser or an API token.
    @Sendable func myCalendar(req: Request) async throws -> Response {
        let user = try req.authorize(.readDuty)
        return try await calendar(req, userId: user.id, name: user.identity.displayName)
    }

    private func calendar(_ req: Request, userId: UUID, name: String) async throws -> Response {
        let view = req.view
        let host = req.application.zoneOps.config.publicURL ?? ""
        let events = try await DutyFeeds.shifts(of: userId, now: req.now, on: req.db).map { shift in
            ICalendar.Event(uid: shift.id.uuidString + "@zoneops-duty", start: shift.start, end: shift.end,
                            summary: view.format(.dutyFeedSummary, shift.rosterName),
                            description: view.t(shift.kind.label) + "\n" + view.t(shift.origin.label) + (shift.note.isEmpty ? "" : "\n" + shift.note),
                            url: host.isEmpty ? nil : host + SiteURL.duty(.roster(shift.rosterId.uuidString, week: nil)).path, stamp: req.now)
        }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.add(name: .cacheControl, value: "no-store")
        let document = ICalendar.document(name: view.t(.dutyCalendarName) + " · " + name, product: "Duty roster", events: events)
        return Response(status: .ok, headers: headers, body: .init(string: document))
    }
}
