import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The written change request (变更申请单) as submitted to the zone administration: one A4 sheet
/// (print CSS) with the request, the CIs, the plan and rollback, and lines for the signatures.
struct ChangeRequestSheet {
    var detail: ChangeQueries.Detail

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let model = detail.model
        func pair(_ a: TextKey, _ x: String, _ b: TextKey, _ y: String) -> Node<HTML.TableContext> {
            .tr(.th(.text(view.t(a))), .td(.text(x)), .th(.text(view.t(b))), .td(.text(y)))
        }
        func wide(_ key: TextKey, _ text: String) -> Node<HTML.TableContext> {
            .tr(.th(.text(view.t(key))), .td(.attr("colspan", "3"), .class("pre"), .text(text.isEmpty ? "—" : text)))
        }
        let cis = detail.cis.map { $0.name + ($0.impacted > 0 ? "（" + view.format(.chgImpacted, String($0.impacted)) + "）" : "") }
        return .section(.class("card slip change-sheet"),
            .h1(.text(view.t(.chgSheetTitle))),
            .p(.class("muted no-print"), .link(SiteURL.change(.change(detail.row.id.uuidString)).path, "‹ " + detail.row.number), .text(" "),
               .element(named: "button", nodes: [.attr("type", "button"), .attr("class", "button secondary"), .attr("data-print", ""),
                                                 .text(view.t(.slipPrint))])),
            .table(.class("form-sheet"),
                pair(.incNumber, detail.row.number, .chgFieldType, view.t(detail.row.type.label)),
                wide(.incFieldTitle, model.title),
                pair(.chgRaisedBy, model.raisedByName, .chgSubmittedAt, Format.time(model.submittedAt)),
                pair(.chgPlannedStart, Format.time(model.plannedStart), .chgPlannedEnd, Format.time(model.plannedEnd)),
                wide(.chgFieldCIs, cis.joined(separator: "、")),
                wide(.incFieldDescription, model.description),
                wide(.chgFieldPlan, model.plan),
                wide(.chgFieldRollback, model.rollbackPlan),
                wide(.chgFieldRisk, model.risk),
                wide(.chgFieldTests, model.testEvidence),
                .if(detail.row.isEmergency, wide(.chgFieldEmergencyReason, model.emergencyReason ?? "")),
                .tr(.th(.text(view.t(.chgSignApplicant))), .td(.class("sign"), .text(" ")),
                    .th(.text(view.t(.chgSignAdministration))), .td(.class("sign"), .text(model.decidedByName.map { $0 + " " + Format.time(model.decidedAt) } ?? " ")))))
    }
}
