import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Repair slips (设备维修单) on incidents about a device: the engineer fills them in on the spot,
/// takes spare parts out of stock against them (with serials), the requester confirms.
public enum RepairSlips {
    public struct Input: Sendable {
        public var arrivedAt: Date?
        public var restoredAt: Date?
        public var symptom: String
        public var diagnosis: String
        public var action: String
        public var followUp: String?

        public init(arrivedAt: Date?, restoredAt: Date?, symptom: String, diagnosis: String, action: String, followUp: String?) {
            self.arrivedAt = arrivedAt
            self.restoredAt = restoredAt
            self.symptom = symptom
            self.diagnosis = diagnosis
            self.action = action
            self.followUp = followUp
        }
    }

    /// The slip as its page and print show it.
    public struct Slip: Sendable {
        public var incidentNumber: String
        public var incidentTitle: String
        public var requester: String
        public var organization: String?
        public var ci: (name: String, assetTag: String?, location: String?)?
        public var reportedAt: Date
        public var arrivedAt: Date?
        public var restoredAt: Date?
        public var symptom: String
        public var diagnosis: String
        public var action: String
        public var followUp: String?
        public var engineer: String
        public var confirmedAt: Date?
        public var confirmedBy: String?
        public var parts: [(name: String, model: String, quantity: Int, unit: String, serials: String)]
        public var exists: Bool

        /// Minutes from the report to restoration.
        public var downtimeMinutes: Int? {
            restoredAt.map { max(0, Int($0.timeIntervalSince(reportedAt) / 60)) }
        }
    }

    public static func save(incident id: UUID, _ input: Input, by actor: Actor, in ctx: ServiceContext) async throws {
        var problems: [FieldProblem] = []
        for (field, value) in [("symptom", input.symptom), ("diagnosis", input.diagnosis), ("action", input.action)]
            where value.count > 2000 { problems.append(FieldProblem(field: field, text: .incidentDescriptionTooLong)) }
        if (input.followUp ?? "").count > 1000 { problems.append(FieldProblem(field: "followUp", text: .incidentDescriptionTooLong)) }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.repairSlipSave.rawValue, objectType: "incident") { tx in
            guard let incident = try await IncidentModel.find(id, on: tx) else { throw AppError.notFound }
            if let arrived = input.arrivedAt, arrived < incident.createdAt { throw AppError.invalid(field: "arrivedAt", .slipTimeOrder) }
            if let restored = input.restoredAt, restored < (input.arrivedAt ?? incident.createdAt) {
                throw AppError.invalid(field: "restoredAt", .slipTimeOrder)
            }
            let slip = try await RepairSlipModel.query(on: tx).filter(\.$incidentId == id).first() ?? RepairSlipModel()
            let before = slip.id == nil ? nil : AuditDraft.snapshot(SlipSnapshot(slip))
            if slip.id == nil {
                slip.incidentId = id
                slip.reportedAt = incident.createdAt
                slip.ciId = try await IncidentCIModel.query(on: tx).filter(\.$incident.$id == id).first()?.ciId
            }
            slip.arrivedAt = input.arrivedAt
            slip.restoredAt = input.restoredAt
            slip.symptom = input.symptom.trimmingCharacters(in: .whitespacesAndNewlines)
            slip.diagnosis = input.diagnosis.trimmingCharacters(in: .whitespacesAndNewlines)
            slip.action = input.action.trimmingCharacters(in: .whitespacesAndNewlines)
            slip.followUp = input.followUp?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            slip.engineer = actor.name
            slip.updatedAt = now
            try await slip.save(on: tx)
            return ((), id.uuidString, before, AuditDraft.snapshot(SlipSnapshot(slip)))
        }
    }

    /// Takes parts out of stock for the slip's repair, in the same transaction as the slip's record.
    public static func useParts(incident id: UUID, part: UUID, location: String, quantity: Int, serials: String,
                                by actor: Actor, in ctx: ServiceContext) async throws {
        let serials = serials.trimmingCharacters(in: .whitespacesAndNewlines)
        guard serials.count <= 500 else { throw AppError.invalid(field: "serials", .incidentDescriptionTooLong) }
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.repairSlipParts.rawValue, objectType: "spare_part") { tx in
            guard let incident = try await IncidentModel.find(id, on: tx) else { throw AppError.notFound }
            guard let slip = try await RepairSlipModel.query(on: tx).filter(\.$incidentId == id).first(), let slipId = slip.id else {
                throw AppError.conflict(.slipNeedsSlip)
            }
            let (before, after) = try await SpareParts.apply(part: part, kind: .use, location: location, quantity: quantity,
                                                             ci: slip.ciId?.uuidString,
                                                             note: incident.number + (serials.isEmpty ? "" : " SN " + serials),
                                                             actorName: actor.name, at: now, on: tx)
            let locationId = try await Locations.resolve(location, on: tx)
            try await RepairSlipPartModel(slipId: slipId, partId: part, locationId: locationId, quantity: quantity, serials: serials,
                                          at: now).create(on: tx)
            return ((), part.uuidString, before, after)
        }
    }

    /// The requester confirms the repair (the slip's signature line).
    public static func confirm(incident id: UUID, by actor: Actor, name: String, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.repairSlipConfirm.rawValue, objectType: "incident") { tx in
            guard let slip = try await RepairSlipModel.query(on: tx).filter(\.$incidentId == id).first() else { throw AppError.notFound }
            guard slip.confirmedAt == nil else { throw AppError.conflict(.incidentActionNotAllowed) }
            slip.confirmedAt = now
            slip.confirmedBy = name
            try await slip.save(on: tx)
            return ((), id.uuidString, nil, AuditDraft.snapshot(SlipSnapshot(slip)))
        }
    }

    /// The slip of an incident (an empty one, not yet saved, when there is none).
    public static func slip(incident id: UUID, on db: any Database) async throws -> Slip {
        guard let incident = try await IncidentModel.find(id, on: db) else { throw AppError.notFound }
        let model = try await RepairSlipModel.query(on: db).filter(\.$incidentId == id).first()
        var ciId = model?.ciId
        if model == nil { ciId = try await IncidentCIModel.query(on: db).filter(\.$incident.$id == id).first()?.ciId }
        let ci = try await ciId.asyncMap { try await CIModel.find($0, on: db) } ?? nil
        let paths = try await CIQueries.locationPaths(on: db)
        let organization = try await incident.organizationId.asyncMap { try await OrganizationModel.find($0, on: db)?.name } ?? nil
        var parts: [(String, String, Int, String, String)] = []
        if let slipId = model?.id {
            let rows = try await RepairSlipPartModel.query(on: db).filter(\.$slipId == slipId).sort(\.$at).all()
            let kinds = Dictionary(try await SparePartModel.query(on: db).filter(\.$id ~~ rows.map(\.partId)).all().map { ($0.id!, $0) },
                                   uniquingKeysWith: { a, _ in a })
            parts = rows.map { ($0.partId, $0) }.map { partId, row in
                (kinds[partId]?.name ?? "—", kinds[partId]?.partModel ?? "", row.quantity, kinds[partId]?.unit ?? "", row.serials)
            }
        }
        return Slip(incidentNumber: incident.number, incidentTitle: incident.title, requester: incident.requesterName,
                    organization: organization,
                    ci: ci.map { ($0.name, $0.assetTag, $0.$location.id.flatMap { paths[$0] }) },
                    reportedAt: model?.reportedAt ?? incident.createdAt, arrivedAt: model?.arrivedAt, restoredAt: model?.restoredAt,
                    symptom: model?.symptom ?? incident.description, diagnosis: model?.diagnosis ?? "", action: model?.action ?? "",
                    followUp: model?.followUp, engineer: model?.engineer ?? "", confirmedAt: model?.confirmedAt,
                    confirmedBy: model?.confirmedBy, parts: parts, exists: model != nil)
    }
}

struct SlipSnapshot: Encodable {
    var arrivedAt: Date?
    var restoredAt: Date?
    var symptom: String
    var diagnosis: String
    var action: String
    var confirmedAt: Date?

    init(_ slip: RepairSlipModel) {
        arrivedAt = slip.arrivedAt
        restoredAt = slip.restoredAt
        symptom = slip.symptom
        diagnosis = slip.diagnosis
        action = slip.action
        confirmedAt = slip.confirmedAt
    }
}
