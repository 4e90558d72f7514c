import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The audit log for people: newest first, filtered by action and day, each entry with who, when,
/// from where, the object by name and what changed; the chain's state on request. One card per
/// entry, so it reads on a phone as well as on a desk.
struct AuditPage {
    var lines: [AuditQueries.Line]
    var filter: AuditQueries.Filter
    var verification: AuditLog.Verification?
    var page: Int
    var hasMore: Bool
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card audit"),
            .h1(.text(view.t(.auditTitle))),
            status(view),
            filters(view),
            lines.isEmpty ? .p(.class("muted"), .text(view.t(.auditNone))) : .ol(.class("audit-list"), .group(lines.map { line($0, view) })),
            .div(.class("pager"),
                 .if(page > 1, .link(url(page: page - 1), "‹ " + view.t(.previousPage))),
                 .span(.text(" \(page) ")),
                 .if(hasMore, .link(url(page: page + 1), view.t(.nextPage) + " ›"))))
    }

    private func status(_ view: ViewContext) -> Node<HTML.BodyContext> {
        switch verification?.firstBreak {
        case nil where verification == nil:
            .link(SiteURL.query(SiteURL.audit.path, ["verify": "1"]), view.t(.auditVerify), class: "button")
        case nil:
            .p(.class("ok"), .text(view.format(.auditIntact, String(verification?.checked ?? 0))))
        case .some(let broken):
            .p(.class("error"), .attr("role", "alert"), .text(broken.describe(in: view.language)))
        }
    }

    private func filters(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let actions = [(value: "", label: view.t(.auditAllActions))]
            + AuditAction.allCases.map { (value: $0.rawValue, label: view.t($0.label)) }
        return .element(named: "form", nodes: [
            .attr("method", "get"), .attr("action", SiteURL.audit.path), .attr("class", "filters"),
            problems.summary(view),
            Field.select("action", label: view.t(.auditAction), options: actions, selected: filter.action ?? ""),
            Field.text("from", label: view.t(.auditFrom), value: filter.from?.description ?? "", type: "date", error: problems["from"]),
            Field.text("to", label: view.t(.auditTo), value: filter.to?.description ?? "", type: "date", error: problems["to"]),
            Field.submit(view.t(.searchButton), style: "secondary"),
        ])
    }

    private func line(_ line: AuditQueries.Line, _ view: ViewContext) -> Node<HTML.ListContext> {
        let object = view.t(Self.objectLabel(line.objectType)) + (line.objectName.map { "：" + $0 } ?? "")
        return .li(.class("audit-entry"),
            .div(.class("audit-head"),
                 .span(.class("time"), .text(Format.time(line.at))),
                 .strong(.text(" " + AuditAction.label(of: line.action, in: view.language))),
                 .span(.class("muted"), .text(" #\(line.sequence)"))),
            .div(.text(line.actorName + (line.address.map { " · " + $0 } ?? "") + " · " + object)),
            .if(!line.changes.isEmpty, .ul(.class("changes"), .group(line.changes.map { change in
                .li(.text(FieldLabels.label(for: change.field, in: view.language) + "：" + describe(change)))
            }))))
    }

    private func describe(_ change: AuditQueries.Change) -> String {
        switch (change.before, change.after) {
        case (nil, let after?): after
        case (let before?, nil): before + " → —"
        case (let before?, let after?): before + " → " + after
        case (nil, nil): "—"
        }
    }

    private func url(page: Int) -> String {
        SiteURL.query(SiteURL.audit.path, ["action": filter.action, "from": filter.from?.description, "to": filter.to?.description,
                                           "page": String(page)])
    }

    static func objectLabel(_ type: String) -> TextKey {
        switch type {
        case "user": .auditObjectUser
        case "organization": .auditObjectOrganization
        case "session": .auditObjectSession
        case "api_token": .auditObjectToken
        case "ci": .auditObjectCI
        case "ci_relation": .auditObjectRelation
        case "location": .auditObjectLocation
        case "spare_part": .auditObjectSpare
        case "ci_type": .auditObjectCIType
        case "settings": .auditObjectSettings
        case "incident": .navIncidents
        case "change": .auditObjectChange
        case "problem": .auditObjectProblem
        case "release": .auditObjectRelease
        case "change_blackout": .chgBlackouts
        case "monitor_alert": .auditObjectAlert
        case "monitor_silence": .monSilences
        case "monitor_probe": .monProbes
        case "monitor_rule": .monRules
        case "monitoring_settings": .auditObjectMonitoringSettings
        default: .auditObject
        }
    }
}
