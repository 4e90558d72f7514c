import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The hotline desk (热线台) for the duty officer: log a call in seconds (the caller's earlier
/// tickets appear as the number is typed), answer it, turn it into an incident or log it as
/// missed; today's calls and the callbacks still due, with the answer rate.
struct HotlinePage {
    var today: [Hotline.CallRow]
    var callbacks: [Hotline.CallRow]
    var answerRate: Double?
    var values: [String: String] = [:]
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .h1(.text(view.t(.hotlineTitle))),
                problems.summary(view),
                .element(named: "form", nodes: [
                    .attr("method", "post"), .attr("action", SiteURL.desk(.hotlineCalls).path), .attr("class", "hotline-form"),
                    Field.csrf(view.csrf),
                    Field.text("phone", label: view.t(.hotlinePhone), value: values["phone"] ?? "", type: "tel", required: true,
                               autocomplete: "off", error: problems["phone"]),
                    Field.text("callerName", label: view.t(.hotlineCaller), value: values["callerName"] ?? "", error: problems["callerName"]),
                    Field.text("organizationName", label: view.t(.hotlineOrganization), value: values["organizationName"] ?? ""),
                    .div(.attr("id", "caller-history"), .attr("data-history-src", SiteURL.desk(.hotlineHistory).path)),
                    Field.textarea("summary", label: view.t(.hotlineSummary), value: values["summary"] ?? "", rows: 3, error: problems["summary"]),
                    Field.select("result", label: view.t(.hotlineResult),
                                 options: [("answered", view.t(.hotlineAnswered)), ("incident", view.t(.hotlineIncident)),
                                           ("missed", view.t(.hotlineMissed))], selected: values["result"]),
                    Field.select("impact", label: view.t(.incFieldImpact),
                                 options: [("3", view.t(.incImpact3)), ("2", view.t(.incImpact2)), ("1", view.t(.incImpact1))], selected: values["impact"]),
                    Field.select("urgency", label: view.t(.incFieldUrgency),
                                 options: [("3", view.t(.incUrgency3)), ("2", view.t(.incUrgency2)), ("1", view.t(.incUrgency1))], selected: values["urgency"]),
                    Field.submit(view.t(.hotlineLog)),
                    // Below the button, so a hint arriving while the call is typed never moves it.
                    .if(view.can(.readProblems),
                        .div(.attr("id", "known-errors"), .attr("data-known-src", SiteURL.problem(.knownErrorHint).path), .attr("aria-live", "polite"))),
                ])),
            .section(.class("card"), .attr("id", "callbacks"),
                .h2(.text(view.t(.hotlineCallbacks) + " (\(callbacks.count))")),
                callbacks.isEmpty ? .p(.class("muted"), .text(view.t(.hotlineNoCallbacks))) : .ul(.class("calls"), .group(callbacks.map { call in
                    .li(.strong(.text(call.phone)), .text(" " + call.callerName + " · " + Format.time(call.at)),
                        Field.form(SiteURL.desk(.hotlineCallback(call.id.uuidString)).path, csrf: view.csrf,
                                   Field.text("note", label: view.t(.hotlineCallbackNote), required: true),
                                   Field.submit(view.t(.hotlineCallbackDone), style: "secondary")))
                }))),
            .section(.class("card"),
                .h2(.text(view.t(.hotlineToday))),
                .unwrap(answerRate) { .p(.text(view.format(.hotlineAnswerRate, String(format: "%.1f%%", $0 * 100)))) },
                today.isEmpty ? .p(.class("muted"), .text(view.t(.hotlineNoCalls))) : .div(.class("table-scroll"), .table(.class("list"),
                    .thead(.tr(.th(.text(view.t(.hotlineTime))), .th(.text(view.t(.hotlinePhone))), .th(.text(view.t(.hotlineCaller))),
                               .th(.text(view.t(.hotlineSummary))), .th(.text(view.t(.hotlineResult))))),
                    .tbody(.group(today.map { call in
                        .tr(.td(.text(Format.time(call.at)), .if(call.outsideHours, .span(.class("badge"), .text(" " + view.t(.hotlineOutsideHours))))),
                            .td(.text(call.phone)), .td(.text(call.callerName + (call.organizationName.map { " · " + $0 } ?? ""))),
                            .td(.text(call.summary)),
                            .td(call.incidentId.map { .link(SiteURL.desk(.incident($0.uuidString)).path, view.t(.hotlineIncident)) }
                                ?? .text(view.t(call.result == .missed ? (call.callbackDoneAt == nil ? .hotlineMissed : .hotlineCallbackDone) : .hotlineAnswered))))
                    }))))))
    }

    /// The caller's earlier tickets, fetched while the number is typed.
    static func history(_ rows: [IncidentQueries.Row], _ view: ViewContext) -> Node<HTML.BodyContext> {
        .div(.class("history"), .h3(.text(view.t(.hotlineHistory))),
             rows.isEmpty ? .p(.class("muted"), .text(view.t(.hotlineNoHistory))) : .ul(.group(rows.map { row in
                 .li(.link(SiteURL.desk(.incident(row.id.uuidString)).path, row.number), .text(" " + row.title + " · "),
                     IncidentLabels.statusBadge(row.status, view))
             })))
    }
}
