import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// The rating link for callers without an account: `{incident id}.{MAC of id and resolve time}`.
/// It works once (a rating is set once) and only for the resolution it was made for: reopening
/// and resolving again gives a new link and voids the old one. Nothing is stored.
public enum RatingLink {
    public static func token(for incident: IncidentModel, secrets: SecretBox) -> String? {
        guard let id = incident.id, let resolved = incident.resolvedAt, incident.rating == nil,
              incident.incidentStatus == .resolved || incident.incidentStatus == .closed else { return nil }
        return id.uuidString + "." + secrets.mac(message(id, resolved))
    }

    /// The incident a token is for, while it may still be rated; 404 for anything else.
    public static func incident(for token: String, on db: any Database, secrets: SecretBox) async throws -> IncidentModel {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count <= 80, parts.count == 2, let id = UUID(uuidString: String(parts[0])),
              let incident = try await IncidentModel.find(id, on: db), let resolved = incident.resolvedAt,
              secrets.verifyMAC(String(parts[1]), of: message(id, resolved)) else { throw AppError.notFound }
        return incident
    }

    /// Rates through the link; the second use is refused like a second rating (409).
    public static func rate(_ token: String, rating: Int, comment: String?, address: String?,
                            in ctx: ServiceContext) async throws -> IncidentModel {
        let incident = try await incident(for: token, on: ctx.db, secrets: ctx.secrets)
        let actor = Actor(userId: nil, name: "rating-link", address: address)
        return try await Incidents.survey(try incident.requireID(), rating: rating, comment: comment, by: actor, in: ctx)
    }

    private static func message(_ id: UUID, _ resolved: Date) -> String {
        // Whole seconds: the time as the database gives it back (pass models read from it).
        "rate:" + id.uuidString + ":" + String(Int64(resolved.timeIntervalSince1970.rounded(.down)))
    }
}
