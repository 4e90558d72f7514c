import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// One incident: its facts and SLA countdowns, CIs, parent and children, the work log (public
/// replies only for requesters) and the actions this person may take in its status.
struct IncidentDetailPage {
    var detail: IncidentQueries.Detail
    var now: Date
    var workload: [(id: UUID, name: String, username: String, open: Int)]
    var groups: [String]
    var isRequester: Bool
    /// Where the action forms post: the desk's routes, or the portal's.
    var portal: Bool
    var problems = FormProblems()
    /// For O&M staff after resolve: the one-time link a caller without an account rates with.
    var ratingToken: String?
    var attachments: [Attachments.Item] = []
    /// A major incident's report facts and preventive actions (desk pages only).
    var major: MajorReportSection?
    /// The problems this incident is linked to (desk pages only).
    var linkedProblems: [ProblemQueries.Row] = []
    /// Open known errors that match it, offered to link in one click.
    var knownErrors: [ProblemQueries.Row] = []
    /// Who holds a duty shift now: dispatch lists them first and suggests the first.
    var onDuty: [UUID] = []

    private var id: String { detail.row.id.uuidString }
    private var status: IncidentStatus { detail.row.status }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let row = detail.row
        return .group(
            .section(.class("card"),
                .p(.class("muted"), .text(row.number + " · " + view.t(IncidentLabels.channel(row.channel)) + " · " + Format.time(row.createdAt))),
                .h1(.text(row.title)),
                .p(IncidentLabels.priorityBadge(row.priority), .text(" "), IncidentLabels.statusBadge(status, view),
                   .if(row.isMajor, .span(.class("badge state-down"), .text(" " + view.t(.incQueueMajor))))),
                problems.summary(view),
                .element(named: "dl", nodes: facts(view)),
                .unwrap(detail.description.nilIfBlank) { .p(.class("description"), .text($0)) },
                .unwrap(detail.resolution) { .p(.strong(.text(view.t(.incFieldResolution) + "：")), .text($0)) },
                .unwrap(ratingToken) { token in
                    .p(.class("hint"), .text(view.t(.rateLinkLabel) + "："), .element(named: "code", text: SiteURL.desk(.rate(token)).path))
                },
                .if(detail.row.kind == NewIncident.Kind.fault.rawValue,
                    .p(.link(SiteURL.desk(.slip(id)).path, view.t(.slipOpen), class: "button secondary")))),
            .if(!detail.cis.isEmpty || detail.parent != nil || !detail.children.isEmpty, relations(view)),
            problemSection(view),
            files(view),
            .unwrap(major) { $0.body(view) },
            actions(view),
            log(view))
    }

    private func facts(_ view: ViewContext) -> [Node<HTML.BodyContext>] {
        let row = detail.row
        func item(_ key: TextKey, _ value: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            .group(.element(named: "dt", text: view.t(key)), .element(named: "dd", nodes: [value]))
        }
        return [
            item(.incFieldRequester, .text(row.requesterName + (detail.requesterPhone.map { " · " + $0 } ?? "")
                                           + (row.organizationName.map { " · " + $0 } ?? ""))),
            item(.incFieldCategory, .text(detail.categoryName.map { view.language == .en ? $0.en : $0.zh } ?? detail.businessSystem ?? "—")),
            item(.incFieldAssignee, .text([row.groupName, row.assigneeName].compactMap { $0 }.joined(separator: " / ").nilIfBlank ?? "—")),
            item(.incResponseDue, row.respondedAt != nil
                 ? .text(view.t(.incResponded) + " " + Format.time(row.respondedAt) + (row.responseBreached ? " · " + view.t(.incBreached) : ""))
                 : IncidentLabels.countdown(row.responseDueAt, paused: false, breached: row.responseBreached, done: false, now: now, view)),
            item(.incResolveDue, IncidentLabels.countdown(row.resolveDueAt, paused: row.clockPaused, breached: row.resolveBreached,
                                                          done: !status.isOpen, now: now, view)),
            .unwrap(detail.pendingReason.flatMap(PendingReason.init(rawValue:))) { item(.incFieldPendingReason, .text(view.t(IncidentLabels.pending($0)))) },
            .unwrap(row.rating) { item(.incFieldRating, .text(view.format(.incRating, String($0)) + (detail.ratingComment.map { " · " + $0 } ?? ""))) },
        ]
    }

    private func relations(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .if(!detail.cis.isEmpty, .group(.h2(.text(view.t(.incCIs))), .ul(.group(detail.cis.map { ci in
                .li(portal ? .text(ci.name) : .link(SiteURL.ci(ci.id.uuidString).path, ci.name),
                    .span(.class("badge state-\(ci.state)"), .text(" " + ci.state)))
            })))),
            .unwrap(detail.parent) { parent in
                .p(.strong(.text(view.t(.incParent) + "：")),
                   portal ? .text(parent.number) : .link(SiteURL.desk(.incident(parent.id.uuidString)).path, parent.number))
            },
            .if(!detail.children.isEmpty, .group(.h2(.text(view.t(.incChildren))), .ul(.group(detail.children.map { child in
                .li(portal ? .text(child.number) : .link(SiteURL.desk(.incident(child.id.uuidString)).path, child.number),
                    .text(" " + child.title + " · " + child.requesterName + " · "), IncidentLabels.statusBadge(child.status, view))
            })))))
    }

    private func form(_ view: ViewContext, _ action: String, _ label: TextKey, style: String = "secondary", _ fields: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        let target = portal ? SiteURL.desk(.portalAction(id, action)).path : SiteURL.desk(.incidentAction(id, action)).path
        return .element(named: "form", nodes: [.attr("method", "post"), .attr("action", target), .attr("class", "action-form"),
                                               .attr("data-action", action), Field.csrf(view.csrf)]
                        + fields + [Field.submit(view.t(label), style: style)])
    }

    private func actions(_ view: ViewContext) -> Node<HTML.BodyContext> {
        var forms: [Node<HTML.BodyContext>] = []
        let work = view.can(.workIncidents) && !portal
        if work {
            if status.after(.claim, hasAssignee: true) != nil, detail.assigneeId == nil { forms.append(form(view, "claim", .incActClaim, style: "primary")) }
            if status == .assigned { forms.append(form(view, "acknowledge", .incActAcknowledge)) }
            if status.after(.start, hasAssignee: true) != nil { forms.append(form(view, "start", .incActStart, style: "primary")) }
            if status.after(.assign, hasAssignee: true) != nil {
                let duty = workload.filter { onDuty.contains($0.id) }
                let people = duty + workload.filter { !onDuty.contains($0.id) }
                let suggested = detail.assigneeId == nil ? duty.first?.username : nil
                forms.append(form(view, "assign", .incActAssign,
                    Field.select("assignee", label: view.t(.incFieldAssignee),
                                 options: [("", "—")] + people.map { person in
                                     let mark = onDuty.contains(person.id) ? "【" + view.t(.dutyTitle) + "】" : ""
                                     return (person.username, mark + "\(person.name)（\(view.t(.incWorkload)) \(person.open)）")
                                 },
                                 selected: suggested, error: problems["assignee"]),
                    .if(!duty.isEmpty, .p(.class("hint"), .text(view.format(.dutySuggested, duty.map(\.name).joined(separator: "、"))))),
                    Field.select("group", label: view.t(.incFieldGroup), options: [("", "—")] + groups.map { ($0, $0) }, selected: nil)))
            }
            if status.after(.pend, hasAssignee: true) != nil {
                forms.append(form(view, "pend", .incActPend,
                    Field.select("pendingReason", label: view.t(.incFieldPendingReason),
                                 options: PendingReason.allCases.map { ($0.rawValue, view.t(IncidentLabels.pending($0))) }, selected: "requester"),
                    Field.textarea("reason", label: view.t(.incFieldReason), required: true, rows: 2, error: problems["reason"])))
            }
            if status.after(.resolve, hasAssignee: true) != nil {
                forms.append(form(view, "resolve", .incActResolve, style: "primary",
                    Field.textarea("resolution", label: view.t(.incFieldResolution), required: true, rows: 3, error: problems["resolution"]),
                    Field.text("resolutionCode", label: view.t(.incFieldResolutionCode))))
                forms.append(form(view, "link", .incActLink, Field.text("parent", label: view.t(.incFieldParent), error: problems["parent"])))
                forms.append(form(view, "priority", .incActPriority,
                    Field.select("impact", label: view.t(.incFieldImpact), options: levels(view, impact: true), selected: String(detail.impact)),
                    Field.select("urgency", label: view.t(.incFieldUrgency), options: levels(view, impact: false), selected: String(detail.urgency))))
            }
        }
        if status == .resolved && (work || isRequester) {
            forms.append(form(view, "close", .incActClose, style: "primary"))
        }
        if isRequester && (status == .resolved || status == .closed) && detail.row.rating == nil {
            forms.append(.group(.p(.class("hint"), .text(view.t(.incConfirmHint))), form(view, "survey", .incActSurvey, style: "primary",
                Field.select("rating", label: view.t(.incFieldRating), options: (1...5).reversed().map { (String($0), String(repeating: "★", count: $0)) },
                             selected: "5", error: problems["rating"]),
                Field.textarea("comment", label: view.t(.incFieldComment), rows: 2))))
        }
        if (work || isRequester) && (status == .resolved || status == .closed) {
            forms.append(form(view, "reopen", .incActReopen, Field.textarea("reason", label: view.t(.incFieldReason), required: true, rows: 2)))
        }
        if status.isOpen && (isRequester || (view.can(.urgeIncident) && !work)) {
            forms.append(form(view, "urge", .incActUrge, Field.text("note", label: view.t(.incFieldBody))))
        }
        if status.isOpen && view.can(.declareMajorIncident) && !detail.row.isMajor && !portal {
            forms.append(form(view, "declare-major", .incActMajor, Field.text("reason", label: view.t(.incFieldReason), required: true)))
        }
        if detail.row.isMajor && (work || view.can(.declareMajorIncident)) && !portal {
            forms.append(form(view, "timeline", .incActTimeline, Field.text("body", label: view.t(.incMajorTimeline), required: true)))
        }
        if status != .closed && (work || isRequester) {
            forms.append(form(view, "comment", .incActComment, style: "primary",
                Field.textarea("body", label: view.t(.incFieldBody), required: true, rows: 3, error: problems["body"]),
                work ? Field.checkbox("isPublic", label: view.t(.incFieldPublicReply)) : .empty))
        }
        guard !forms.isEmpty else { return .empty }
        return .section(.class("card actions"), .group(forms))
    }

    /// Linked problems, and matching known errors with their workaround and a link button.
    private func problemSection(_ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !linkedProblems.isEmpty || !knownErrors.isEmpty else { return .empty }
        return .section(.class("card"), .attr("id", "problems"),
            .if(!linkedProblems.isEmpty, .group(.h2(.text(view.t(.prbLinked))), .ul(.group(linkedProblems.map { problem in
                .li(.link(SiteURL.problem(.problem(problem.id.uuidString)).path, problem.number), .text(" " + problem.title + " "),
                    ProblemLabels.badges(problem, view))
            })))),
            .if(!knownErrors.isEmpty, .group(.h2(.text(view.t(.prbSuggested))), .ul(.class("known-errors"), .group(knownErrors.map { problem in
                .li(.link(SiteURL.problem(.problem(problem.id.uuidString)).path, problem.number), .text(" " + problem.title),
                    .p(.class("hint"), .text(view.t(.prbWorkaround) + "：" + problem.workaround)),
                    .element(named: "form", nodes: [
                        .attr("method", "post"), .attr("action", SiteURL.problem(.action(problem.id.uuidString, "link")).path),
                        .attr("class", "inline"), .attr("data-action", "link-known-error"), Field.csrf(view.csrf),
                        Field.hidden("incident", detail.row.number), Field.hidden("back", "incident"),
                        Field.submit(view.t(.prbActLinkHere), style: "secondary"),
                    ]))
            })))))
    }

    /// The attachments, and the upload form for those who may act on the ticket.
    private func files(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let canUpload = status != .closed && (isRequester || (view.can(.workIncidents) && !portal))
        guard canUpload || !attachments.isEmpty else { return .empty }
        return .section(.class("card"),
            .h2(.text(view.t(.attachments))),
            .ul(.class("attachments"), .group(attachments.map { item in
                .li(.link(SiteURL.desk(.attachment(id, item.id.uuidString)).path, item.filename),
                    .span(.class("muted"), .text(" · \(item.size / 1024 + 1) KB · " + item.uploadedBy)),
                    .if(!item.isPublic, .span(.class("badge"), .text(" " + view.t(.incInternal)))))
            })),
            .if(canUpload, .element(named: "form", nodes: [
                .attr("method", "post"), .attr("action", SiteURL.desk(.attachments(id)).path), .attr("enctype", "multipart/form-data"),
                .attr("class", "action-form"), Field.csrf(view.csrf),
                .div(.class("field"), .element(named: "label", nodes: [.attr("for", "file"), .text(view.t(.attachmentFile))]),
                     .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "id", value: "file"), Attribute(name: "name", value: "file"), Attribute(name: "type", value: "file"),
                        Attribute(name: "accept", value: "image/png,image/jpeg,image/webp,application/pdf"),
                        Attribute(name: "required", value: "required"),
                     ]),
                     Field.problem("file", problems["file"]),
                     .element(named: "small", nodes: [.class("hint"), .text(view.t(.portalAttachHint))])),
                view.can(.workIncidents) && !portal ? Field.checkbox("isPublic", label: view.t(.incFieldPublicReply)) : .empty,
                Field.submit(view.t(.attachmentAdd), style: "secondary"),
            ])))
    }

    private func levels(_ view: ViewContext, impact: Bool) -> [(value: String, label: String)] {
        impact ? [("1", view.t(.incImpact1)), ("2", view.t(.incImpact2)), ("3", view.t(.incImpact3))]
            : [("1", view.t(.incUrgency1)), ("2", view.t(.incUrgency2)), ("3", view.t(.incUrgency3))]
    }

    private func log(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h2(.text(view.t(detail.row.isMajor ? .incMajorTimeline : .incWorkLog))),
            .ol(.class("worklog"), .group(detail.entries.map { entry in
                .li(.class(entry.isPublic ? "public" : "internal"),
                    .element(named: "time", text: Format.time(entry.at)),
                    .strong(.text(" " + view.t(IncidentLabels.entry(entry.kind)))),
                    .if(!entry.isPublic, .span(.class("badge"), .text(view.t(.incInternal)))),
                    .span(.class("muted"), .text(" · " + entry.actorName)),
                    .unwrap(IncidentLabels.entryBody(entry, view).nilIfBlank) { .p(.text($0)) })
            })))
    }
}
