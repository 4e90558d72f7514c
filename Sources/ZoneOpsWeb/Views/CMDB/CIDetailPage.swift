import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// One CI: its fields and attributes, relations both ways, lifecycle history, end dates.
struct CIDetailPage {
    var ci: CIModel
    var type: CITypeDefinition
    var location: String?
    var outgoing: [CIRelationModel]
    var incoming: [CIRelationModel]
    var history: [CIStatusChangeModel]
    var canEdit: Bool
    var error: String?
    /// Spare parts used on or returned from this CI.
    var spares: [SpareParts.Movement] = []
    /// The revealed credential, after an audited request to see it.
    var credential: String? = nil
    /// Its maintenance windows (from approved changes), newest first.
    var windows: [Maintenance.Window] = []
    /// Its versions as releases were deployed and rolled back, newest first.
    var versions: [ReleaseQueries.Deployment] = []
    var canRaiseChange = false
    /// Availability, state history and open alerts (for those who read monitoring).
    var monitoring: CIMonitoringSection? = nil

    var id: String { ci.id?.uuidString ?? "" }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        return .group(
            .section(.class("card"),
                .div(.class("title-row"),
                     .h1(.text(ci.name), .text(" "), StateBadge.node(ci.operationalState, language)),
                     .div(.class("actions"),
                          .link(SiteURL.ciImpact(id).path, view.t(.impactLink), class: "button"),
                          .link(SiteURL.mobileCI(id).path, view.t(.mobilePage), class: "button"),
                          .link(SiteURL.labels.path + "?ids=\(id)", view.t(.labelsTitle), class: "button"),
                          .if(view.can(.readChanges), .link(ChangeURL.list(ChangeQueries.Filter(ciId: ci.id)), view.t(.navChanges), class: "button")),
                          .if(canRaiseChange, .link(SiteURL.query(SiteURL.change(.new).path, ["ci": ci.assetTag ?? id]), view.t(.chgNew), class: "button")),
                          .if(canEdit, .link(SiteURL.editCI(id).path, view.t(.editCI), class: "button primary")))),
                .p(.class("muted"), .text(type.name(in: language) + (location.map { " · " + $0 } ?? ""))),
                .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                CIFieldsTable.node(ci, type: type, location: location, view),
                .if(ci.sealedCredential != nil, .div(.class("credential"),
                    .strong(.text(view.t(.credentialLabel) + "：")),
                    credential.map { .element(named: "code", nodes: [.text($0)]) } ?? .text(view.t(.credentialStored)),
                    .if(canEdit && credential == nil, Field.form(SiteURL.ciCredential(id).path, csrf: view.csrf,
                                                                 Field.submit(view.t(.credentialShow), style: "link")))))),
            .unwrap(monitoring) { $0.body(view) },
            relations(view),
            .section(.class("card"), .h2(.text(view.t(.historyTitle))), HistoryList.node(history, language)),
            .if(!windows.isEmpty, .section(.class("card"), .attr("id", "maintenance"), .h2(.text(view.t(.chgWindows))),
                .ul(.class("activity"), .group(windows.map { window in
                    .li(.span(.class("time"), .text(Format.time(window.start) + " – " + (window.end.map(Format.time) ?? view.t(.chgWindowOpen)))),
                        .text(" "), .link(SiteURL.change(.change(window.changeId.uuidString)).path, view.t(.navChanges)))
                })))),
            .if(!versions.isEmpty, .section(.class("card"), .attr("id", "versions"), .h2(.text(view.t(.relVersionHistory))),
                .ul(.class("activity"), .group(versions.map { item in
                    .li(.span(.class("time"), .text(Format.time(item.at))),
                        .text(" " + (item.fromVersion ?? "—") + " → " + item.toVersion + " · "),
                        .link(SiteURL.release(.release(item.releaseId.uuidString)).path, item.releaseNumber),
                        .text(" · " + item.actorName),
                        .unwrap(item.rolledBackAt) { .span(.class("badge state-down"), .text(" " + view.t(.relRolledBack) + " " + Format.time($0))) })
                })))),
            .if(!spares.isEmpty, .section(.class("card"), .h2(.text(view.t(.spareUsedOnCI))),
                                          SpareHistoryList.node(spares, showPart: true, view))),
            .if(canEdit, .section(.class("card"),
                Field.form(SiteURL.deleteCI(id).path, csrf: view.csrf,
                           .p(.class("muted"), .text(view.t(.deleteCIConfirm))),
                           Field.submit(view.t(.deleteCI), style: "danger")))))
    }

    private func relations(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        func row(_ relation: CIRelationModel, other: CIModel) -> Node<HTML.ListContext> {
            let type = RelationType(rawValue: relation.type)
            let label = type.map { Catalog.shared.text($0.label, language) } ?? relation.type
            let link: Node<HTML.BodyContext> = .link(SiteURL.ci(other.id?.uuidString ?? "").path, other.name)
            let remove: Node<HTML.BodyContext> = canEdit
                ? Field.form(SiteURL.ciRelationDelete(id, relation.id?.uuidString ?? "").path, csrf: view.csrf,
                             Field.submit(view.t(.remove), style: "danger"))
                : .empty
            return .li(.span(.class("muted"), .text(label + " ")), link,
                       .unwrap(relation.port) { .span(.class("muted"), .text(" (\($0))")) }, remove)
        }
        let types = RelationType.allCases.map { (value: $0.rawValue, label: Catalog.shared.text($0.label, language)) }
        return .section(.class("card"),
            .h2(.text(view.t(.relationsTitle))),
            .h3(.text(view.t(.relationsOutgoing))),
            .ul(.class("relations"), .group(outgoing.map { row($0, other: $0.target) })),
            .h3(.text(view.t(.relationsIncoming))),
            .ul(.class("relations"), .group(incoming.map { row($0, other: $0.source) })),
            .if(canEdit, Field.form(SiteURL.ciRelations(id).path, csrf: view.csrf,
                .h3(.text(view.t(.addRelation))),
                .div(.class("grid"),
                     Field.select("type", label: view.t(.fieldType), options: types, selected: RelationType.dependsOn.rawValue),
                     Field.text("target", label: view.t(.relationTarget), required: true, hint: view.t(.relationTargetHint)),
                     Field.text("port", label: view.t(.relationPort))),
                Field.submit(view.t(.addRelation)))))
    }
}

/// The filled-in fields and attributes of a CI as a two-column table.
enum CIFieldsTable {
    static func node(_ ci: CIModel, type: CITypeDefinition, location: String?, _ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        var rows: [(String, String)] = []
        for field in CIField.allCases where field != .type && field != .name {
            guard var value = ci.value(of: field), !value.isEmpty else { continue }
            if field == .location { value = location ?? value }
            rows.append((view.t(field.label), field.kind.display(value, in: language)))
        }
        for definition in type.attributes {
            guard let value = ci.attributes[definition.key] else { continue }
            rows.append((definition.name(in: language), definition.kind.display(value, in: language)))
        }
        return .table(.class("fields"), .tbody(.group(rows.map { label, value in .tr(.th(.text(label)), .td(.text(value))) })))
    }
}

/// Lifecycle steps, newest first.
enum HistoryList {
    static func node(_ history: [CIStatusChangeModel], _ language: AppLanguage) -> Node<HTML.BodyContext> {
        .ul(.class("activity"), .group(history.map { change in
            let from = change.fromStatus.map { CIField.status.kind.display($0, in: language) + " → " }
                ?? Catalog.shared.text(.historyInitial, language) + " → "
            let line: Node<HTML.BodyContext> = .text(" \(from)\(CIField.status.kind.display(change.toStatus, in: language)) · \(change.actorName)")
            return .li(.span(.class("time"), .text(Format.time(change.at))), line)
        }))
    }
}
