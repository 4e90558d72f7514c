import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

extension IncidentQueries {
    /// One incident as its page and the API show it.
    public struct Detail: Sendable {
        public var row: Row
        public var description: String
        public var impact: Int
        public var urgency: Int
        public var categoryName: (zh: String, en: String)?
        public var businessSystem: String?
        public var requesterId: UUID?
        public var requesterPhone: String?
        public var organizationId: UUID?
        public var createdBy: UUID?
        public var assigneeId: UUID?
        public var domain: String?
        public var pendingReason: String?
        public var resolution: String?
        public var resolutionCode: String?
        public var ratingComment: String?
        public var closedAt: Date?
        public var slaCalendar: String
        public var clocks: IncidentClocks
        public var cis: [CIRef]
        public var entries: [Entry]
        public var parent: (id: UUID, number: String)?
        public var children: [Row]

        /// The facts the policy decides on.
        public var facts: ObjectFacts {
            ObjectFacts(organizationId: organizationId?.uuidString, createdBy: createdBy?.uuidString, domain: domain)
        }
    }

    public struct CIRef: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var typeKey: String
        public var state: String
    }

    public struct Entry: Sendable, Equatable {
        public var kind: String
        public var isPublic: Bool
        public var body: String
        public var actorName: String
        public var at: Date
    }

    /// The incident by id or number; internal notes only when `includeInternal`.
    public static func detail(_ ref: String?, includeInternal: Bool, on db: any Database) async throws -> Detail {
        guard let ref, let model = try await find(ref, on: db) else { throw AppError.notFound }
        let id = try model.requireID()
        let cis = try await ciRefs(of: id, on: db)
        var entries = IncidentEntryModel.query(on: db).filter(\.$incident.$id == id).sort(\.$at).sort(\.$id)
        if !includeInternal { entries = entries.filter(\.$isPublic == true) }
        let category = try await model.categoryId.asyncMap { try await IncidentCategoryModel.find($0, on: db) } ?? nil
        let parent = try await model.parentId.asyncMap { try await IncidentModel.find($0, on: db) } ?? nil
        let children = try await IncidentModel.query(on: db).filter(\.$parentId == id).sort(\.$createdAt).all()
        return Detail(row: try await rows([model], on: db)[0], description: model.description, impact: model.impact,
                      urgency: model.urgency, categoryName: category.map { ($0.nameZh, $0.nameEn) },
                      businessSystem: model.businessSystem, requesterId: model.requesterId, requesterPhone: model.requesterPhone,
                      organizationId: model.organizationId, createdBy: model.createdBy, assigneeId: model.assigneeId,
                      domain: model.domain, pendingReason: model.pendingReason, resolution: model.resolution,
                      resolutionCode: model.resolutionCode, ratingComment: model.ratingComment, closedAt: model.closedAt,
                      slaCalendar: model.slaCalendar, clocks: model.clocks, cis: cis,
                      entries: try await entries.all().map { Entry(kind: $0.kind, isPublic: $0.isPublic, body: $0.body,
                                                                   actorName: $0.actorName, at: $0.at) },
                      parent: try parent.map { (try $0.requireID(), $0.number) }, children: try await rows(children, on: db))
    }

    /// The CIs on an incident, in name order: four columns of one join. A storm's incident carries
    /// thousands; reading them as whole CI models had cost 0.6 s a view with 5,000 on it.
    static func ciRefs(of id: UUID, on db: any Database) async throws -> [CIRef] {
        let rows = try await db.sql().select().column(SQLColumn("id", table: "c")).column(SQLColumn("name", table: "c"))
            .column(SQLColumn("type_key", table: "c")).column(SQLColumn("state", table: "c"))
            .from(SQLAlias(SQLIdentifier(IncidentCIModel.schema), as: SQLIdentifier("l")))
            .join(SQLAlias(SQLIdentifier(CIModel.schema), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("ci_id", table: "l"), .equal, SQLColumn("id", table: "c"))
            .where(SQLColumn("incident_id", table: "l"), .equal, SQLBind(id))
            .orderBy(SQLColumn("name", table: "c")).all()
        return try rows.map {
            CIRef(id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                  typeKey: try $0.decode(column: "type_key", as: String.self), state: try $0.decode(column: "state", as: String.self))
        }
    }

    /// Only the facts the policy needs, before anything else is read.
    public static func facts(_ ref: String?, on db: any Database) async throws -> (id: UUID, facts: ObjectFacts) {
        guard let ref, let model = try await find(ref, on: db) else { throw AppError.notFound }
        return (try model.requireID(), ObjectFacts(organizationId: model.organizationId?.uuidString,
                                                   createdBy: model.createdBy?.uuidString, domain: model.domain))
    }

    static func find(_ ref: String, on db: any Database) async throws -> IncidentModel? {
        if let id = UUID(uuidString: ref) { return try await IncidentModel.find(id, on: db) }
        return try await IncidentModel.query(on: db).filter(\.$number == ref.uppercased()).first()
    }

    /// The categories as a flat, ordered list (children after their parent).
    public static func categories(on db: any Database) async throws -> [(id: UUID, key: String, zh: String, en: String, depth: Int)] {
        let all = try await IncidentCategoryModel.query(on: db).sort(\.$sort).all()
        return try all.map { (try $0.requireID(), $0.key, $0.nameZh, $0.nameEn, $0.parentId == nil ? 0 : 1) }
    }

    /// Open tickets per O&M person, for dispatch.
    public static func workload(on db: any Database) async throws -> [(id: UUID, name: String, username: String, open: Int)] {
        let staff = try await UserModel.query(on: db).filter(\.$role ~~ [Role.lead.rawValue, Role.engineer.rawValue, Role.duty.rawValue])
            .filter(\.$isActive == true).sort(\.$displayName).all()
        let open = try await IncidentModel.query(on: db).filter(\.$status ~~ IncidentStatus.open.map(\.rawValue))
            .filter(\.$assigneeId != nil).all(\.$assigneeId)
        var counts: [UUID: Int] = [:]
        for id in open.compactMap({ $0 }) { counts[id, default: 0] += 1 }
        return try staff.map { (try $0.requireID(), $0.displayName, $0.username, counts[$0.id!] ?? 0) }
    }
}

extension IncidentQueries {
    /// The newest tickets a person reported themselves (the portal of staff and the supervisor).
    public static func reported(by userId: UUID, limit: Int, on db: any Database) async throws -> [Row] {
        try await rows(IncidentModel.query(on: db).filter(\.$createdBy == userId).sort(\.$createdAt, .descending).limit(limit).all(), on: db)
    }

    /// Major incidents still open (the portal's banner, the workbench).
    public static func openMajors(limit: Int = 5, on db: any Database) async throws -> [Row] {
        try await rows(IncidentModel.query(on: db).filter(\.$isMajor == true)
            .filter(\.$status ~~ IncidentStatus.open.map(\.rawValue)).sort(\.$createdAt, .descending).limit(limit).all(), on: db)
    }
}

extension IncidentQueries {
    /// The rating link's token of a resolved incident not rated yet (read fresh from the database).
    public static func ratingToken(_ id: UUID, secrets: SecretBox, on db: any Database) async throws -> String? {
        guard let incident = try await IncidentModel.find(id, on: db) else { return nil }
        return RatingLink.token(for: incident, secrets: secrets)
    }
}
