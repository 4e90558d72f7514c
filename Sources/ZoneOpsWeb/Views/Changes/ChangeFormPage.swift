import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// Raising or revising a change: what, which CIs, the window, plan, rollback, risk, tests and,
/// for an emergency, why it cannot wait. Says up front how many days ahead a major change
/// must be submitted.
struct ChangeFormPage {
    var id: String?
    var values: [String: String]
    var problems: FormProblems
    var leadDays: Int
    /// Pre-approved templates a standard change is raised from.
    var templates: [(id: String, name: String)] = []

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let action = id.map { SiteURL.change(.edit($0)).path } ?? SiteURL.change(.new).path
        return .section(.class("card"),
            .h1(.text(view.t(id == nil ? .chgNew : .chgEdit))),
            .p(.class("hint"), .text(view.format(.chgLeadHint, String(leadDays)))),
            problems.summary(view),
            Field.form(action, csrf: view.csrf,
                Field.text("title", label: view.t(.incFieldTitle), value: values["title"] ?? "", required: true, error: problems["title"]),
                Field.select("type", label: view.t(.chgFieldType), options: ChangeType.allCases.map { ($0.rawValue, view.t($0.label)) },
                             selected: values["type"] ?? ChangeType.normal.rawValue, error: problems["type"]),
                Field.select("templateId", label: view.t(.chgTemplate), options: [("", "—")] + templates.map { ($0.id, $0.name) },
                             selected: values["templateId"], error: problems["templateId"]),
                Field.textarea("ciIds", label: view.t(.chgFieldCIs), value: values["ciIds"] ?? "", required: true, rows: 3,
                               hint: view.t(.chgCIsHint), error: problems["ciIds"]),
                .div(.class("field-row"),
                     Field.text("plannedStart", label: view.t(.chgPlannedStart), value: values["plannedStart"] ?? "", type: "datetime-local",
                                required: true, error: problems["plannedStart"]),
                     Field.text("plannedEnd", label: view.t(.chgPlannedEnd), value: values["plannedEnd"] ?? "", type: "datetime-local",
                                required: true, error: problems["plannedEnd"])),
                Field.textarea("description", label: view.t(.incFieldDescription), value: values["description"] ?? "", rows: 3,
                               error: problems["description"]),
                Field.textarea("plan", label: view.t(.chgFieldPlan), value: values["plan"] ?? "", rows: 4, error: problems["plan"]),
                Field.textarea("rollbackPlan", label: view.t(.chgFieldRollback), value: values["rollbackPlan"] ?? "", rows: 3,
                               error: problems["rollbackPlan"]),
                Field.textarea("risk", label: view.t(.chgFieldRisk), value: values["risk"] ?? "", rows: 2, error: problems["risk"]),
                Field.textarea("testEvidence", label: view.t(.chgFieldTests), value: values["testEvidence"] ?? "", rows: 2,
                               error: problems["testEvidence"]),
                Field.textarea("emergencyReason", label: view.t(.chgFieldEmergencyReason), value: values["emergencyReason"] ?? "", rows: 2,
                               hint: view.t(.chgEmergencyHint), error: problems["emergencyReason"]),
                Field.submit(view.t(.save))))
    }

    /// The form's values from a stored change.
    static func values(_ detail: ChangeQueries.Detail) -> [String: String] {
        let model = detail.model
        return ["title": model.title, "type": model.type, "ciIds": detail.cis.map(\.name).joined(separator: "\n"),
                "plannedStart": LocalTime.field(model.plannedStart), "plannedEnd": LocalTime.field(model.plannedEnd),
                "description": model.description, "plan": model.plan, "rollbackPlan": model.rollbackPlan, "risk": model.risk,
                "testEvidence": model.testEvidence, "emergencyReason": model.emergencyReason ?? "", "templateId": model.templateKey ?? ""]
    }
}
