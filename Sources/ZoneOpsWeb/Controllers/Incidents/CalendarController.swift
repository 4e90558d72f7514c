import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// 系统管理 → 工作日历与 SLA: read by those who read the audit log, changed by admins.
struct CalendarController: RouteCollection {
    struct DayForm: Content {
        var day: String
        var kind: String
        var name: String?
    }

    struct ImportForm: Content {
        var file: File
        var effectiveFrom: String
    }

    struct CommitForm: Content {
        var text: String
        var effectiveFrom: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.desk(.calendar(year: nil)).components, use: page)
        routes.post(SiteURL.desk(.calendarDay).components, use: setDay)
        routes.on(.POST, SiteURL.desk(.calendarImport).components, body: .collect(maxSize: "1mb"), use: preview).bodyLimit(1 << 20)
        routes.post(SiteURL.desk(.calendarImportCommit).components, use: commit).bodyLimit(1 << 20)
        routes.post(SiteURL.desk(.slaLevels).components, use: levels)
        routes.post(SiteURL.desk(.categories).components, use: addCategory)
        routes.post(SiteURL.desk(.categoryRename(SiteURL.idParameter)).components, use: renameCategory)
        routes.post(SiteURL.desk(.priorityMatrix).components, use: matrix)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.readAudit)
        return try await render(req, status: .ok)
    }

    @Sendable func setDay(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(DayForm.self)
        do {
            guard let day = CalendarDate(parsing: form.day) else { throw AppError.invalid(field: "day", .calendarBadDate) }
            let kind = DayKind(rawValue: form.kind)
            guard kind != nil || form.kind == "none" else { throw AppError.invalid(field: "kind", .calendarBadKind) }
            let recomputed = try await WorkingCalendar.set(day, kind: kind, name: form.name ?? "", by: req.actor, in: req.services)
            req.session.data[Page.flashKey] = req.view.format(.calendarSaved, String(recomputed))
            return req.redirect(to: SiteURL.desk(.calendar(year: day.year)).path)
        } catch let error as AppError where error.status == 400 {
            return try await render(req, status: .badRequest, problems: FormProblems(error, language: req.language))
        }
    }

    @Sendable func preview(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(ImportForm.self)
        guard CalendarDate(parsing: form.effectiveFrom) != nil else {
            return try await render(req, status: .badRequest, problems: FormProblems(.invalid(field: "effectiveFrom", .calendarBadDate),
                                                                                     language: req.language))
        }
        guard let text = String(data: Data(buffer: form.file.data), encoding: .utf8) else {
            return try await render(req, status: .badRequest, problems: FormProblems(.invalid(field: "file", .calendarLineShape), language: req.language))
        }
        let (changes, errors) = try await WorkingCalendar.preview(text, on: req.db)
        guard errors.isEmpty, !changes.isEmpty else {
            return try await render(req, status: .badRequest, fileErrors: errors.isEmpty ? [.init(line: 1, text: .calendarLineShape)] : errors)
        }
        return try await render(req, status: .ok, preview: (changes, text, form.effectiveFrom))
    }

    @Sendable func commit(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(CommitForm.self)
        guard let effective = CalendarDate(parsing: form.effectiveFrom)?.startInBeijing else {
            throw AppError.invalid(field: "effectiveFrom", .calendarBadDate)
        }
        let (days, recomputed) = try await WorkingCalendar.apply(form.text, effectiveFrom: effective, by: req.actor, in: req.services)
        req.session.data[Page.flashKey] = req.view.format(.calendarImported, String(days), String(recomputed))
        return req.redirect(to: SiteURL.desk(.calendar(year: HolidayFile.parse(form.text).entries.first?.day.year)).path)
    }

    @Sendable func levels(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        do {
            func number(_ key: String) throws -> Int {
                guard let raw = try? req.content.get(String.self, at: key), raw.count <= 7,
                      let value = Int(raw.trimmingCharacters(in: .whitespaces)) else { throw AppError.invalid(field: key, .slaTargetRange) }
                return value
            }
            var targets: [SLATarget] = []
            for priority in Priority.allCases {
                let raw = (try? req.content.get(String.self, at: "calendar\(priority.rawValue)")) ?? "5x8"
                targets.append(SLATarget(priority: priority, responseSeconds: TimeInterval(try number("response\(priority.rawValue)") * 60),
                                         resolveSeconds: TimeInterval(try number("resolve\(priority.rawValue)") * 3600),
                                         calendar: BusinessCalendar.Kind(rawValue: raw) ?? .workingHours))
            }
            let vendor = (try? req.content.get(String.self, at: "vendorPauses")) == "true"
            let current = try await req.application.zoneOps.levels.levels(on: req.db)
            func optional(_ key: String, _ fallback: Int) throws -> Int {
                guard (try? req.content.get(String.self, at: key)) != nil else { return fallback }
                return try number(key)
            }
            let recomputed = try await WorkingCalendar.saveLevels(targets: targets, warningShare: Double(try number("warningShare")) / 100,
                                                                  vendorPauses: vendor, reopenDays: try number("reopenDays"),
                                                                  autoCloseDays: try number("autoCloseDays"),
                                                                  remindDays: try optional("remindDays", current.remindDays),
                                                                  remindLimit: try optional("remindLimit", current.remindLimit),
                                                                  by: req.actor, in: req.services)
            req.session.data[Page.flashKey] = req.view.format(.calendarSaved, String(recomputed))
            return req.redirect(to: SiteURL.desk(.calendar(year: nil)).path)
        } catch let error as AppError where error.status == 400 {
            return try await render(req, status: .badRequest, problems: FormProblems(error, language: req.language))
        }
    }

    struct CategoryForm: Content {
        var parent: String?
        var nameZh: String
        var nameEn: String?
    }

    @Sendable func addCategory(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(CategoryForm.self)
        do {
            try await IncidentSetup.addCategory(parentKey: form.parent, nameZh: form.nameZh, nameEn: form.nameEn ?? "", by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 || error.status == 422 {
            return try await render(req, status: HTTPResponseStatus(statusCode: error.status), problems: FormProblems(error, language: req.language))
        }
        req.flash(.categorySaved)
        return req.redirect(to: SiteURL.desk(.calendar(year: nil)).path)
    }

    @Sendable func renameCategory(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(CategoryForm.self)
        do {
            try await IncidentSetup.renameCategory(key: req.parameters.get("id") ?? "", nameZh: form.nameZh, nameEn: form.nameEn ?? "",
                                                   by: req.actor, in: req.services)
        } catch let error as AppError where error.status == 400 {
            return try await render(req, status: .badRequest, problems: FormProblems(error, language: req.language))
        }
        req.flash(.categorySaved)
        return req.redirect(to: SiteURL.desk(.calendar(year: nil)).path)
    }

    @Sendable func matrix(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        var cells: [[Priority]] = []
        for impact in 1...3 {
            var row: [Priority] = []
            for urgency in 1...3 {
                guard let raw = try? req.content.get(String.self, at: "m\(impact)\(urgency)"), raw.count == 1,
                      let priority = Int(raw).flatMap(Priority.init(rawValue:)) else {
                    throw AppError.invalid(field: "matrix", .attrNotAChoice)
                }
                row.append(priority)
            }
            cells.append(row)
        }
        try await IncidentSetup.saveMatrix(PriorityMatrix(cells: cells), by: req.actor, in: req.services)
        req.flash(.matrixSaved)
        return req.redirect(to: SiteURL.desk(.calendar(year: nil)).path)
    }

    private func render(_ req: Request, status: HTTPResponseStatus, problems: FormProblems = FormProblems(),
                        preview: (changes: [HolidayFile.Change], text: String, effectiveFrom: String)? = nil,
                        fileErrors: [HolidayFile.LineError] = []) async throws -> Response {
        let year = try req.calendarYear()
        let page = CalendarPage(year: preview?.changes.first.map { change -> Int in
            switch change {
            case .added(let e), .unchanged(let e): e.day.year
            case .changed(_, let e): e.day.year
            }
        } ?? year, days: [], levels: try await ServiceLevels.load(on: req.db), canEdit: req.can(.configureSystem), preview: preview,
                                fileErrors: fileErrors, problems: problems)
        var filled = page
        filled.days = try await WorkingCalendar.days(year: page.year, on: req.db)
        filled.categories = try await IncidentQueries.categories(on: req.db)
        let response = Page.render(filled.body(req.view), title: req.t(.calendarTitle), request: req)
        response.status = status
        return response
    }
}

extension Request {
    /// `?year=` bounded to the calendar's years; this year by default.
    func calendarYear() throws -> Int {
        guard let raw = query[String.self, at: "year"], !raw.isEmpty else { return CalendarDate.today(now).year }
        guard raw.count == 4, let year = Int(raw), (2000...2100).contains(year) else {
            throw AppError.outOfRange(field: "year", lower: 2000, upper: 2100)
        }
        return year
    }
}
