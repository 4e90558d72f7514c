import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// One change: the whole request (what an approver reads before deciding, on a phone too),
/// its warnings (collisions, blackouts, the notice period), its CIs with their state, the
/// maintenance windows, the maintenance document, the steps this person may take now and the
/// history.
struct ChangeDetailPage {
    var detail: ChangeQueries.Detail
    var rules: ChangeRules
    var now: Date
    /// The viewer's user id, for "not your own change".
    var userId: String?
    var implementers: [(username: String, name: String)]
    var problems = FormProblems()

    private var id: String { detail.row.id.uuidString }
    private var status: ChangeStatus { detail.row.status }
    private var model: ChangeModel { detail.model }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .p(.class("muted"), .text(detail.row.number + " · " + view.t(.chgRaisedBy) + " " + detail.row.raisedByName + " · " + Format.time(model.createdAt))),
                .h1(.text(detail.row.title)),
                .p(ChangeLabels.typeBadge(detail.row.type, view), .text(" "), ChangeLabels.statusBadge(status, view)),
                problems.summary(view),
                warnings(view),
                .element(named: "dl", nodes: facts(view)),
                .p(.class("no-print"),
                   .link(SiteURL.change(.print(id)).path, view.t(.chgPrint), class: "button secondary"),
                   .if([.draft, .rejected].contains(status) && view.can(.raiseChange),
                       .link(SiteURL.change(.edit(id)).path, view.t(.chgEdit), class: "button secondary")))),
            cis(view),
            plan(view),
            document(view),
            actions(view),
            history(view))
    }

    private func warnings(_ view: ViewContext) -> Node<HTML.BodyContext> {
        var items: [Node<HTML.ListContext>] = []
        if status == .draft || status == .rejected,
           let missing = rules.leadTimeShortfall(type: detail.row.type, plannedStart: model.plannedStart, submittedAt: now) {
            items.append(.li(.text(view.format(.chgLeadWarning, String(rules.leadDays), String(missing)))))
        }
        if detail.row.isEmergency, let reason = model.emergencyReason {
            items.append(.li(.text(view.t(.chgFieldEmergencyReason) + "：" + reason)))
        }
        for collision in detail.collisions {
            items.append(.li(.text(view.t(.chgCollision) + "："),
                             .link(SiteURL.change(.change(collision.change.id.uuidString)).path, collision.change.number),
                             .text(" " + collision.change.title + " · " + ChangeLabels.window(collision.change.plannedStart, collision.change.plannedEnd)
                                   + " · " + collision.ciNames.joined(separator: "、"))))
        }
        for blackout in detail.blackouts {
            items.append(.li(.text(view.t(.chgInBlackout) + "：" + blackout.title + " · " + ChangeLabels.window(blackout.start, blackout.end))))
        }
        guard !items.isEmpty else { return .empty }
        return .div(.class("warning-box"), .attr("role", "alert"), .attr("id", "change-warnings"), .ul(.group(items)))
    }

    private func facts(_ view: ViewContext) -> [Node<HTML.BodyContext>] {
        func item(_ key: TextKey, _ value: String) -> Node<HTML.BodyContext> {
            .group(.element(named: "dt", text: view.t(key)), .element(named: "dd", text: value))
        }
        return [
            item(.chgWindow, ChangeLabels.window(model.plannedStart, model.plannedEnd)),
            .unwrap(model.actualStart) { item(.chgActual, Format.time($0) + " – " + (model.actualEnd.map(Format.time) ?? "…")) },
            .unwrap(model.submittedAt) { item(.chgSubmittedAt, Format.time($0)) },
            .unwrap(model.decidedByName) { item(.chgDecidedBy, $0 + " · " + Format.time(model.decidedAt)) },
            .unwrap(detail.implementerName) { item(.chgImplementer, $0) },
            .unwrap(model.resultNote) { item(.chgResult, $0) },
            .unwrap(model.reviewNote) { item(.chgReview, $0) },
        ]
    }

    private func cis(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h2(.text(view.t(.chgFieldCIs))),
            .ul(.group(detail.cis.map { ci in
                .li(.link(SiteURL.ci(ci.id.uuidString).path, ci.name),
                    .text(" "), StateBadge.node(OperationalState(rawValue: ci.state) ?? .unknown, view.language),
                    .if(ci.impacted > 0, .link(SiteURL.ciImpact(ci.id.uuidString).path, " " + view.format(.chgImpacted, String(ci.impacted)))))
            })),
            .if(!detail.windows.isEmpty, .group(
                .h2(.text(view.t(.chgWindows))),
                .ul(.class("muted"), .group(Dictionary(grouping: detail.windows, by: { "\($0.start.timeIntervalSince1970)-\($0.end?.timeIntervalSince1970 ?? 0)" })
                    .values.compactMap(\.first).sorted { $0.start < $1.start }.map { window in
                        .li(.text(Format.time(window.start) + " – " + (window.end.map(Format.time) ?? view.t(.chgWindowOpen))))
                    })))))
    }

    private func plan(_ view: ViewContext) -> Node<HTML.BodyContext> {
        func block(_ key: TextKey, _ text: String) -> Node<HTML.BodyContext> {
            text.isEmpty ? .empty : .group(.h2(.text(view.t(key))), .p(.class("description"), .text(text)))
        }
        return .section(.class("card"),
            block(.incFieldDescription, model.description), block(.chgFieldPlan, model.plan),
            block(.chgFieldRollback, model.rollbackPlan), block(.chgFieldRisk, model.risk), block(.chgFieldTests, model.testEvidence))
    }

    /// The maintenance document (required for a major change before its review).
    private func document(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let finished = [.completed, .failed, .rolledBack].contains(status)
        guard finished || model.document != nil || model.documentName != nil else { return .empty }
        return .section(.class("card"), .attr("id", "document"),
            .h2(.text(view.t(.chgDocument))),
            .if(detail.row.type == .major && model.document == nil && model.documentName == nil,
                .p(.class("hint"), .text(view.t(.chgDocumentNeeded)))),
            .unwrap(model.document) { .p(.class("description"), .text($0)) },
            .unwrap(model.documentName) { name in
                .p(.link(SiteURL.change(.documentFile(id)).path, name), .span(.class("muted"), .text(" · " + (model.documentType ?? ""))))
            },
            .if(finished && view.can(.raiseChange), .element(named: "form", nodes: [
                .attr("method", "post"), .attr("action", SiteURL.change(.document(id)).path), .attr("enctype", "multipart/form-data"),
                .attr("class", "action-form"), .attr("data-action", "document"), Field.csrf(view.csrf),
                .div(.class("field"), .element(named: "label", nodes: [.attr("for", "file"), .text(view.t(.chgDocumentUpload))]),
                     .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "id", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "type", value: "file"),
                        Attribute(name: "accept", value: "application/pdf,.docx,image/png,image/jpeg"),
                        Attribute(name: "required", value: "required"),
                     ]),
                     Field.problem("file", problems["file"])),
                Field.submit(view.t(.attachmentAdd), style: "secondary"),
            ])))
    }

    private func form(_ view: ViewContext, _ action: ChangeAction, _ label: TextKey, style: String = "secondary",
                      _ fields: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        .element(named: "form", nodes: [.attr("method", "post"), .attr("action", SiteURL.change(.action(id, action.rawValue)).path),
                                        .attr("class", "action-form"), .attr("data-action", action.rawValue), Field.csrf(view.csrf)]
                 + fields + [Field.submit(view.t(label), style: style)])
    }

    private func actions(_ view: ViewContext) -> Node<HTML.BodyContext> {
        var forms: [Node<HTML.BodyContext>] = []
        let own = detail.row.raisedBy?.uuidString == userId
        let approver = view.role.map { rules.approvers(of: detail.row.type).contains($0) } ?? false
        if status.after(.submit) != nil, view.can(.raiseChange), own || view.role == .lead {
            forms.append(form(view, .submit, .chgActSubmit, style: "primary"))
        }
        if status.after(.approve) != nil, view.can(.approveChange) {
            if own {
                forms.append(.p(.class("hint"), .text(view.t(.denyOwnChange))))
            } else if approver {
                forms.append(form(view, .approve, .chgActApprove, style: "primary",
                                  Field.textarea("comment", label: view.t(.incFieldComment), rows: 2, error: problems["comment"])))
                forms.append(form(view, .reject, .chgActReject,
                                  Field.textarea("comment", label: view.t(.chgRejectReason), required: true, rows: 2, error: problems["comment"])))
            } else {
                forms.append(.p(.class("hint"), .text(view.t(.chgNotApprover))))
            }
        }
        if view.can(.raiseChange) {
            if status.after(.schedule) != nil {
                forms.append(form(view, .schedule, .chgActSchedule,
                                  Field.select("implementer", label: view.t(.chgImplementer),
                                               options: [("", "—")] + implementers.map { ($0.username, $0.name) }, selected: nil)))
            }
            if status.after(.implement) != nil { forms.append(form(view, .implement, .chgActImplement, style: "primary")) }
            if status.after(.complete) != nil {
                forms.append(form(view, .complete, .chgActComplete, style: "primary",
                                  Field.select("result", label: view.t(.chgResult),
                                               options: ChangeResult.allCases.map { ($0.rawValue, view.t($0.status.label)) }, selected: "completed"),
                                  Field.textarea("comment", label: view.t(.incFieldComment), rows: 2),
                                  Field.textarea("document", label: view.t(.chgDocument), rows: 4, hint: view.t(.chgDocumentHint))))
            }
            if [.approved, .scheduled, .implementing, .completed, .failed, .rolledBack].contains(status) {
                forms.append(.element(named: "form", nodes: [
                    .attr("method", "post"), .attr("action", SiteURL.change(.log(id)).path), .attr("class", "action-form"),
                    .attr("data-action", "log"), Field.csrf(view.csrf),
                    Field.textarea("body", label: view.t(.chgEntryNote), required: true, rows: 2, error: problems["body"]),
                    Field.submit(view.t(.chgActLog), style: "secondary"),
                ]))
            }
        }
        if [.failed, .rolledBack].contains(status), view.can(.raiseChange), view.can(.manageProblems),
           !detail.entries.contains(where: { $0.kind == Changes.EntryKind.followUp.rawValue }) {
            forms.append(.element(named: "form", nodes: [
                .attr("method", "post"), .attr("action", SiteURL.problem(.changeFollowUp(id)).path), .attr("class", "action-form"),
                .attr("data-action", "follow-up"), Field.csrf(view.csrf), .p(.class("hint"), .text(view.t(.chgFollowUpHint))),
                Field.submit(view.t(.chgActFollowUp), style: "primary"),
            ]))
        }
        if [.completed, .reviewed].contains(status), view.can(.approveChange) {
            forms.append(.element(named: "form", nodes: [
                .attr("method", "post"), .attr("action", SiteURL.change(.template(id)).path), .attr("class", "action-form"),
                .attr("data-action", "template"), Field.csrf(view.csrf),
                Field.text("name", label: view.t(.chgTemplateName), value: detail.row.title, required: true, error: problems["name"]),
                Field.submit(view.t(.chgMakeTemplate), style: "secondary"),
            ]))
        }
        if status.after(.review) != nil, view.can(.approveChange) {
            let needsDocument = detail.row.type == .major && model.document == nil && model.documentName == nil
            forms.append(form(view, .review, .chgActReview, style: "primary",
                              needsDocument ? Field.textarea("document", label: view.t(.chgDocument), rows: 4, hint: view.t(.chgDocumentNeeded),
                                                             error: problems["document"]) : .empty,
                              Field.textarea("comment", label: view.t(.chgReview), required: true, rows: 3, error: problems["comment"])))
        }
        guard !forms.isEmpty else { return .empty }
        return .section(.class("card actions no-print"), .group(forms))
    }

    private func history(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h2(.text(view.t(.chgHistory))),
            .ol(.class("worklog"), .group(detail.entries.map { entry in
                .li(.element(named: "time", text: Format.time(entry.at)),
                    .strong(.text(" " + view.t(ChangeLabels.entry(entry.kind)))),
                    .span(.class("muted"), .text(" · " + entry.actorName)),
                    .unwrap(ChangeLabels.entryBody(entry, view).nilIfBlank) { .p(.text($0)) })
            })))
    }
}
