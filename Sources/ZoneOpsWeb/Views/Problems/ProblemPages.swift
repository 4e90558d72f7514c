import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The problem list, with the known errors as their own tab (searchable), and the way to the
/// recurrence view.
struct ProblemListPage {
    var filter: ProblemQueries.Filter
    var rows: [ProblemQueries.Row]
    var total: Int

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.navProblems))),
                     .if(view.can(.manageProblems), .link(SiteURL.problem(.new(incidents: [])).path, "+ " + view.t(.prbNew), class: "button primary"))),
                .nav(.class("tabs"),
                     .element(named: "a", nodes: [.attr("href", SiteURL.problem(.list(knownErrors: false)).path),
                                                  filter.knownErrors ? .empty : .attr("aria-current", "page"), .text(view.t(.incQueueAll))]),
                     .element(named: "a", nodes: [.attr("href", SiteURL.problem(.list(knownErrors: true)).path),
                                                  filter.knownErrors ? .attr("aria-current", "page") : .empty, .text(view.t(.prbKnownErrors))]),
                     .link(SiteURL.problem(.recurrence).path, view.t(.prbRecurrence)),
                     .link(SiteURL.query(SiteURL.problem(.export).path, ["known": filter.knownErrors ? "1" : nil, "q": filter.q,
                                                                       "status": filter.status?.rawValue]), view.t(.incExport))),
                .element(named: "form", nodes: [
                    .attr("method", "get"), .attr("action", "/problems"), .attr("class", "search"),
                    filter.knownErrors ? Field.hidden("known", "1") : .empty,
                    .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "search"), Attribute(name: "name", value: "q"),
                        Attribute(name: "value", value: Safe.attribute(filter.q ?? "")),
                        Attribute(name: "placeholder", value: Safe.attribute(view.t(.prbSearch))),
                        Attribute(name: "aria-label", value: Safe.attribute(view.t(.prbSearch))),
                    ]),
                    Field.select("status", label: view.t(.incFieldStatus),
                                 options: [("", view.t(.incQueueAll))] + ProblemStatus.allCases.map { ($0.rawValue, view.t($0.label)) },
                                 selected: filter.status?.rawValue),
                    Field.submit(view.t(.incSearchButton), style: "secondary"),
                ])),
            .section(.class("card"),
                .if(rows.isEmpty, .p(.class("muted"), .text(view.t(.prbNone)))),
                .ul(.class("problem-list"), .group(rows.map { row in
                    .li(.link(SiteURL.problem(.problem(row.id.uuidString)).path, row.number), .text(" " + row.title + " "),
                        ProblemLabels.badges(row, view),
                        .span(.class("muted"), .text(" · " + view.format(.prbIncidentCount, String(row.incidentCount)))),
                        .if(row.isKnownError && !row.workaround.isEmpty, .p(.class("hint"), .text(view.t(.prbWorkaround) + "：" + row.workaround))))
                })),
                .p(.class("muted"), .text(view.format(.prbTotal, String(total))))))
    }
}

enum ProblemLabels {
    static func badges(_ row: ProblemQueries.Row, _ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(.span(.class(row.status == .open ? "badge" : "badge chg-completed"), .text(view.t(row.status.label))),
               .if(row.isKnownError, .span(.class("badge state-degraded"), .text(" " + view.t(.prbKnownError)))))
    }

    /// The known errors matching what the desk types, with their workaround (a fragment).
    static func hint(_ rows: [ProblemQueries.Row], _ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else { return .empty }
        return .div(.class("warning-box known-hint"),
            .strong(.text(view.t(.prbSuggested))),
            .ul(.group(rows.map { row in
                .li(.link(SiteURL.problem(.problem(row.id.uuidString)).path, row.number), .text(" " + row.title),
                    .p(.class("hint"), .text(view.t(.prbWorkaround) + "：" + row.workaround)))
            })))
    }

    static func entry(_ kind: String) -> TextKey {
        switch Problems.EntryKind(rawValue: kind) {
        case .created: .prbEntryCreated
        case .linked: .prbEntryLinked
        case .note, nil: .prbEntryNote
        case .analysis: .prbEntryAnalysis
        case .closed: .prbEntryClosed
        case .knownError: .prbEntryKnownError
        case .notKnownError: .prbEntryNotKnownError
        }
    }
}

/// Raising a problem, from incidents (their numbers carried over) or on its own.
struct ProblemFormPage {
    var values: [String: String]
    var problems: FormProblems

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h1(.text(view.t(.prbNew))),
            problems.summary(view),
            Field.form(SiteURL.problem(.new(incidents: [])).path, csrf: view.csrf,
                Field.text("title", label: view.t(.incFieldTitle), value: values["title"] ?? "", required: true, error: problems["title"]),
                Field.textarea("description", label: view.t(.incFieldDescription), value: values["description"] ?? "", rows: 3,
                               error: problems["description"]),
                Field.textarea("incidents", label: view.t(.prbIncidents), value: values["incidents"] ?? "", rows: 2,
                               hint: view.t(.prbIncidentsHint), error: problems["incidents"]),
                Field.textarea("ciIds", label: view.t(.chgFieldCIs), value: values["ciIds"] ?? "", rows: 2, hint: view.t(.chgCIsHint),
                               error: problems["ciIds"]),
                Field.submit(view.t(.save))))
    }
}

/// One problem: its incidents, CIs, the investigation (root cause, workaround, known error),
/// how it was closed, and the log.
struct ProblemDetailPage {
    var detail: ProblemQueries.Detail
    var problems = FormProblems()

    private var id: String { detail.row.id.uuidString }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let model = detail.model
        let open = detail.row.status == .open
        let manage = view.can(.manageProblems)
        func form(_ action: String, _ label: TextKey, style: String = "secondary", _ fields: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
            .element(named: "form", nodes: [.attr("method", "post"), .attr("action", SiteURL.problem(.action(id, action)).path),
                                            .attr("class", "action-form"), .attr("data-action", action), Field.csrf(view.csrf)]
                     + fields + [Field.submit(view.t(label), style: style)])
        }
        return .group(
            .section(.class("card"),
                .p(.class("muted"), .text(detail.row.number + " · " + model.createdByName + " · " + Format.time(model.createdAt))),
                .h1(.text(detail.row.title)),
                .p(ProblemLabels.badges(detail.row, view)),
                problems.summary(view),
                .unwrap(model.description.nilIfBlank) { .p(.class("description"), .text($0)) },
                .element(named: "dl", nodes: [
                    .element(named: "dt", text: view.t(.prbRootCause)), .element(named: "dd", text: model.rootCause.nilIfBlank ?? "—"),
                    .element(named: "dt", text: view.t(.prbWorkaround)), .element(named: "dd", text: model.workaround.nilIfBlank ?? "—"),
                    .unwrap(detail.categoryName) { .group(.element(named: "dt", text: view.t(.incFieldCategory)), .element(named: "dd", text: $0)) },
                    .unwrap(detail.closingChange) { change in
                        .group(.element(named: "dt", text: view.t(.prbClosedBy)),
                               .element(named: "dd", nodes: [.link(SiteURL.change(.change(change.id.uuidString)).path, change.number)]))
                    },
                    .unwrap(model.closingDecision) { .group(.element(named: "dt", text: view.t(.prbDecision)), .element(named: "dd", text: $0)) },
                ])),
            .section(.class("card"),
                .h2(.text(view.t(.prbIncidents))),
                .if(detail.incidents.isEmpty, .p(.class("muted"), .text("—"))),
                .ul(.group(detail.incidents.map { incident in
                    .li(.link(SiteURL.desk(.incident(incident.id.uuidString)).path, incident.number), .text(" " + incident.title + " "),
                        IncidentLabels.statusBadge(incident.status, view))
                })),
                .if(!detail.cis.isEmpty, .group(.h2(.text(view.t(.chgFieldCIs))), .ul(.group(detail.cis.map { ci in
                    .li(.link(SiteURL.ci(ci.id.uuidString).path, ci.name), .text(" "), StateBadge.node(OperationalState(rawValue: ci.state) ?? .unknown, view.language))
                }))))),
            .if(open && (manage || view.can(.workIncidents)), .section(.class("card actions"),
                form("link", .prbActLink, Field.text("incident", label: view.t(.prbLinkIncident), required: true, error: problems["incident"])),
                .if(manage, .group(
                    form("investigate", .prbActInvestigate, style: "primary",
                         Field.textarea("note", label: view.t(.prbEntryNote), rows: 2, error: problems["note"]),
                         Field.textarea("rootCause", label: view.t(.prbRootCause), value: model.rootCause, rows: 2, error: problems["rootCause"]),
                         Field.textarea("workaround", label: view.t(.prbWorkaround), value: model.workaround, rows: 2, error: problems["workaround"]),
                         Field.select("knownError", label: view.t(.prbKnownError),
                                      options: [("false", view.t(.no)), ("true", view.t(.yes))], selected: model.isKnownError ? "true" : "false")),
                    form("close", .prbActClose,
                         Field.text("change", label: view.t(.prbCloseChange), hint: view.t(.prbCloseHint), error: problems["change"]),
                         Field.textarea("decision", label: view.t(.prbDecision), rows: 2, error: problems["decision"])))))),
            .section(.class("card"),
                .h2(.text(view.t(.chgHistory))),
                .ol(.class("worklog"), .group(detail.entries.map { entry in
                    .li(.element(named: "time", text: Format.time(entry.at)), .strong(.text(" " + view.t(ProblemLabels.entry(entry.kind)))),
                        .span(.class("muted"), .text(" · " + entry.actorName)), .unwrap(entry.body.nilIfBlank) { .p(.text($0)) })
                }))))
    }
}

/// CIs and categories with repeated incidents in a period, with the thresholds and a way to
/// open a problem from each.
struct RecurrencePage {
    var rule: RecurrenceRule
    var items: [ProblemQueries.Recurrence]
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .h1(.text(view.t(.prbRecurrence))),
                .p(.class("hint"), .text(view.format(.prbRecurrenceHint, String(rule.minimum), String(rule.days)))),
                problems.summary(view),
                .element(named: "form", nodes: [
                    .attr("method", "get"), .attr("action", SiteURL.problem(.recurrence).path), .attr("class", "search"),
                    Field.text("days", label: view.t(.prbDays), value: String(rule.days), type: "number", error: problems["days"]),
                    Field.text("minimum", label: view.t(.prbMinimum), value: String(rule.minimum), type: "number", error: problems["minimum"]),
                    Field.submit(view.t(.incSearchButton), style: "secondary"),
                ]),
                .if(view.can(.manageProblems), Field.form(SiteURL.problem(.recurrence).path, csrf: view.csrf,
                    Field.hidden("days", String(rule.days)), Field.hidden("minimum", String(rule.minimum)),
                    Field.submit(view.t(.prbSaveRule), style: "link")))),
            .section(.class("card"),
                .if(items.isEmpty, .p(.class("muted"), .text(view.t(.prbNoRecurrence)))),
                .ul(.class("recurrence"), .group(items.map { item in
                    .li(.strong(.text(view.t(item.kind == .ci ? .prbByCI : .prbByCategory) + "：" + item.name)),
                        .text(" · " + view.format(.prbIncidentCount, String(item.count))),
                        .p(.class("muted"), .text(item.numbers.prefix(10).joined(separator: "、") + (item.numbers.count > 10 ? "…" : ""))),
                        .unwrap(item.problemNumber) { .p(.class("hint"), .text(view.t(.prbCovered) + " " + $0)) },
                        .if(item.problemNumber == nil && view.can(.manageProblems),
                            .link(SiteURL.problem(.new(incidents: Array(item.numbers.prefix(Problems.maxLinks)))).path + "&title=" +
                                  (("重复故障：" + item.name).addingPercentEncoding(withAllowedCharacters: SiteURL.queryValue) ?? ""),
                                  view.t(.prbOpenFrom), class: "button secondary")))
                }))))
    }
}
