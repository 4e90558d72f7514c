import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The repair slip (设备维修单) as the contract's Chinese form: printable on A4 (print CSS), with
/// the engineer's form, the parts taken from stock and the requester's confirmation on screen.
struct RepairSlipPage {
    var incidentId: String
    var slip: RepairSlips.Slip
    /// What is in stock, by part and place: one choice each.
    var stock: [(partId: UUID, locationId: UUID, label: String)]
    var canWork: Bool
    var isRequester: Bool
    var values: [String: String] = [:]
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card slip"),
                .h1(.text(view.t(.slipTitle))),
                .p(.class("muted no-print"), .link(SiteURL.desk(.incident(incidentId)).path, "‹ " + slip.incidentNumber), .text(" "),
                   .element(named: "button", nodes: [.attr("type", "button"), .attr("class", "button secondary"), .attr("data-print", ""),
                                                     .text(view.t(.slipPrint))])),
                sheet(view),
                .if(isRequester && slip.exists && slip.confirmedAt == nil,
                    Field.form(SiteURL.desk(.slipConfirm(incidentId)).path, csrf: view.csrf, Field.submit(view.t(.slipConfirmButton))))),
            .if(canWork, editor(view)))
    }

    private func sheet(_ view: ViewContext) -> Node<HTML.BodyContext> {
        func pair(_ a: TextKey, _ x: String, _ b: TextKey, _ y: String) -> Node<HTML.TableContext> {
            .tr(.th(.text(view.t(a))), .td(.text(x)), .th(.text(view.t(b))), .td(.text(y)))
        }
        func wide(_ key: TextKey, _ content: Node<HTML.BodyContext>) -> Node<HTML.TableContext> {
            .tr(.th(.text(view.t(key))), .td(.attr("colspan", "3"), content))
        }
        let ci = slip.ci.map { [$0.name, $0.assetTag, $0.location].compactMap { $0 }.joined(separator: " · ") } ?? "—"
        let downtime = slip.downtimeMinutes.map { view.format(.slipMinutes, String($0)) } ?? "—"
        let confirmed = slip.confirmedAt.map { view.format(.slipConfirmed, Format.time($0), slip.confirmedBy ?? "") } ?? ""
        let parts: Node<HTML.BodyContext> = slip.parts.isEmpty ? .text(view.t(.slipNoParts)) : .ul(.group(slip.parts.map { part in
            let serials = part.serials.isEmpty ? "" : " · SN " + part.serials
            return .li(.text("\(part.name) \(part.model) × \(part.quantity)\(part.unit)" + serials))
        }))
        let requester = slip.requester + (slip.organization.map { " · " + $0 } ?? "")
        return .table(.class("form-sheet"), .tbody(
            pair(.slipNumber, slip.incidentNumber, .incFieldRequester, requester),
            wide(.incFieldCI, .text(ci)),
            pair(.slipReportedAt, Format.time(slip.reportedAt), .slipArrivedAt, Format.time(slip.arrivedAt)),
            pair(.slipRestoredAt, Format.time(slip.restoredAt), .slipDowntime, downtime),
            wide(.slipSymptom, .text(slip.symptom)),
            wide(.slipDiagnosis, .text(slip.diagnosis)),
            wide(.slipAction, .text(slip.action)),
            wide(.slipParts, parts),
            wide(.slipFollowUp, .text(slip.followUp ?? "")),
            pair(.slipEngineer, slip.engineer, .slipSignature, confirmed)))
    }

    private func editor(_ view: ViewContext) -> Node<HTML.BodyContext> {
        func value(_ key: String, _ fallback: String) -> String { values[key] ?? fallback }
        return .group(
            .section(.class("card no-print"),
                .h2(.text(view.t(.slipOpen))),
                problems.summary(view),
                Field.form(SiteURL.desk(.slip(incidentId)).path, csrf: view.csrf,
                    Field.text("arrivedAt", label: view.t(.slipArrivedAt), value: value("arrivedAt", Self.local(slip.arrivedAt)),
                               type: "datetime-local", error: problems["arrivedAt"]),
                    Field.text("restoredAt", label: view.t(.slipRestoredAt), value: value("restoredAt", Self.local(slip.restoredAt)),
                               type: "datetime-local", error: problems["restoredAt"]),
                    Field.textarea("symptom", label: view.t(.slipSymptom), value: value("symptom", slip.symptom), rows: 2, error: problems["symptom"]),
                    Field.textarea("diagnosis", label: view.t(.slipDiagnosis), value: value("diagnosis", slip.diagnosis), rows: 2),
                    Field.textarea("action", label: view.t(.slipAction), value: value("action", slip.action), rows: 2),
                    Field.textarea("followUp", label: view.t(.slipFollowUp), value: value("followUp", slip.followUp ?? ""), rows: 2),
                    Field.submit(view.t(.save)))),
            .if(slip.exists && !stock.isEmpty, .section(.class("card no-print"),
                .h2(.text(view.t(.slipParts))),
                Field.form(SiteURL.desk(.slipParts(incidentId)).path, csrf: view.csrf,
                    Field.select("stock", label: view.t(.slipPart),
                                 options: stock.map { ($0.partId.uuidString + "@" + $0.locationId.uuidString, $0.label) },
                                 selected: values["stock"], error: problems["part"] ?? problems["location"]),
                    Field.text("quantity", label: view.t(.spareQuantity), value: values["quantity"] ?? "1", type: "number", error: problems["quantity"]),
                    Field.text("serials", label: view.t(.slipSerials), value: values["serials"] ?? "", error: problems["serials"]),
                    Field.submit(view.t(.spareUse))))))
    }

    /// A `datetime-local` value in Beijing time.
    static func local(_ date: Date?) -> String {
        guard let date else { return "" }
        return Format.time(date).replacingOccurrences(of: " ", with: "T")
    }

    /// Reads `2026-03-02T10:30` (or with a space) as Beijing time; nil for empty, error otherwise.
    static func parse(_ raw: String?, field: String) throws -> Date? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = Format.zone
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = pattern
            if raw.count <= 19, let date = formatter.date(from: raw) { return date }
        }
        throw AppError.invalid(field: field, .slipTimeInvalid)
    }
}
