import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The change calendar: a month grid (or a week) of change windows and blackout periods, each
/// change marked when it collides with another or falls in a blackout. On a phone the grid
/// gives way to a list by day.
struct ChangeCalendarPage {
    enum Mode: String { case month, week }

    var mode: Mode
    /// The first day shown (a Monday for a week, the 1st for a month).
    var first: CalendarDate
    /// The days shown.
    var days: [CalendarDate]
    var rows: [(row: ChangeQueries.Row, collides: Bool, inBlackout: Bool)]
    var blackouts: [ChangeQueries.Blackout]
    var previous: CalendarDate
    var next: CalendarDate

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.chgCalendar) + " · " + title(view)))),
                .nav(.class("tabs"),
                     .link(SiteURL.change(.calendar(view: mode.rawValue, date: previous.description)).path,
                           "‹ " + view.t(mode == .month ? .chgPreviousMonth : .chgPreviousWeek)),
                     tab(.month, view), tab(.week, view),
                     .link(SiteURL.change(.calendar(view: mode.rawValue, date: next.description)).path,
                           view.t(mode == .month ? .chgNextMonth : .chgNextWeek) + " ›")),
                .p(.class("queue-tools"),
                   .link(SiteURL.change(.list).path, view.t(.navChanges), class: "button secondary"),
                   .link(SiteURL.change(.blackouts).path, view.t(.chgBlackouts), class: "button secondary"),
                   .link(SiteURL.change(.feed).path, view.t(.chgFeed), class: "button secondary")),
                .p(.class("hint"), .text(view.t(.chgCalendarLegend)))),
            .section(.class("card cal-grid-card"), grid(view)),
            .section(.class("card cal-list"), .attr("id", "calendar-list"), list(view)))
    }

    private func tab(_ target: Mode, _ view: ViewContext) -> Node<HTML.BodyContext> {
        .element(named: "a", nodes: [.attr("href", SiteURL.change(.calendar(view: target.rawValue, date: first.description)).path),
                                     target == mode ? .attr("aria-current", "page") : .empty,
                                     .text(view.t(target == .month ? .chgMonth : .chgWeek))])
    }

    private func title(_ view: ViewContext) -> String {
        mode == .month ? String(format: "%04d-%02d", first.year, first.month) : first.description + " – " + (days.last?.description ?? "")
    }

    private func changes(on day: CalendarDate) -> [(row: ChangeQueries.Row, collides: Bool, inBlackout: Bool)] {
        guard let start = day.startInBeijing else { return [] }
        let window = TimeWindow(start: start, end: start.addingTimeInterval(86_400))
        return rows.filter { window.overlaps(TimeWindow(start: $0.row.plannedStart, end: $0.row.plannedEnd)) }
    }

    private func blackouts(on day: CalendarDate) -> [ChangeQueries.Blackout] {
        guard let start = day.startInBeijing else { return [] }
        let window = TimeWindow(start: start, end: start.addingTimeInterval(86_400))
        return blackouts.filter { window.overlaps(TimeWindow(start: $0.start, end: $0.end)) }
    }

    /// A change on a day: its start time (or "continued" on later days), title, status and marks.
    private func item(_ entry: (row: ChangeQueries.Row, collides: Bool, inBlackout: Bool), on day: CalendarDate,
                      _ view: ViewContext) -> Node<HTML.BodyContext> {
        let classes = ["cal-change", "chg-\(entry.row.status.rawValue)", entry.collides ? "collides" : "", entry.inBlackout ? "blackout" : "",
                       entry.row.isEmergency ? "emergency" : ""].filter { !$0.isEmpty }.joined(separator: " ")
        let starts = CalendarDate.today(entry.row.plannedStart) == day
        let when = starts ? String(Format.time(entry.row.plannedStart).suffix(5)) : view.t(.chgContinued)
        return .div(.class(classes),
                    .link(SiteURL.change(.change(entry.row.id.uuidString)).path, entry.row.number),
                    .text(" " + when + " " + entry.row.title + " · " + view.t(entry.row.status.label)),
                    .if(entry.row.isEmergency, .span(.class("badge state-down"), .text(view.t(.chgEmergencyFlag)))),
                    .if(entry.collides, .span(.class("badge state-degraded"), .text("⚠ " + view.t(.chgCollisionShort)))),
                    .if(entry.inBlackout, .span(.class("badge blackout-badge"), .text(view.t(.chgBlackoutShort)))))
    }

    private func grid(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let weekdays: [TextKey] = [.chgMon, .chgTue, .chgWed, .chgThu, .chgFri, .chgSat, .chgSun]
        let weeks = stride(from: 0, to: days.count, by: 7).map { Array(days[$0..<min($0 + 7, days.count)]) }
        return .table(.class("cal-grid"),
            .thead(.tr(.group(weekdays.map { .th(.text(view.t($0))) }))),
            .tbody(.group(weeks.map { week in
                .tr(.group(week.map { day in
                    .td(.class(day.month == first.month || mode == .week ? "" : "other-month"),
                        .div(.class("cal-day"), .text(String(day.day))),
                        .group(blackouts(on: day).map { .div(.class("cal-blackout"), .text(view.t(.chgBlackoutShort) + "：" + $0.title)) }),
                        .group(changes(on: day).map { item($0, on: day, view) }))
                }))
            })))
    }

    private func list(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let busy = days.filter { day in (mode == .week || day.month == first.month) && (!changes(on: day).isEmpty || !blackouts(on: day).isEmpty) }
        guard !busy.isEmpty else { return .p(.class("muted"), .text(view.t(.chgNone))) }
        return .group(busy.map { day in
            .group(.h2(.text(day.description)),
                   .group(blackouts(on: day).map { .div(.class("cal-blackout"), .text(view.t(.chgBlackoutShort) + "：" + $0.title)) }),
                   .group(changes(on: day).map { item($0, on: day, view) }))
        })
    }
}

/// The blackout periods, and the form the administration declares them with.
struct BlackoutsPage {
    var blackouts: [ChangeQueries.Blackout]
    var values: [String: String] = [:]
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .h1(.text(view.t(.chgBlackouts))),
                .p(.class("hint"), .text(view.t(.chgBlackoutHint))),
                .if(blackouts.isEmpty, .p(.class("muted"), .text(view.t(.chgNone)))),
                .ul(.group(blackouts.map { blackout in
                    .li(.strong(.text(blackout.title)), .text(" · " + ChangeLabels.window(blackout.start, blackout.end) + " · " + blackout.createdByName),
                        .if(view.can(.declareBlackout),
                            Field.form(SiteURL.change(.blackoutDelete(blackout.id.uuidString)).path, csrf: view.csrf,
                                       Field.submit(view.t(.calendarRemove), style: "link"))))
                }))),
            .if(view.can(.declareBlackout), .section(.class("card"),
                .h2(.text(view.t(.chgBlackoutNew))),
                problems.summary(view),
                Field.form(SiteURL.change(.blackouts).path, csrf: view.csrf,
                    Field.text("title", label: view.t(.incFieldTitle), value: values["title"] ?? "", required: true, error: problems["title"]),
                    .div(.class("field-row"),
                         Field.text("start", label: view.t(.chgPlannedStart), value: values["start"] ?? "", type: "datetime-local",
                                    required: true, error: problems["start"]),
                         Field.text("end", label: view.t(.chgPlannedEnd), value: values["end"] ?? "", type: "datetime-local",
                                    required: true, error: problems["end"])),
                    Field.submit(view.t(.save))))))
    }
}

/// The change rules an administrator edits: the notice period and who approves each type.
struct ChangeRulesPage {
    var rules: ChangeRules
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h1(.text(view.t(.chgRules))),
            problems.summary(view),
            Field.form(SiteURL.change(.rules).path, csrf: view.csrf,
                Field.text("leadDays", label: view.t(.chgLeadDays), value: String(rules.leadDays), type: "number", required: true,
                           hint: view.t(.chgLeadDaysHint), error: problems["leadDays"]),
                .group(ChangeType.allCases.filter { $0 != .standard }.map { type in
                    .div(.class("field"), .h2(.text(view.t(.chgApprovers) + " · " + view.t(type.label))),
                         .group(ChangeRulesStore.approverRoles.map { role in
                             Field.checkbox("approvers_\(type.rawValue)_\(role.rawValue)", label: view.t(role.label),
                                            checked: rules.approvers(of: type).contains(role))
                         }))
                }),
                .p(.class("hint"), .text(view.t(.chgStandardHint))),
                Field.submit(view.t(.save))))
    }
}
