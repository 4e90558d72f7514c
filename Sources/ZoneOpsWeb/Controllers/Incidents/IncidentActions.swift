import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The one place the web and the API turn a request into an incident operation: it asks the
/// policy (role, then the ticket's facts), decides whether the caller acts as O&M staff or as
/// the requester, and calls the service. Pages and the API differ only in how they answer.
enum IncidentActions {
    /// Every action name the API and the forms accept.
    static let names: Set<String> = ["assign", "claim", "acknowledge", "start", "pend", "resolve", "close", "reopen", "survey",
                                     "declare-major", "urge", "comment", "link", "priority", "timeline"]

    static func create(_ body: IncidentRequest, channel fallback: IncidentChannel, _ req: Request) async throws -> IncidentModel {
        let user = try req.authorize(.reportIncident)
        let staff = req.can(.workIncidents)
        func level(_ text: LooseText?, _ field: String) throws -> Int {
            guard let raw = text?.text.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return 3 }
            guard raw.count <= 3, let value = Int(raw) else { throw AppError.invalid(field: field, .incidentLevelRange) }
            return value
        }
        let channel = staff ? (body.channel.flatMap(IncidentChannel.init(rawValue:)) ?? fallback) : fallback
        if let raw = body.channel, !raw.isEmpty, IncidentChannel(rawValue: raw) == nil {
            throw AppError.invalid(field: "channel", .attrNotAChoice)
        }
        let organization = staff ? body.organizationId.flatMap(UUID.init(uuidString:))
            : user.identity.organization.flatMap { UUID(uuidString: $0.id) }
        let input = NewIncident(
            title: body.title, description: body.description ?? "", kind: NewIncident.Kind(rawValue: body.kind ?? "") ?? .fault,
            impact: try level(body.impact, "impact"), urgency: try level(body.urgency, "urgency"), channel: channel,
            cis: (body.ciIds ?? []) + [body.ciId].compactMap { $0 }, categoryKey: body.category, businessSystem: body.businessSystem,
            requesterId: staff && body.requesterName?.isEmpty == false ? nil : user.id,
            requesterName: staff ? (body.requesterName?.nilIfBlank ?? user.identity.displayName) : user.identity.displayName,
            requesterPhone: body.requesterPhone, organizationId: organization,
            respondedAtCreation: staff && channel == .hotline)
        return try await Incidents.create(input, by: req.actor, in: req.services)
    }

    /// Runs `action` on the incident `ref` (id or number).
    static func perform(_ action: String, on ref: String?, _ body: IncidentActionRequest, _ req: Request) async throws -> IncidentModel {
        guard names.contains(action) else { throw AppError.notFound }
        let user = try req.authorize(.readIncidents)
        let (id, facts) = try await IncidentQueries.facts(ref, on: req.db)
        try req.authorize(.readIncidents, on: facts)
        let isRequester = Policy.isRequester(user.subject, of: facts)
        let actor = req.actor, ctx = req.services
        switch action {
        case "assign":
            try req.authorize(.workIncidents)
            return try await Incidents.assign(id, assignee: body.assignee, group: body.group, by: actor, in: ctx)
        case "claim":
            try req.authorize(.workIncidents)
            return try await Incidents.claim(id, by: actor, in: ctx)
        case "acknowledge", "start":
            try req.authorize(.workIncidents)
            return try await Incidents.acknowledge(id, start: action == "start", by: actor, in: ctx)
        case "pend":
            try req.authorize(.workIncidents)
            guard let reason = PendingReason(rawValue: body.pendingReason ?? "requester") else {
                throw AppError.invalid(field: "pendingReason", .attrNotAChoice)
            }
            return try await Incidents.pend(id, reason: reason, note: body.reason ?? "", by: actor, in: ctx)
        case "resolve":
            try req.authorize(.workIncidents)
            return try await Incidents.resolve(id, resolution: body.resolution ?? "", code: body.resolutionCode, by: actor, in: ctx)
        case "close", "reopen":
            guard req.can(.workIncidents) || isRequester else { throw AppError.forbidden(.incidentNotRequester) }
            return action == "close" ? try await Incidents.close(id, by: actor, in: ctx)
                : try await Incidents.reopen(id, reason: body.reason ?? "", by: actor, in: ctx)
        case "survey":
            guard isRequester else { throw AppError.forbidden(.incidentNotRequester) }
            guard let raw = body.rating?.text.trimmingCharacters(in: .whitespaces), raw.count <= 2, let rating = Int(raw) else {
                throw AppError.invalid(field: "rating", .incidentRatingRange)
            }
            return try await Incidents.survey(id, rating: rating, comment: body.comment, by: actor, in: ctx)
        case "declare-major":
            try req.authorize(.declareMajorIncident)
            return try await Incidents.declareMajor(id, reason: body.reason ?? "", by: actor, in: ctx)
        case "timeline":
            guard req.can(.workIncidents) || req.can(.declareMajorIncident) else { throw AppError.forbidden(.denyRole) }
            return try await Incidents.addTimeline(id, body: body.body ?? "", by: actor, in: ctx)
        case "urge":
            guard isRequester || req.can(.urgeIncident) else { throw AppError.forbidden(.denyRole) }
            try req.authorize(.urgeIncident, on: facts)
            return try await Incidents.urge(id, note: body.note ?? body.body, by: actor, in: ctx)
        case "comment":
            if req.can(.workIncidents) {
                let isPublic = ["true", "on", "1"].contains(body.isPublic ?? "")
                return try await Incidents.comment(id, body: body.body ?? "", isPublic: isPublic, as: .staff, by: actor, in: ctx)
            }
            guard isRequester else { throw AppError.forbidden(.incidentNotRequester) }
            return try await Incidents.comment(id, body: body.body ?? "", isPublic: true, as: .requester, by: actor, in: ctx)
        case "link":
            try req.authorize(.workIncidents)
            return try await Incidents.link(id, toParent: body.parent, by: actor, in: ctx)
        case "priority":
            try req.authorize(.workIncidents)
            guard let impact = body.impact.flatMap({ Int($0.text) }), let urgency = body.urgency.flatMap({ Int($0.text) }) else {
                throw AppError.invalid(field: "impact", .incidentLevelRange)
            }
            return try await Incidents.reprioritize(id, impact: impact, urgency: urgency, by: actor, in: ctx)
        default:
            throw AppError.notFound
        }
    }
}

extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}
