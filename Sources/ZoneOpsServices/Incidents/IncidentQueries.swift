import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Reads of incidents as plain values, scoped by the policy: lists for queues, the portal and
/// the API, and one incident with its CIs, children and (visible) work log.
public enum IncidentQueries {
    /// The queues of the desk (API.md's filters plus the named queues).
    public enum Queue: String, Sendable, CaseIterable {
        case all, mine, group, unassigned, breaching, major
    }

    public struct Filter: Sendable, Equatable {
        public var q: String?
        public var status: String?
        public var priority: Int?
        public var assignee: String?
        public var queue: Queue
        public var page: Int
        /// Whether words in internal notes count (O&M staff and the supervisor); requesters search
        /// what they can read.
        public var searchInternal = false
        public static let perPage = 50

        public init(q: String? = nil, status: String? = nil, priority: Int? = nil, assignee: String? = nil,
                    queue: Queue = .all, page: Int = 1) {
            self.q = q?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            self.status = status?.nilIfEmpty
            self.priority = priority
            self.assignee = assignee?.nilIfEmpty
            self.queue = queue
            self.page = max(1, page)
        }
    }

    /// One row of a queue.
    public struct Row: Sendable, Equatable {
        public var id: UUID
        public var number: String
        public var title: String
        public var kind: String
        public var status: IncidentStatus
        public var priority: Priority
        public var channel: String
        public var requesterName: String
        public var organizationName: String?
        public var assigneeName: String?
        public var groupName: String?
        public var responseDueAt: Date?
        public var resolveDueAt: Date?
        public var respondedAt: Date?
        public var resolvedAt: Date?
        public var responseBreached: Bool
        public var resolveBreached: Bool
        public var clockPaused: Bool
        public var isMajor: Bool
        public var parentId: UUID?
        public var urgeCount: Int
        public var rating: Int?
        public var createdAt: Date
        public var updatedAt: Date
    }

    public static func list(_ filter: Filter, scope: ListScope, userId: UUID?, now: Date,
                            on db: any Database) async throws -> (rows: [Row], total: Int) {
        let query = IncidentModel.query(on: db)
        try await apply(filter, scope: scope, userId: userId, now: now, to: query, on: db)
        let total = try await query.count()
        switch filter.queue {
        case .breaching: query.sort(\.$resolveDueAt)
        default: query.sort(\.$createdAt, .descending).sort(\.$number, .descending)
        }
        let models = try await query.range(((filter.page - 1) * Filter.perPage)..<(filter.page * Filter.perPage)).all()
        return (try await rows(models, on: db), total)
    }

    static func apply(_ filter: Filter, scope: ListScope, userId: UUID?, now: Date,
                      to query: QueryBuilder<IncidentModel>, on db: any Database) async throws {
        switch scope {
        case .all: break
        case .organization(let raw):
            query.filter(\.$organizationId == raw.flatMap(UUID.init(uuidString:)) ?? UUID())
        case .customs(let user, let domains):
            let me = UUID(uuidString: user) ?? UUID()
            query.group(.or) { $0.filter(\.$domain ~~ domains).filter(\.$createdBy == me) }
        }
        if let q = filter.q {
            if q.uppercased().hasPrefix("INC-") {
                query.filter(\.$number == q.uppercased())
            } else {
                IncidentSearch.restrict(query, to: q, publicOnly: !filter.searchInternal)
            }
        }
        if let status = filter.status {
            if status == "open" {
                query.filter(\.$status ~~ IncidentStatus.open.map(\.rawValue))
            } else {
                guard IncidentStatus(rawValue: status) != nil else { throw AppError.invalid(field: "status", .attrNotAChoice) }
                query.filter(\.$status == status)
            }
        }
        if let priority = filter.priority { query.filter(\.$priority == priority) }
        if let assignee = filter.assignee {
            let id = assignee == "me" ? userId : try await UserModel.query(on: db).group(.or) { group in
                group.filter(\.$username == assignee.lowercased())
                if let uuid = UUID(uuidString: assignee) { group.filter(\.$id == uuid) }
            }.first()?.id
            query.filter(\.$assigneeId == id ?? UUID())
        }
        let open = IncidentStatus.open.map(\.rawValue)
        switch filter.queue {
        case .all: break
        case .mine:
            query.filter(\.$assigneeId == userId ?? UUID()).filter(\.$status ~~ open)
        case .group:
            let groups = try await SupportGroupMemberModel.query(on: db).filter(\.$userId == userId ?? UUID()).all().map(\.groupId)
            query.filter(\.$groupId ~~ groups).filter(\.$status ~~ open)
        case .unassigned:
            query.filter(\.$assigneeId == nil).filter(\.$status ~~ open)
        case .breaching:
            // Due within the next four hours, or already overdue.
            query.filter(\.$status ~~ open).filter(\.$resolveDueAt != nil).filter(\.$resolveDueAt <= now.addingTimeInterval(4 * 3600))
        case .major:
            query.filter(\.$isMajor == true).filter(\.$status ~~ open)
        }
    }

    /// Rows with the names of people, organizations and groups filled in.
    public static func rows(_ models: [IncidentModel], on db: any Database) async throws -> [Row] {
        let userIds = Set(models.compactMap(\.assigneeId))
        let orgIds = Set(models.compactMap(\.organizationId))
        let groupIds = Set(models.compactMap(\.groupId))
        let users = userIds.isEmpty ? [:] : Dictionary(try await UserModel.query(on: db).filter(\.$id ~~ userIds).all()
            .map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let orgs = orgIds.isEmpty ? [:] : Dictionary(try await OrganizationModel.query(on: db).filter(\.$id ~~ orgIds).all()
            .map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let groups = groupIds.isEmpty ? [:] : Dictionary(try await SupportGroupModel.query(on: db).filter(\.$id ~~ groupIds).all()
            .map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        return try models.map { model in
            Row(id: try model.requireID(), number: model.number, title: model.title, kind: model.kind, status: model.incidentStatus,
                priority: Priority(rawValue: model.priority) ?? .p4, channel: model.channel, requesterName: model.requesterName,
                organizationName: model.organizationId.flatMap { orgs[$0] }, assigneeName: model.assigneeId.flatMap { users[$0] },
                groupName: model.groupId.flatMap { groups[$0] }, responseDueAt: model.responseDueAt, resolveDueAt: model.resolveDueAt,
                respondedAt: model.respondedAt, resolvedAt: model.resolvedAt, responseBreached: model.responseBreached,
                resolveBreached: model.resolveBreached, clockPaused: model.clocks.resolve.state == .paused, isMajor: model.isMajor,
                parentId: model.parentId, urgeCount: model.urgeCount, rating: model.rating, createdAt: model.createdAt,
                updatedAt: model.updatedAt)
        }
    }
}

extension IncidentQueries {
    /// Every row of a filter (no paging) up to `limit`, newest first: for the export.
    public static func all(_ filter: Filter, scope: ListScope, userId: UUID?, now: Date, limit: Int,
                           on db: any Database) async throws -> [Row] {
        let query = IncidentModel.query(on: db)
        try await apply(filter, scope: scope, userId: userId, now: now, to: query, on: db)
        return try await rows(query.sort(\.$createdAt, .descending).limit(limit).all(), on: db)
    }
}
