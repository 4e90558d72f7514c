import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

struct ReleaseListPage {
    var q: String?
    var rows: [ReleaseQueries.Row]
    var total: Int

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.navReleases))),
                     .if(view.can(.raiseChange), .link(SiteURL.release(.new).path, "+ " + view.t(.relNew), class: "button primary"))),
                .p(.class("queue-tools"), .link(SiteURL.query(SiteURL.release(.export).path, ["q": q]), view.t(.incExport), class: "button secondary")),
                .element(named: "form", nodes: [
                    .attr("method", "get"), .attr("action", SiteURL.release(.list).path), .attr("class", "search"),
                    .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "type", value: "search"), Attribute(name: "name", value: "q"),
                        Attribute(name: "value", value: Safe.attribute(q ?? "")),
                        Attribute(name: "placeholder", value: Safe.attribute(view.t(.relSearch))),
                        Attribute(name: "aria-label", value: Safe.attribute(view.t(.relSearch))),
                    ]),
                    Field.submit(view.t(.incSearchButton), style: "secondary"),
                ])),
            .section(.class("card"),
                .if(rows.isEmpty, .p(.class("muted"), .text(view.t(.relNone)))),
                .div(.class("table-scroll"), .table(.class("list"),
                    .thead(.tr(.th(.text(view.t(.incNumber))), .th(.text(view.t(.name))), .th(.text(view.t(.relKind))),
                               .th(.text(view.t(.relVersion))), .th(.text(view.t(.relDeployedTo))))),
                    .tbody(.group(rows.map { row in
                        .tr(.td(.link(SiteURL.release(.release(row.id.uuidString)).path, row.number)), .td(.text(row.name)),
                            .td(.text(view.t(row.kind.label))), .td(.text(row.version)), .td(.text(String(row.deployedCount))))
                    })))),
                .p(.class("muted"), .text(view.format(.prbTotal, String(total))))))
    }
}

struct ReleaseFormPage {
    var values: [String: String]
    var problems: FormProblems

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h1(.text(view.t(.relNew))),
            problems.summary(view),
            Field.form(SiteURL.release(.new).path, csrf: view.csrf,
                Field.text("name", label: view.t(.name), value: values["name"] ?? "", required: true, hint: view.t(.relNameHint), error: problems["name"]),
                Field.select("kind", label: view.t(.relKind), options: ReleaseKind.allCases.map { ($0.rawValue, view.t($0.label)) },
                             selected: values["kind"] ?? ReleaseKind.software.rawValue),
                .div(.class("field-row"),
                     Field.text("version", label: view.t(.relVersion), value: values["version"] ?? "", required: true, error: problems["version"]),
                     Field.text("rollbackVersion", label: view.t(.relRollbackVersion), value: values["rollbackVersion"] ?? "",
                                error: problems["rollbackVersion"])),
                Field.textarea("changes", label: view.t(.relChanges), value: values["changes"] ?? "", rows: 2, hint: view.t(.relChangesHint),
                               error: problems["changes"]),
                Field.textarea("notes", label: view.t(.relNotes), value: values["notes"] ?? "", rows: 6, error: problems["notes"]),
                Field.submit(view.t(.save))))
    }
}

struct ReleaseDetailPage {
    var detail: ReleaseQueries.Detail
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let id = detail.row.id.uuidString
        return .group(
            .section(.class("card"),
                .p(.class("muted"), .text(detail.row.number + " · " + view.t(detail.row.kind.label) + " · " + detail.model.createdByName)),
                .h1(.text(detail.row.name + " " + detail.row.version)),
                problems.summary(view),
                .element(named: "dl", nodes: [
                    .element(named: "dt", text: view.t(.relRollbackVersion)), .element(named: "dd", text: detail.model.rollbackVersion.nilIfBlank ?? "—"),
                    .element(named: "dt", text: view.t(.relDeployedTo)), .element(named: "dd", text: String(detail.row.deployedCount)),
                ]),
                .unwrap(detail.model.notes.nilIfBlank) { .group(.h2(.text(view.t(.relNotes))), .p(.class("description"), .text($0))) },
                .if(!detail.changes.isEmpty, .group(.h2(.text(view.t(.relChanges))), .ul(.group(detail.changes.map { change in
                    .li(.link(SiteURL.change(.change(change.id.uuidString)).path, change.number), .text(" " + change.title + " "),
                        ChangeLabels.statusBadge(change.status, view))
                }))))),
            .if(view.can(.raiseChange), .section(.class("card actions"),
                Field.form(SiteURL.release(.deploy(id)).path, csrf: view.csrf,
                    Field.textarea("ciIds", label: view.t(.relDeployTo), required: true, rows: 2, hint: view.t(.chgCIsHint), error: problems["ciIds"]),
                    Field.submit(view.t(.relDeploy))))),
            .section(.class("card"),
                .h2(.text(view.t(.relDeployments))),
                .if(detail.deployments.isEmpty, .p(.class("muted"), .text("—"))),
                .ul(.class("deployments"), .group(detail.deployments.map { item in
                    .li(.link(SiteURL.ci(item.ciId.uuidString).path, item.ciName),
                        .text(" · " + (item.fromVersion ?? "—") + " → " + item.toVersion + " · " + Format.time(item.at) + " · " + item.actorName),
                        .unwrap(item.rolledBackAt) { .span(.class("badge state-down"), .text(" " + view.t(.relRolledBack) + " " + Format.time($0))) },
                        .if(item.rolledBackAt == nil && view.can(.raiseChange),
                            Field.form(SiteURL.release(.rollback(id)).path, csrf: view.csrf, Field.hidden("ciId", item.ciId.uuidString),
                                       Field.submit(view.t(.relRollback), style: "link"))))
                }))))
    }
}
