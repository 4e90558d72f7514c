import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// Spare parts: stock per kind and place, those below their minimum first, and forms to move stock.
struct SparePartsPage {
    var rows: [SpareParts.Overview]
    var paths: [UUID: String]
    var types: [CITypeModel]
    var canEdit: Bool
    var error: String?
    /// A refused movement: its part, what was typed and what is wrong, shown open at that part.
    var failedMove: (partId: String, values: [String: String], problems: FormProblems)? = nil

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        let sorted = rows.sorted { ($0.belowMinimum ? 0 : 1, $0.part.name) < ($1.belowMinimum ? 0 : 1, $1.part.name) }
        let places = paths.sorted { $0.value < $1.value }.map { (value: $0.key.uuidString, label: $0.value) }
        let kinds = SpareMovementKind.allCases.map { (value: $0.rawValue, label: view.t($0.label)) }
        return .group(
            .section(.class("card"),
                .h1(.text(view.t(.sparesTitle))),
                .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                rows.isEmpty ? .p(.text(view.t(.spareNone))) : .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(view.t(.name))), .th(.text(view.t(.sparePartModel))), .th(.text(view.t(.spareTotal))),
                               .th(.text(view.t(.spareMinimum))), .th(.class("wide"), .text(view.t(.spareStockByPlace))))),
                    .tbody(.group(sorted.map { row in
                        .tr(.class(row.belowMinimum ? "overdue" : ""),
                            .td(.link(SiteURL.sparePart(row.part.id?.uuidString ?? "").path, row.part.name)),
                            .td(.text(row.part.partModel)),
                            .td(.text("\(row.total) \(row.part.unit)"),
                                .if(row.belowMinimum, .span(.class("badge state-down"), .text(" " + view.t(.spareBelowMinimum))))),
                            .td(.text(String(row.part.minimum))),
                            .td(.class("wide"), .text(row.byPlace.map { "\(paths[$0.locationId] ?? "?")：\($0.quantity)" }
                                .joined(separator: "；"))))
                    }))))),
            .if(canEdit && !rows.isEmpty, .section(.class("card"),
                .h2(.text(view.t(.spareMove))),
                .group(sorted.map { row in
                    let id = row.part.id?.uuidString ?? ""
                    let failed = failedMove?.partId == id ? failedMove : nil
                    let typed = failed?.values ?? [:]
                    let problems = failed?.problems ?? FormProblems()
                    return .element(named: "details", nodes: [
                        failed == nil ? .empty : .attribute(named: "open", value: "open"),
                        .element(named: "summary", text: "\(row.part.name) · \(row.part.partModel)"),
                        Field.form(SiteURL.spareMove(id).path, csrf: view.csrf,
                                   .div(.class("grid"),
                                        Field.select("kind", label: view.t(.spareKind), options: kinds,
                                                     selected: typed["kind"] ?? "receive", error: problems["kind"]),
                                        Field.select("location", label: view.t(.fieldLocation), options: places,
                                                     selected: typed["location"] ?? row.byPlace.first?.locationId.uuidString,
                                                     error: problems["location"]),
                                        Field.text("quantity", label: view.t(.spareQuantity), value: typed["quantity"] ?? "1",
                                                   required: true, error: problems["quantity"]),
                                        Field.text("ci", label: view.t(.spareCI), value: typed["ci"] ?? "", error: problems["ci"]),
                                        Field.text("note", label: view.t(.spareNote), value: typed["note"] ?? "")),
                                   Field.submit(view.t(.spareMove))),
                    ])
                }))),
            .if(canEdit, .section(.class("card"),
                .h2(.text(view.t(.spareNewPart))),
                Field.form(SiteURL.spares.path, csrf: view.csrf,
                           .div(.class("grid"),
                                Field.text("name", label: view.t(.name), required: true),
                                Field.text("partModel", label: view.t(.sparePartModel), required: true),
                                Field.select("typeKey", label: view.t(.fieldType),
                                             options: [(value: "", label: view.t(.none))] + types.map { (value: $0.key, label: $0.definition.name(in: language)) },
                                             selected: ""),
                                Field.text("unit", label: view.t(.spareUnit), value: "个"),
                                Field.text("minimum", label: view.t(.spareMinimum), value: "1")),
                           Field.submit(view.t(.create))))))
    }
}
