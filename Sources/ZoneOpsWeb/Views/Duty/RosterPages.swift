import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// Making or changing a roster: its kind, range, lane shifts and the rotation.
struct RosterFormPage {
    var id: UUID?
    var values: [String: String]
    var problems: FormProblems
    var staff: [DutyQueries.Person]

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let action = id.map { SiteURL.duty(.editRoster($0.uuidString)).path } ?? SiteURL.duty(.newRoster).path
        return .section(.class("card"),
            .h1(.text(view.t(id == nil ? .dutyNewRoster : .dutyEditRoster))),
            problems.summary(view),
            Field.form(action, csrf: view.csrf,
                Field.text("name", label: view.t(.name), value: values["name"] ?? "", required: true, error: problems["name"]),
                Field.select("kind", label: view.t(.dutyKind), options: DutyKind.allCases.map { ($0.rawValue, view.t($0.label)) },
                             selected: values["kind"], error: problems["kind"]),
                .ul(.class("hint"), .group(DutyKind.allCases.map { .li(.strong(.text(view.t($0.label) + "：")), .text(view.t($0.hint))) })),
                Field.text("from", label: view.t(.dutyFrom), value: values["from"] ?? "", type: "date", required: true, error: problems["from"]),
                Field.text("until", label: view.t(.dutyUntilField), value: values["until"] ?? "", type: "date", hint: view.t(.dutyUntilHint),
                           error: problems["until"]),
                Field.select("shiftHours", label: view.t(.dutyShiftHours), options: DutyPlan.shiftHourChoices.map { (String($0), String($0)) },
                             selected: values["shiftHours"], error: problems["shiftHours"]),
                Field.text("handoff", label: view.t(.dutyHandoff), value: values["handoff"] ?? "08:00", type: "time", hint: view.t(.dutyHandoffHint),
                           error: problems["handoff"]),
                Field.textarea("participants", label: view.t(.dutyParticipants), value: values["participants"] ?? "", rows: 5,
                               hint: view.t(.dutyParticipantsHint) + " " + staff.map { $0.username + "（" + $0.name + "）" }.joined(separator: "、"),
                               error: problems["participants"]),
                Field.text("staffing", label: view.t(.dutyStaffing), value: values["staffing"] ?? "1", type: "number", error: problems["staffing"]),
                Field.text("rotateEvery", label: view.t(.dutyRotateEvery), value: values["rotateEvery"] ?? "1", type: "number",
                           error: problems["rotateEvery"]),
                Field.submit(view.t(.save))))
    }
}

/// One roster's week: day by day its shifts (editable by a lead), the uncovered times, and the
/// forms to generate shifts from the rotation and to add one by hand.
struct RosterWeekPage {
    var roster: DutyQueries.RosterRow
    var monday: CalendarDate
    var today: CalendarDate
    var now: Date
    var userId: UUID
    var shifts: [DutyQueries.ShiftRow]
    var gaps: [DateInterval]
    var staff: [DutyQueries.Person]
    var problems: FormProblems

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let manage = view.can(.manageRoster)
        let id = roster.id.uuidString
        let week = monday.description
        return .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(roster.name)),
                     .if(manage, .link(SiteURL.duty(.editRoster(id)).path, view.t(.dutyEditRoster), class: "button secondary"))),
                .p(.class("muted"), .text(view.t(roster.kind.label) + " · " + roster.plan.from.description + " – " + (roster.plan.until?.description ?? "…")
                                          + " · " + roster.participantNames.joined(separator: " → "))),
                problems.summary(view),
                .nav(.class("tabs"),
                     .link(SiteURL.duty(.roster(id, week: monday.adding(days: -7).description)).path, "‹ " + view.t(.dutyPrevWeek)),
                     .span(.text(view.format(.dutyWeekOf, week))),
                     .link(SiteURL.duty(.roster(id, week: monday.adding(days: 7).description)).path, view.t(.dutyNextWeek) + " ›")),
                .if(!gaps.isEmpty, .div(.class("warning-box"), .attr("role", "alert"),
                    .strong(.text(view.format(.dutyGapWarning, String(gaps.count)))),
                    .ul(.group(gaps.map { .li(.text(Format.time($0.start) + "–" + Format.time($0.end))) })))),
                .group((0..<7).map { offset in day(monday.adding(days: offset), offset, manage: manage, view) })),
            .if(manage, .section(.class("card"),
                .h2(.text(view.t(.dutyGenerate))),
                .p(.class("hint"), .text(view.t(.dutyGenerateHint))),
                Field.form(SiteURL.duty(.generate(id)).path + "?week=" + week, csrf: view.csrf,
                    Field.text("from", label: view.t(.dutyFrom), value: max(monday, today).description, type: "date", error: problems["from"]),
                    Field.text("days", label: view.t(.dutyDays), value: "28", type: "number", error: problems["days"]),
                    Field.submit(view.t(.dutyGenerate))),
                .h2(.text(view.t(.dutyAddShift))),
                Field.form(SiteURL.duty(.shifts(id)).path + "?week=" + week, csrf: view.csrf,
                    personSelect(nil, view),
                    Field.text("start", label: view.t(.dutyStart), type: "datetime-local", required: true, error: problems["start"]),
                    Field.text("end", label: view.t(.dutyEnd), type: "datetime-local", required: true, error: problems["end"]),
                    Field.text("note", label: view.t(.dutyNote)),
                    Field.submit(view.t(.dutyAddShift), style: "secondary")))))
    }

    private func day(_ date: CalendarDate, _ offset: Int, manage: Bool, _ view: ViewContext) -> Node<HTML.BodyContext> {
        guard let start = date.startInBeijing else { return .empty }
        let end = start.addingTimeInterval(86_400)
        let todays = shifts.filter { $0.start >= start && $0.start < end }
        return .div(.class(date == today ? "duty-day today" : "duty-day"),
            .h3(.text(date.description + " " + view.t(RosterLabels.weekdays[offset]))),
            .if(todays.isEmpty, .p(.class("muted"), .text("—"))),
            .ul(.class("shift-list"), .group(todays.map { shift in
                .li(.attr("data-shift", shift.id.uuidString),
                    .text(Format.time(shift.start).suffix(5) + "–" + Format.time(shift.end).suffix(5) + " "),
                    .strong(.text(shift.userName)),
                    RosterLabels.origin(shift, view),
                    .unwrap(shift.note.nilIfBlank) { .span(.class("muted"), .text(" · " + $0)) },
                    .if(manage, editForm(shift, view)))
            })))
    }

    private func editForm(_ shift: DutyQueries.ShiftRow, _ view: ViewContext) -> Node<HTML.BodyContext> {
        let id = roster.id.uuidString, week = "?week=" + monday.description
        return .element(named: "details", nodes: [
            .element(named: "summary", text: view.t(.dutyEditShift)),
            Field.form(SiteURL.duty(.shift(id, shift.id.uuidString)).path + week, csrf: view.csrf,
                personSelect(shift.username, view),
                Field.text("start", label: view.t(.dutyStart), value: LocalTime.field(shift.start), type: "datetime-local", required: true),
                Field.text("end", label: view.t(.dutyEnd), value: LocalTime.field(shift.end), type: "datetime-local", required: true),
                Field.text("note", label: view.t(.dutyNote), value: shift.note),
                Field.submit(view.t(.save), style: "secondary")),
            Field.form(SiteURL.duty(.deleteShift(id, shift.id.uuidString)).path + week, csrf: view.csrf,
                Field.submit(view.t(.dutyDeleteShift), style: "link")),
        ])
    }

    private func personSelect(_ selected: String?, _ view: ViewContext) -> Node<HTML.BodyContext> {
        Field.select("person", label: view.t(.dutyPerson), options: staff.map { ($0.username, $0.name + "（" + $0.username + "）") },
                     selected: selected, error: selected == nil ? problems["person"] : nil)
    }
}
