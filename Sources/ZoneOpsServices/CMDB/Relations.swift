import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// Relations between CIs and what a failure reaches through them.
public enum Relations {
    public static func add(source: UUID, target: String, type: String, port: String?, by actor: Actor,
                           in ctx: ServiceContext) async throws -> CIRelationModel {
        guard let type = RelationType(rawValue: type) else { throw AppError.invalid(field: "type", .errorUnknownRelationType) }
        guard let targetId = UUID(uuidString: target) else { throw AppError.invalid(field: "targetId", .errorNotFound) }
        return try await ctx.audited(actor, action: AuditAction.relationCreate.rawValue, objectType: "ci_relation") { tx in
            guard try await CIModel.find(source, on: tx) != nil else { throw AppError.notFound }
            guard try await CIModel.find(targetId, on: tx) != nil else {
                throw AppError.invalid(field: "targetId", .errorNotFound)
            }
            let graph = ImpactGraph(edges: try await edges(on: tx, only: type.forbidsCycles ? type : nil))
            if graph.wouldCreateCycle(source: source.uuidString, target: targetId.uuidString, type: type) {
                throw AppError.rule(code: "relation_cycle", .errorRelationCycle)
            }
            if try await CIRelationModel.query(on: tx).filter(\.$source.$id == source).filter(\.$target.$id == targetId)
                .filter(\.$type == type.rawValue).first() != nil {
                throw AppError.conflict(.errorRelationExists)
            }
            let relation = CIRelationModel(sourceId: source, targetId: targetId, type: type.rawValue,
                                           port: port.flatMap { $0.isEmpty ? nil : String($0.prefix(64)) })
            try await relation.create(on: tx)
            return (relation, relation.id?.uuidString, nil,
                    AuditDraft.snapshot(RelationSnapshot(source: source.uuidString, target: targetId.uuidString,
                                                         type: type.rawValue, port: relation.port)))
        }
    }

    /// Removes a relation of `ci` (as its source or its target): a relation of another CI is not
    /// found, whichever CI's page or path the request came through.
    public static func remove(id: UUID, of ci: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        try await ctx.audited(actor, action: AuditAction.relationDelete.rawValue, objectType: "ci_relation") { tx in
            guard let relation = try await CIRelationModel.find(id, on: tx),
                  relation.$source.id == ci || relation.$target.id == ci
            else { throw AppError.notFound }
            let before = AuditDraft.snapshot(RelationSnapshot(source: relation.$source.id.uuidString,
                                                              target: relation.$target.id.uuidString,
                                                              type: relation.type, port: relation.port))
            try await relation.delete(on: tx)
            return ((), id.uuidString, before, nil)
        }
    }

    /// A relation target typed by a person: an id, an asset tag, or a name only one CI has.
    public static func resolveTarget(_ text: String, on db: any Database) async throws -> UUID {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let id = UUID(uuidString: text), try await CIModel.find(id, on: db) != nil { return id }
        if let ci = try await CIModel.query(on: db).filter(\.$assetTag == text).first(), let id = ci.id { return id }
        let named = try await CIModel.query(on: db).filter(\.$name == text).limit(2).all()
        if named.count > 1 { throw AppError.invalid(field: "target", .errorRelationTargetAmbiguous) }
        guard let id = named.first?.id else { throw AppError.invalid(field: "target", .errorRelationTargetNotFound) }
        return id
    }

    /// All edges (or those of one type) as plain values, read without building models.
    public static func edges(on db: any Database, only type: RelationType? = nil) async throws -> [RelationEdge] {
        let sql = db as! any SQLDatabase
        let query: SQLQueryString = type.map {
            "SELECT source_id, target_id, type FROM ci_relations WHERE type = \(bind: $0.rawValue)"
        } ?? "SELECT source_id, target_id, type FROM ci_relations"
        return try await sql.raw(query).all().compactMap { row in
            guard let type = RelationType(rawValue: try row.decode(column: "type", as: String.self)) else { return nil }
            return RelationEdge(source: try row.decode(column: "source_id", as: UUID.self).uuidString,
                                target: try row.decode(column: "target_id", as: UUID.self).uuidString, type: type)
        }
    }
}
