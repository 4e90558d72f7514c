import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// Reporting an incident. The portal (requesters, phone-first) asks in plain words: a fault or a
/// question, which business system, what happened; the desk also sets the reporter, impact,
/// urgency and category. A refused form comes back with what was typed and each problem at its field.
struct IncidentFormPage {
    var portal: Bool
    var categories: [(id: UUID, key: String, zh: String, en: String, depth: Int)]
    var values: [String: String] = [:]
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let action = portal ? SiteURL.desk(.portalNew).path : SiteURL.desk(.newIncident).path
        let question = values["kind"] == NewIncident.Kind.question.rawValue
        return .section(.class("card narrow"),
            .h1(.text(view.t(portal ? (question ? .portalAsk : .portalReport) : .incNew))),
            problems.summary(view),
            .element(named: "form", nodes: [
                .attr("method", "post"), .attr("action", action),
                portal ? .attr("enctype", "multipart/form-data") : .empty,
                Field.csrf(view.csrf),
                Field.select("kind", label: view.t(.incFieldKind),
                             options: [("fault", view.t(.incKindFault)), ("question", view.t(.incKindQuestion))], selected: values["kind"]),
                Field.select("businessSystem", label: view.t(.incFieldBusinessSystem),
                             options: [("", "—")] + NewIncident.businessSystems.map { ($0, $0) }, selected: values["businessSystem"],
                             error: problems["businessSystem"]),
                Field.text("title", label: view.t(.incFieldTitle), value: values["title"] ?? "", required: true, error: problems["title"]),
                Field.textarea("description", label: view.t(.incFieldDescription), value: values["description"] ?? "", rows: 5,
                               error: problems["description"]),
                portal || !view.can(.readProblems) ? .empty
                    : .div(.attr("id", "known-errors"), .attr("data-known-src", SiteURL.problem(.knownErrorHint).path), .attr("aria-live", "polite")),
                Field.select("category", label: view.t(.incFieldCategory),
                             options: [("", "—")] + categories.map { ($0.key, String(repeating: "　", count: $0.depth) + (view.language == .en ? $0.en : $0.zh)) },
                             selected: values["category"], error: problems["category"]),
                Field.select("impact", label: view.t(.incFieldImpact),
                             options: [("3", view.t(.incImpact3)), ("2", view.t(.incImpact2)), ("1", view.t(.incImpact1))],
                             selected: values["impact"], error: problems["impact"]),
                Field.select("urgency", label: view.t(.incFieldUrgency),
                             options: [("3", view.t(.incUrgency3)), ("2", view.t(.incUrgency2)), ("1", view.t(.incUrgency1))],
                             selected: values["urgency"], error: problems["urgency"]),
                Field.text("ciId", label: view.t(.incFieldCI), value: values["ciId"] ?? "", hint: view.t(.incFieldCIHint), error: problems["ciId"]),
                portal ? .div(.class("field"), .element(named: "label", nodes: [.attr("for", "screenshot"), .text(view.t(.attachmentFile))]),
                              .selfClosedElement(named: "input", attributes: [
                                Attribute(name: "id", value: "screenshot"), Attribute(name: "name", value: "screenshot"),
                                Attribute(name: "type", value: "file"), Attribute(name: "accept", value: "image/*,application/pdf"),
                              ]),
                              Field.problem("screenshot", problems["screenshot"]),
                              .element(named: "small", nodes: [.class("hint"), .text(view.t(.portalAttachHint))])) : .empty,
                portal ? .empty : .group(
                    Field.text("requesterName", label: view.t(.incFieldRequester), value: values["requesterName"] ?? "",
                               error: problems["requesterName"]),
                    Field.text("requesterPhone", label: view.t(.incFieldRequesterPhone), value: values["requesterPhone"] ?? "", type: "tel"),
                    Field.select("channel", label: view.t(.incFieldChannel),
                                 options: IncidentChannel.allCases.map { ($0.rawValue, view.t(IncidentLabels.channel($0.rawValue))) },
                                 selected: values["channel"] ?? "hotline")),
                Field.submit(view.t(.create)),
            ]))
    }
}
