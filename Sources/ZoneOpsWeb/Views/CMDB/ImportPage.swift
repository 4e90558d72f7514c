import Plot
import Vapor
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

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let language = request.language
        switch stage {
        case .upload:
            return .section(.class("card"),
                .h1(.text(request.t(.importTitle))),
                .p(.class("muted"), .text(request.t(.importHint))),
                .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                .element(named: "form", nodes: [
                    .attr("method", "post"), .attr("action", SiteURL.ciImport.path), .attr("enctype", "multipart/form-data"),
                    Field.csrf(request.csrfToken),
                    .div(.class("field"), .element(named: "label", nodes: [.attr("for", "file"), .text(request.t(.importFile))]),
                         .selfClosedElement(named: "input", attributes: [
                            Attribute(name: "id", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "type", value: "file"),
                            Attribute(name: "accept", value: ".xlsx,.csv"), Attribute(name: "required", value: "required"),
                         ])),
                    Field.submit(request.t(.importUpload)),
                ]),
                .div(.class("actions"),
                     .link(SiteURL.ciImportTemplate.path, request.t(.importTemplate), class: "button"),
                     .link(SiteURL.ciExport.path, request.t(.exportLedger), class: "button")))
        case .preview(let outcome, let token):
            return .section(.class("card"),
                .h1(.text(request.t(.importTitle))),
                .p(.text(Catalog.shared.format(.importPreviewSummary, language, String(outcome.imported), String(outcome.updated),
                                               String(Set(outcome.errors.map(\.row)).count)))),
                .if(outcome.unchanged > 0, .p(.class("muted"), .text(Catalog.shared.format(.importUnchanged, language,
                                                                                            String(outcome.unchanged))))),
                Self.errors(outcome.errors, request),
                Self.created(outcome, request),
                Field.form(SiteURL.ciImportCommit.path, csrf: request.csrfToken, Field.hidden("token", token),
                           .div(.class("actions"), Field.submit(request.t(.importConfirm)),
                                .link(SiteURL.ciImport.path, request.t(.cancel), class: "button"))))
        case .done(let outcome):
            return .section(.class("card"),
                .h1(.text(request.t(.importTitle))),
                .p(.class("ok"), .text(Catalog.shared.format(.importResultSummary, language, String(outcome.imported),
                                                             String(outcome.updated), String(Set(outcome.errors.map(\.row)).count)))),
                Self.errors(outcome.errors, request),
                .link(SiteURL.cis.path, request.t(.cmdbTitle), class: "button primary"))
        }
    }

    static func errors(_ errors: [LedgerImport.RowError], _ request: Request) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .p(.text(request.t(.importNoErrors))) }
        return .group(.h2(.text(request.t(.importErrors))), .div(.class("table-wrap"), .table(
            .thead(.tr(.th(.text(request.t(.importRow))), .th(.text(request.t(.importColumn))), .th(.text(request.t(.importValue))),
                       .th(.text(request.t(.importMessage))))),
            .tbody(.group(errors.prefix(500).map { error in
                .tr(.td(.text(String(error.row))), .td(.text(error.column)),
                    .td(.class("details"), .element(named: "code", text: error.value ?? "")), .td(.text(error.message)))
            })))))
    }

    /// The CIs the import will create, by row (the first 200).
    static func created(_ outcome: LedgerImport.Outcome, _ request: Request) -> Node<HTML.BodyContext> {
        guard !outcome.created.isEmpty else { return .empty }
        return .element(named: "details", nodes: [
            .element(named: "summary", text: Catalog.shared.format(.importWillCreate, request.language, String(outcome.imported))),
            .ul(.class("activity"), .group(outcome.created.map { ci in
                .li(.span(.class("time"), .text(request.t(.importRow) + " \(ci.row)")),
                    .text(" " + ci.name + (ci.assetTag.map { "（\($0)）" } ?? "") + " · " + ci.type))
            })),
        ])
    }
}
