import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// Duty over JSON: who is on duty now (API.md), rosters and their generation, shifts, the gaps
/// ahead, and swaps. Reading needs duty.read (the O&M team and 甲方's supervisors); changing
/// rosters and deciding swaps needs roster.manage (the lead); anyone on duty may ask to swap
/// their own shift.
struct DutyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let id = SiteURL.idParameter
        routes.get(SiteURL.duty(.apiOnCallNow).components, use: onCallNow)
        routes.get(SiteURL.duty(.apiRosters).components, use: rosters)
        routes.post(SiteURL.duty(.apiRosters).components, use: createRoster)
        routes.patch(SiteURL.duty(.apiRoster(id)).components, use: updateRoster)
        routes.post(SiteURL.duty(.apiGenerate(id)).components, use: generate)
        routes.get(SiteURL.duty(.apiShifts).components, use: shifts)
        routes.post(SiteURL.duty(.apiShifts).components, use: createShift)
        routes.patch(SiteURL.duty(.apiShift(id)).components, use: updateShift)
        routes.delete(SiteURL.duty(.apiShift(id)).components, use: deleteShift)
        routes.get(SiteURL.duty(.apiGaps).components, use: gaps)
        routes.get(SiteURL.duty(.apiSwaps).components, use: swaps)
        routes.post(SiteURL.duty(.apiSwaps).components, use: requestSwap)
        routes.post(SiteURL.duty(.apiSwapDecision(id, ":decision")).components, use: decideSwap)
    }

    @Sendable func onCallNow(req: Request) async throws -> ListDTO<OnCallDTO> {
        try req.authorize(.readDuty)
        let entries = try await DutyQueries.onCall(at: req.now, on: req.db)
        return ListDTO(items: entries.map { OnCallDTO($0, showMobile: true) }, total: entries.count)
    }

    @Sendable func rosters(req: Request) async throws -> ListDTO<RosterDTO> {
        try req.authorize(.readDuty)
        let rows = try await DutyQueries.rosters(on: req.db)
        return ListDTO(items: rows.map(RosterDTO.init), total: rows.count)
    }

    @Sendable func createRoster(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        let roster = try await Rosters.save(nil, try req.content.decode(RosterRequest.self).draft(), by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(RosterDTO(try await DutyQueries.roster(try roster.requireID(), on: req.db)))
        return response
    }

    @Sendable func updateRoster(req: Request) async throws -> RosterDTO {
        try req.authorize(.manageRoster)
        let id = try req.dutyID()
        _ = try await Rosters.save(id, try req.content.decode(RosterRequest.self).draft(), by: req.actor, in: req.services)
        return RosterDTO(try await DutyQueries.roster(id, on: req.db))
    }

    struct GeneratedDTO: Content { var made: Int; var replaced: Int; var unfilled: Int }

    @Sendable func generate(req: Request) async throws -> GeneratedDTO {
        try req.authorize(.manageRoster)
        let (first, days) = try req.content.decode(GenerateRequest.self).values(today: CalendarDate.today(req.now))
        let result = try await Rosters.generate(try req.dutyID(), from: first, days: days, by: req.actor, in: req.services)
        return GeneratedDTO(made: result.made, replaced: result.replaced, unfilled: result.unfilled)
    }

    /// `?from=&to=` (at most 92 days apart; default this week), `rosterId`, `userId` (`me` for the caller).
    @Sendable func shifts(req: Request) async throws -> ListDTO<ShiftDTO> {
        let user = try req.authorize(.readDuty)
        let (from, to) = try req.dutyRange()
        var person: UUID?
        if let raw = req.query[String.self, at: "userId"], !raw.isEmpty {
            guard let id = raw == "me" ? user.id : UUID(uuidString: raw) else { throw AppError.invalid(field: "userId", .dutyUnknownPerson) }
            person = id
        }
        var roster: UUID?
        if let raw = req.query[String.self, at: "rosterId"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw AppError.notFound }
            roster = id
        }
        let rows = try await DutyQueries.shifts(from: from, to: to, roster: roster, user: person, on: req.db)
        return ListDTO(items: rows.map(ShiftDTO.init), total: rows.count)
    }

    @Sendable func createShift(req: Request) async throws -> Response {
        try req.authorize(.manageRoster)
        let id = try await DutyShifts.save(nil, try req.content.decode(ShiftRequest.self).draft(), by: req.actor, in: req.services)
        let response = Response(status: .created)
        try response.content.encode(ShiftDTO(try await DutyQueries.shift(id, on: req.db)))
        return response
    }

    @Sendable func updateShift(req: Request) async throws -> ShiftDTO {
        try req.authorize(.manageRoster)
        let id = try req.dutyID()
        let current = try await DutyQueries.shift(id, on: req.db)
        var body = try req.content.decode(ShiftRequest.self)
        body.person = body.person ?? current.username
        body.start = body.start ?? ISO8601DateFormatter().string(from: current.start)
        body.end = body.end ?? ISO8601DateFormatter().string(from: current.end)
        body.note = body.note ?? current.note
        _ = try await DutyShifts.save(id, try body.draft(roster: current.rosterId), by: req.actor, in: req.services)
        return ShiftDTO(try await DutyQueries.shift(id, on: req.db))
    }

    @Sendable func deleteShift(req: Request) async throws -> HTTPStatus {
        try req.authorize(.manageRoster)
        try await DutyShifts.delete(try req.dutyID(), by: req.actor, in: req.services)
        return .noContent
    }

    static let gapDays = QueryBound(name: "days", range: 1...31, fallback: 7)

    @Sendable func gaps(req: Request) async throws -> ListDTO<GapDTO> {
        try req.authorize(.readDuty)
        let days = try req.integer(Self.gapDays)
        let calendar = try await req.services.levels.levels(on: req.db).workingCalendar
        let gaps = try await DutyQueries.gaps(from: req.now, days: days, calendar: calendar, on: req.db)
        return ListDTO(items: gaps.map(GapDTO.init), total: gaps.count)
    }

    /// `?status=pending|approved|rejected|all` (default pending).
    @Sendable func swaps(req: Request) async throws -> ListDTO<SwapDTO> {
        try req.authorize(.readDuty)
        let raw = req.query[String.self, at: "status"] ?? "pending"
        var status: SwapStatus?
        if raw != "all" {
            guard let parsed = SwapStatus(rawValue: raw) else { throw AppError.invalid(field: "status", .attrNotAChoice) }
            status = parsed
        }
        let rows = try await DutyQueries.swaps(status: status, on: req.db)
        return ListDTO(items: rows.map(SwapDTO.init), total: rows.count)
    }

    @Sendable func requestSwap(req: Request) async throws -> Response {
        let user = try req.authorize(.readDuty)
        let id = try await DutyShifts.requestSwap(try req.content.decode(SwapRequest.self).draft(), by: req.actor,
                                                  mayManage: Policy.allows(user.role, .manageRoster), in: req.services)
        let response = Response(status: .created)
        try response.content.encode(["id": id.uuidString])
        return response
    }

    @Sendable func decideSwap(req: Request) async throws -> HTTPStatus {
        try req.authorize(.manageRoster)
        let approve = try req.swapDecision()
        try await DutyShifts.decideSwap(try req.dutyID(), approve: approve, by: req.actor, in: req.services)
        return .noContent
    }
}

extension Request {
    func dutyID() throws -> UUID {
        guard let id = parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        return id
    }

    func swapDecision() throws -> Bool {
        switch parameters.get("decision") {
        case "approve": return true
        case "reject": return false
        default: throw AppError.notFound
        }
    }

    /// `from`/`to` of a shift list: Beijing dates or times, at most 92 days apart; this week by default.
    func dutyRange() throws -> (Date, Date) {
        let today = CalendarDate.today(now)
        let monday = today.adding(days: 1 - BusinessCalendar.always().isoWeekday(today))
        func read(_ name: String, _ fallback: CalendarDate) throws -> Date {
            guard let raw = query[String.self, at: name], !raw.isEmpty else { return fallback.startInBeijing ?? now }
            if raw.count <= 10, let day = CalendarDate(parsing: raw), LocalTime.years.contains(day.year), let start = day.startInBeijing { return start }
            guard let time = LocalTime.parse(raw) else { throw AppError.invalid(field: name, .chgTimeInvalid) }
            return time
        }
        let from = try read("from", monday)
        let to = try read("to", monday.adding(days: 7))
        guard to > from, to.timeIntervalSince(from) <= TimeInterval(Rosters.maxGenerateDays) * 86_400 else {
            throw AppError.outOfRange(field: "to", lower: 1, upper: Rosters.maxGenerateDays)
        }
        return (from, to)
    }
}
