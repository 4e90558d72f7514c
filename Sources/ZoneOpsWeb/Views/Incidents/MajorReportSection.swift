import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// On a major incident's page: the report's facts (level, times, impact, causes, fixes) and the
/// preventive actions with owner and due date, editable by those who work or declare majors.
struct MajorReportSection {
    var incidentId: String
    var report: MajorIncidents.Report
    var actions: [MajorIncidents.Action]
    var canEdit: Bool
    var today: CalendarDate
    var values: [String: String] = [:]
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        func value(_ key: String, _ stored: String) -> String { values[key] ?? stored }
        let fields: [(String, TextKey, String)] = [
            ("impactSystems", .majorImpactSystems, report.impactSystems), ("impactLanes", .majorImpactLanes, report.impactLanes),
            ("impactCustoms", .majorImpactCustoms, report.impactCustoms), ("directCause", .majorDirectCause, report.directCause),
            ("underlyingCause", .majorUnderlyingCause, report.underlyingCause), ("emergencyFix", .majorEmergencyFix, report.emergencyFix),
            ("permanentFix", .majorPermanentFix, report.permanentFix),
        ]
        return .section(.class("card"), .attr("id", "major-report"),
            .h2(.text(view.t(.majorReport))),
            problems.summary(view),
            canEdit ? Field.form(SiteURL.desk(.majorReport(incidentId)).path, csrf: view.csrf,
                Field.text("level", label: view.t(.majorLevel), value: value("level", report.level), error: problems["level"]),
                Field.text("detectedAt", label: view.t(.majorDetectedAt), value: value("detectedAt", RepairSlipPage.local(report.detectedAt)),
                           type: "datetime-local", error: problems["detectedAt"]),
                Field.text("restoredAt", label: view.t(.majorRestoredAt), value: value("restoredAt", RepairSlipPage.local(report.restoredAt)),
                           type: "datetime-local", error: problems["restoredAt"]),
                Field.text("vehiclesDelayed", label: view.t(.majorVehiclesDelayed),
                           value: value("vehiclesDelayed", report.vehiclesDelayed.map(String.init) ?? ""), type: "number",
                           error: problems["vehiclesDelayed"]),
                .group(fields.map { key, label, stored in
                    Field.textarea(key, label: view.t(label), value: value(key, stored), rows: 2, error: problems[key])
                }),
                Field.submit(view.t(.save))) : .element(named: "dl", nodes: [
                    .element(named: "dt", text: view.t(.majorLevel)), .element(named: "dd", text: report.level),
                    .group(fields.map { _, label, stored in
                        .group(.element(named: "dt", text: view.t(label)), .element(named: "dd", text: stored))
                    }),
                ]),
            .h3(.text(view.t(.majorActions))),
            .ul(.class("actions-list"), .group(actions.map { action in
                .li(.text("\(action.action) · \(action.owner) · \(action.due)"),
                    action.doneAt != nil ? .span(.class("badge status-closed"), .text(" " + view.t(.majorDone)))
                        : .group(.if(action.due < today, .span(.class("badge state-down"), .text(" " + view.t(.majorOverdue)))),
                                 .if(canEdit, Field.form(SiteURL.desk(.majorActionDone(incidentId, action.id.uuidString)).path, csrf: view.csrf,
                                                         Field.submit(view.t(.majorMarkDone), style: "link")))))
            })),
            .if(canEdit, Field.form(SiteURL.desk(.majorActions(incidentId)).path, csrf: view.csrf,
                Field.text("action", label: view.t(.majorAction), required: true, error: problems["action"]),
                Field.text("owner", label: view.t(.majorOwner), required: true, error: problems["owner"]),
                Field.text("due", label: view.t(.majorDue), type: "date", required: true, error: problems["due"]),
                Field.submit(view.t(.create), style: "secondary"))))
    }
}
