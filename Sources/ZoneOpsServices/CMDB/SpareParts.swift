import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Spare parts: kinds with minimum levels, stock per place, and every movement in and out.
public enum SpareParts {
    public struct Overview: Sendable {
        public var part: SparePartModel
        public var total: Int
        public var byPlace: [(locationId: UUID, quantity: Int)]
        public var belowMinimum: Bool { total < part.minimum }
    }

    public static func createPart(name: String, partModel: String, typeKey: String?, unit: String, minimum: Int,
                                  by actor: Actor, in ctx: ServiceContext) async throws -> SparePartModel {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let partModel = partModel.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if !(1...100).contains(name.count) { problems.append(FieldProblem(field: "name", text: .attrRequired)) }
        if !(1...100).contains(partModel.count) { problems.append(FieldProblem(field: "partModel", text: .attrRequired)) }
        if !(0...100_000).contains(minimum) { problems.append(FieldProblem(field: "minimum", text: .attrNotInteger)) }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        let unit = unit.trimmingCharacters(in: .whitespaces).isEmpty ? "个" : unit.trimmingCharacters(in: .whitespaces)
        let type = typeKey.flatMap { $0.isEmpty ? nil : $0 }
        return try await ctx.audited(actor, action: AuditAction.sparePartCreate.rawValue, objectType: "spare_part") { tx in
            if try await SparePartModel.query(on: tx).filter(\.$name == name).filter(\.$partModel == partModel).first() != nil {
                throw AppError.conflict(.sparePartTaken)
            }
            let part = SparePartModel(name: name, partModel: partModel, typeKey: type, unit: String(unit.prefix(8)), minimum: minimum)
            try await part.create(on: tx)
            return (part, part.id?.uuidString, nil, AuditDraft.snapshot(SparePartSnapshot(name: name, model: partModel, minimum: minimum)))
        }
    }

    /// Moves stock at one place; refuses to take out more than is there.
    public static func move(part partId: UUID, kind: SpareMovementKind, location: String, quantity: Int, ci: String?,
                            note: String?, by actor: Actor, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.spareMove.rawValue, objectType: "spare_part") { tx in
            let (before, after) = try await apply(part: partId, kind: kind, location: location, quantity: quantity, ci: ci,
                                                  note: note, actorName: actor.name, at: now, on: tx)
            return ((), partId.uuidString, before, after)
        }
    }

    /// The stock movement itself, inside the caller's transaction (a repair slip takes parts in
    /// its own). Answers the audit snapshots before and after.
    static func apply(part partId: UUID, kind: SpareMovementKind, location: String, quantity: Int, ci: String?,
                      note: String?, actorName: String, at now: Date, on tx: any Database) async throws -> (String?, String?) {
        guard (1...10_000).contains(quantity) else { throw AppError.invalid(field: "quantity", .spareQuantityRange) }
        guard try await SparePartModel.find(partId, on: tx) != nil else { throw AppError.notFound }
        let locationId = try await Locations.resolve(location, on: tx)
        var ciId: UUID?
        if let ci = ci?.trimmingCharacters(in: .whitespaces), !ci.isEmpty {
            let found = try await CIModel.query(on: tx).group(.or) { group in
                group.filter(\.$assetTag == ci)
                if let id = UUID(uuidString: ci) { group.filter(\.$id == id) }
            }.first()
            guard let found else { throw AppError.invalid(field: "ci", .errorRelationTargetNotFound) }
            ciId = found.id
        }
        let stock = try await SpareStockModel.query(on: tx).filter(\.$part.$id == partId).filter(\.$location.$id == locationId).first()
            ?? SpareStockModel(partId: partId, locationId: locationId, quantity: 0)
        let delta = kind.sign * quantity
        guard stock.quantity + delta >= 0 else {
            throw AppError.rule(code: "not_enough_stock", .spareNotEnough)
        }
        let before = stock.quantity
        stock.quantity += delta
        try await stock.save(on: tx)
        try await SpareMovementModel(partId: partId, locationId: locationId, kind: kind.rawValue, delta: delta, ciId: ciId,
                                     note: note.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }, at: now,
                                     actorName: actorName).create(on: tx)
        return (AuditDraft.snapshot(StockSnapshot(quantity: before)),
                AuditDraft.snapshot(StockSnapshot(quantity: stock.quantity, kind: kind.rawValue,
                                                  location: locationId.uuidString, ci: ciId?.uuidString)))
    }

    public static func overview(on db: any Database) async throws -> [Overview] {
        let parts = try await SparePartModel.query(on: db).sort(\.$name).all()
        let stock = try await SpareStockModel.query(on: db).all()
        return parts.map { part in
            let rows = stock.filter { $0.$part.id == part.id && $0.quantity != 0 }
            return Overview(part: part, total: rows.reduce(0) { $0 + $1.quantity },
                            byPlace: rows.map { ($0.$location.id, $0.quantity) })
        }
    }
}
