import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The working calendar and the SLA rules (系统管理 → 工作日历与 SLA): a year's holidays and
/// make-up working days, one day at a time or a file with a preview, and the targets per priority.
struct CalendarPage {
    var year: Int
    var days: [WorkingCalendar.Day]
    var levels: ServiceLevels
    var canEdit: Bool
    var preview: (changes: [HolidayFile.Change], text: String, effectiveFrom: String)?
    var fileErrors: [HolidayFile.LineError] = []
    var problems = FormProblems()
    var categories: [(id: UUID, key: String, zh: String, en: String, depth: Int)] = []

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .h1(.text(view.t(.calendarTitle))),
                problems.summary(view),
                .if(!fileErrors.isEmpty, .div(.class("error"), .attr("role", "alert"), .p(.text(view.t(.calendarErrors))),
                    .ul(.group(fileErrors.map { .li(.text(view.format(.calendarLine, String($0.line), view.t($0.text)))) })))),
                .unwrap(preview) { previewNode($0, view) },
                .h2(.text(view.t(.calendarDays) + " \(year)")),
                .p(.link(SiteURL.desk(.calendar(year: year - 1)).path, "‹ \(year - 1)"), .text(" · "),
                   .link(SiteURL.desk(.calendar(year: year + 1)).path, "\(year + 1) ›")),
                days.isEmpty ? .p(.class("muted"), .text("—")) : .div(.class("table-scroll"), .table(.class("list"),
                    .thead(.tr(.th(.text(view.t(.calendarDay))), .th(.text(view.t(.calendarKind))), .th(.text(view.t(.calendarName))),
                               .th(.text(view.t(.calendarEffective))), .if(canEdit, .th(.text(""))))),
                    .tbody(.group(days.map { day in
                        .tr(.td(.text(day.day.description)), .td(.text(view.t(day.kind == .holiday ? .calendarHoliday : .calendarWorkday))),
                            .td(.text(day.name)), .td(.text(Format.time(day.effectiveFrom))),
                            .if(canEdit, .td(Field.form(SiteURL.desk(.calendarDay).path, csrf: view.csrf,
                                                        Field.hidden("day", day.day.description), Field.hidden("kind", "none"),
                                                        Field.submit(view.t(.calendarRemove), style: "link")))))
                    }))))),
            .if(canEdit, editors(view)))
    }

    private func previewNode(_ preview: (changes: [HolidayFile.Change], text: String, effectiveFrom: String),
                             _ view: ViewContext) -> Node<HTML.BodyContext> {
        func line(_ change: HolidayFile.Change) -> Node<HTML.ListContext> {
            func describe(_ entry: HolidayFile.Entry) -> String {
                "\(entry.day) \(view.t(entry.kind == .holiday ? .calendarHoliday : .calendarWorkday)) \(entry.name)"
            }
            switch change {
            case .added(let entry): return .li(.class("added"), .text(view.t(.calendarAdded) + "：" + describe(entry)))
            case .changed(let from, let to): return .li(.class("changed"), .text(view.t(.calendarChanged) + "：" + describe(from) + " → " + describe(to)))
            case .unchanged(let entry): return .li(.class("muted"), .text(view.t(.calendarUnchanged) + "：" + describe(entry)))
            }
        }
        return .div(.class("card preview"),
            .h2(.text(view.t(.calendarPreview))),
            .ul(.group(preview.changes.map(line))),
            Field.form(SiteURL.desk(.calendarImportCommit).path, csrf: view.csrf,
                       Field.hidden("text", preview.text), Field.hidden("effectiveFrom", preview.effectiveFrom),
                       Field.submit(view.t(.calendarConfirm))))
    }

    private func editors(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .h2(.text(view.t(.calendarAddDay))),
                Field.form(SiteURL.desk(.calendarDay).path, csrf: view.csrf,
                    Field.text("day", label: view.t(.calendarDay), type: "date", required: true, error: problems["day"]),
                    Field.select("kind", label: view.t(.calendarKind),
                                 options: [("holiday", view.t(.calendarHoliday)), ("workday", view.t(.calendarWorkday))], selected: nil),
                    Field.text("name", label: view.t(.calendarName)),
                    Field.submit(view.t(.save)))),
            .section(.class("card"),
                .h2(.text(view.t(.calendarImport))),
                .p(.class("hint"), .text(view.t(.calendarImportHint))),
                .element(named: "form", nodes: [
                    .attr("method", "post"), .attr("action", SiteURL.desk(.calendarImport).path), .attr("enctype", "multipart/form-data"),
                    Field.csrf(view.csrf),
                    .div(.class("field"), .element(named: "label", nodes: [.attr("for", "file"), .text(view.t(.calendarFile))]),
                         .selfClosedElement(named: "input", attributes: [
                            Attribute(name: "id", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "type", value: "file"),
                            Attribute(name: "accept", value: ".csv,.txt,text/csv,text/plain"), Attribute(name: "required", value: "required"),
                         ])),
                    Field.text("effectiveFrom", label: view.t(.calendarEffective), type: "date", required: true, error: problems["effectiveFrom"]),
                    Field.submit(view.t(.calendarPreview), style: "secondary"),
                ])),
            .section(.class("card"),
                .h2(.text(view.t(.matrixTitle))),
                Field.form(SiteURL.desk(.priorityMatrix).path, csrf: view.csrf,
                    .div(.class("table-scroll"), .table(.class("list matrix"),
                        .thead(.tr(.th(.text(view.t(.incFieldImpact) + " \\ " + view.t(.incFieldUrgency))),
                                   .th(.text("1")), .th(.text("2")), .th(.text("3")))),
                        .tbody(.group((1...3).map { impact in
                            .tr(.th(.text(String(impact))), .group((1...3).map { urgency in
                                .td(Field.select("m\(impact)\(urgency)", label: "",
                                                 options: Priority.allCases.map { (String($0.rawValue), $0.label) },
                                                 selected: String(levels.matrix.priority(impact: impact, urgency: urgency)?.rawValue ?? 4)))
                            }))
                        })))),
                    Field.submit(view.t(.save)))),
            .section(.class("card"),
                .h2(.text(view.t(.categories))),
                .ul(.class("categories"), .group(categories.map { category in
                    .li(.class(category.depth == 0 ? "top" : "child"),
                        Field.form(SiteURL.desk(.categoryRename(category.key)).path, csrf: view.csrf,
                            .span(.text(String(repeating: "　", count: category.depth))),
                            .selfClosedElement(named: "input", attributes: [
                                Attribute(name: "name", value: "nameZh"), Attribute(name: "value", value: Safe.attribute(category.zh)),
                                Attribute(name: "aria-label", value: Safe.attribute(view.t(.categoryNameZh))),
                            ]),
                            .selfClosedElement(named: "input", attributes: [
                                Attribute(name: "name", value: "nameEn"), Attribute(name: "value", value: Safe.attribute(category.en)),
                                Attribute(name: "aria-label", value: Safe.attribute(view.t(.categoryNameEn))),
                            ]),
                            Field.submit(view.t(.categoryRename), style: "link")))
                })),
                Field.form(SiteURL.desk(.categories).path, csrf: view.csrf,
                    Field.select("parent", label: view.t(.categoryParent),
                                 options: [("", view.t(.categoryTop))] + categories.filter { $0.depth == 0 }.map { ($0.key, $0.zh) }, selected: nil),
                    Field.text("nameZh", label: view.t(.categoryNameZh), required: true, error: problems["nameZh"]),
                    Field.text("nameEn", label: view.t(.categoryNameEn)),
                    Field.submit(view.t(.categoryAdd), style: "secondary"))),
            .section(.class("card"),
                .h2(.text(view.t(.slaTargets))),
                Field.form(SiteURL.desk(.slaLevels).path, csrf: view.csrf,
                    .div(.class("table-scroll"), .table(.class("list"),
                        .thead(.tr(.th(.text(view.t(.incFieldPriority))), .th(.text(view.t(.slaResponseMinutes))),
                                   .th(.text(view.t(.slaResolveHours))), .th(.text(view.t(.slaCalendar))))),
                        .tbody(.group(Priority.allCases.map { priority in
                            let target = levels.target(priority)
                            return .tr(.td(.text(priority.label)),
                                       .td(Field.text("response\(priority.rawValue)", label: "", value: String(Int(target.responseSeconds / 60)),
                                                      type: "number", error: problems["response\(priority.rawValue)"])),
                                       .td(Field.text("resolve\(priority.rawValue)", label: "", value: String(Int(target.resolveSeconds / 3600)),
                                                      type: "number", error: problems["resolve\(priority.rawValue)"])),
                                       .td(Field.select("calendar\(priority.rawValue)", label: "",
                                                        options: [("5x8", view.t(.slaCalendar5x8)), ("7x24", view.t(.slaCalendar7x24))],
                                                        selected: target.calendar.rawValue)))
                        })))),
                    Field.text("warningShare", label: view.t(.slaWarningShare), value: String(Int((levels.warningShare * 100).rounded())),
                               type: "number", error: problems["warningShare"]),
                    Field.checkbox("vendorPauses", label: view.t(.slaVendorPauses), checked: levels.vendorPauses),
                    Field.text("reopenDays", label: view.t(.slaReopenDays), value: String(levels.reopenDays), type: "number",
                               error: problems["reopenDays"]),
                    Field.text("autoCloseDays", label: view.t(.slaAutoCloseDays), value: String(levels.autoCloseDays), type: "number",
                               error: problems["autoCloseDays"]),
                    Field.text("remindDays", label: view.t(.slaRemindDays), value: String(levels.remindDays), type: "number",
                               error: problems["remindDays"]),
                    Field.text("remindLimit", label: view.t(.slaRemindLimit), value: String(levels.remindLimit), type: "number",
                               error: problems["remindLimit"]),
                    Field.submit(view.t(.save)))))
    }
}
