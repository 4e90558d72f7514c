import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// Import the ledger: upload, see the preview (what would be created, updated, refused), confirm.
struct ImportPage {
    enum Stage {
        case upload
        case preview(LedgerImport.Outcome, token: String)
        case done(LedgerImport.Outcome)
    }

    var stage: Stage
    var error: String?

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        switch stage {
        case .upload:
            return .section(.class("card"),
                .h1(.text(view.t(.importTitle))),
                .p(.class("muted"), .text(view.t(.importHint))),
                .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                .element(named: "form", nodes: [
                    .attr("method", "post"), .attr("action", SiteURL.ciImport.path), .attr("enctype", "multipart/form-data"),
                    Field.csrf(view.csrf),
                    .div(.class("field"), .element(named: "label", nodes: [.attr("for", "file"), .text(view.t(.importFile))]),
                         .selfClosedElement(named: "input", attributes: [
                            Attribute(name: "id", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "type", value: "file"),
                            Attribute(name: "accept", value: ".xlsx,.csv"), Attribute(name: "required", value: "required"),
                         ])),
                    Field.submit(view.t(.importUpload)),
                ]),
                .div(.class("actions"),
                     .link(SiteURL.ciImportTemplate.path, view.t(.importTemplate), class: "button"),
                     .link(SiteURL.ciExport.path, view.t(.exportLedger), class: "button")))
        case .preview(let outcome, let token):
            return .section(.class("card"),
                .h1(.text(view.t(.importTitle))),
                .p(.text(Catalog.shared.format(.importPreviewSummary, language, String(outcome.imported), String(outcome.updated),
                                               String(Set(outcome.errors.map(\.row)).count)))),
                .if(outcome.unchanged > 0, .p(.class("muted"), .text(Catalog.shared.format(.importUnchanged, language,
                                                                                            String(outcome.unchanged))))),
                Self.errors(outcome.errors, view),
                Self.created(outcome, view),
                Field.form(SiteURL.ciImportCommit.path, csrf: view.csrf, Field.hidden("token", token),
                           .div(.class("actions"), Field.submit(view.t(.importConfirm)),
                                .link(SiteURL.ciImport.path, view.t(.cancel), class: "button"))))
        case .done(let outcome):
            return .section(.class("card"),
                .h1(.text(view.t(.importTitle))),
                .p(.class("ok"), .text(Catalog.shared.format(.importResultSummary, language, String(outcome.imported),
                                                             String(outcome.updated), String(Set(outcome.errors.map(\.row)).count)))),
                Self.errors(outcome.errors, view),
                .link(SiteURL.cis.path, view.t(.cmdbTitle), class: "button primary"))
        }
    }

    static func errors(_ errors: [LedgerImport.RowError], _ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .p(.text(view.t(.importNoErrors))) }
        return .group(.h2(.text(view.t(.importErrors))), .div(.class("table-wrap"), .table(
            .thead(.tr(.th(.text(view.t(.importRow))), .th(.text(view.t(.importColumn))), .th(.text(view.t(.importValue))),
                       .th(.text(view.t(.importMessage))))),
            .tbody(.group(errors.prefix(500).map { error in
                .tr(.td(.text(String(error.row))), .td(.text(error.column)),
                    .td(.class("details"), .element(named: "code", text: error.value ?? "")), .td(.text(error.message)))
            })))))
    }

    /// The CIs the import will create, by row (the first 200).
    static func created(_ outcome: LedgerImport.Outcome, _ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !outcome.created.isEmpty else { return .empty }
        return .element(named: "details", nodes: [
            .element(named: "summary", text: Catalog.shared.format(.importWillCreate, view.language, String(outcome.imported))),
            .ul(.class("activity"), .group(outcome.created.map { ci in
                .li(.span(.class("time"), .text(view.t(.importRow) + " \(ci.row)")),
                    .text(" " + ci.name + (ci.assetTag.map { "（\($0)）" } ?? "") + " · " + ci.type))
            })),
        ])
    }
}
