import FluentKit
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// Registering and changing configuration items, each change audited with before and after.
/// Callers check the policy first; these functions check the input.
public enum CMDB {
    /// A CI's input from the API, the browser form or a ledger row. `fields` values are text as
    /// typed; an empty string clears a field. `attributes` merge into the stored ones.
    public struct CIInput: Sendable {
        public var fields: [CIField: String]
        public var attributes: [String: String]
        /// The management credential in plain text: nil leaves it, "" removes it.
        public var credential: String?

        public init(fields: [CIField: String] = [:], attributes: [String: String] = [:], credential: String? = nil) {
            self.fields = fields
            self.attributes = attributes
            self.credential = credential
        }

        /// The credential sealed for storage: nil = unchanged, .some(nil) = remove.
        func sealedCredential(_ secrets: SecretBox) throws -> String?? {
            guard let credential else { return nil }
            let trimmed = credential.trimmingCharacters(in: .whitespacesAndNewlines)
            return .some(trimmed.isEmpty ? nil : try secrets.seal(String(trimmed.prefix(500))))
        }
    }

    public static func createCI(_ input: CIInput, by actor: Actor, in ctx: ServiceContext) async throws -> CIModel {
        let fields = checkFields(input, creating: true)
        let now = ctx.now()
        let credential = try input.sealedCredential(ctx.secrets)
        return try await ctx.audited(actor, action: AuditAction.ciCreate.rawValue, objectType: "ci") { tx in
            let ci = try await insert(input, fields: fields, actorName: actor.name, at: now, lookup: nil, credential: credential, on: tx)
            return (ci, ci.id?.uuidString, nil, AuditDraft.snapshot(CISnapshot(ci)))
        }
    }

    /// Creates a CI inside a transaction the caller holds (and audits).
    /// `deferred`: the rows join the writer's batch and go in many per statement (the ledger
    /// import's bulk path); otherwise one insert each.
    static func insert(_ input: CIInput, fields: CheckedFields, actorName: String, at now: Date, lookup: Lookup?,
                       credential: String?? = nil, deferred: Bool = false, on tx: any Database) async throws -> CIModel {
        let ci = CIModel()
        ci.criticality = 3
        ci.customsCritical = false
        ci.status = LifecycleStatus.inUse.rawValue
        ci.state = OperationalState.unknown.rawValue
        ci.attributesJSON = "{}"
        try await fill(ci, fields: fields, attributes: input.attributes, lookup: lookup, on: tx)
        if let credential { ci.sealedCredential = credential }
        if deferred {
            ci.createdAt = now
            ci.updatedAt = now
            try await ci.insertRow(on: tx, deferred: true)
            try await CIStatusChangeModel(ciId: ci.requireID(), from: nil, to: ci.status, at: now, actorName: actorName, note: nil)
                .insertRow(on: tx, deferred: true)
            return ci
        }
        try await ci.create(on: tx)
        try await CIStatusChangeModel(ciId: ci.requireID(), from: nil, to: ci.status, at: now, actorName: actorName, note: nil).create(on: tx)
        return ci
    }

    public static func updateCI(id: UUID, _ input: CIInput, note: String? = nil, by actor: Actor,
                                in ctx: ServiceContext) async throws -> CIModel {
        let fields = checkFields(input, creating: false)
        let now = ctx.now()
        let credential = try input.sealedCredential(ctx.secrets)
        return try await ctx.audited(actor, action: AuditAction.ciUpdate.rawValue, objectType: "ci") { tx in
            guard let ci = try await CIModel.find(id, on: tx) else { throw AppError.notFound }
            let before = try await change(ci, input, fields: fields, note: note, actorName: actor.name, at: now, lookup: nil,
                                          credential: credential, on: tx)
            return (ci, id.uuidString, before, AuditDraft.snapshot(CISnapshot(ci)))
        }
    }

    /// Changes a CI inside a transaction the caller holds; answers the snapshot from before.
    static func change(_ ci: CIModel, _ input: CIInput, fields: CheckedFields, note: String?, actorName: String, at now: Date,
                       lookup: Lookup?, credential: String?? = nil, on tx: any Database) async throws -> String? {
        let before = AuditDraft.snapshot(CISnapshot(ci))
        let previousStatus = ci.status
        try await fill(ci, fields: fields, attributes: input.attributes, lookup: lookup, on: tx)
        if let credential { ci.sealedCredential = credential }
        try await ci.update(on: tx)
        if ci.status != previousStatus {
            try await CIStatusChangeModel(ciId: try ci.requireID(), from: previousStatus, to: ci.status, at: now,
                                          actorName: actorName, note: note).create(on: tx)
        }
        return before
    }

    /// Checks an input as create or update would, writing nothing (the ledger's preview); answers
    /// the CI as it would be (the `existing` model itself, filled in, when one is given).
    @discardableResult
    public static func check(_ input: CIInput, existing: CIModel?, lookup: Lookup? = nil, on db: any Database) async throws -> CIModel {
        let fields = checkFields(input, creating: existing == nil)
        let ci = existing ?? CIModel()
        if existing == nil {
            ci.criticality = 3
            ci.customsCritical = false
            ci.status = LifecycleStatus.inUse.rawValue
            ci.state = OperationalState.unknown.rawValue
            ci.attributesJSON = "{}"
        }
        try await fill(ci, fields: fields, attributes: input.attributes, lookup: lookup, on: db)
        return ci
    }

    /// The plain credential of a CI, for someone allowed to see it; the reading is audited.
    public static func revealCredential(id: UUID, by actor: Actor, in ctx: ServiceContext) async throws -> String? {
        try await ctx.audited(actor, action: AuditAction.ciCredentialRead.rawValue, objectType: "ci_credential") { tx in
            guard let ci = try await CIModel.find(id, on: tx) else { throw AppError.notFound }
            return (ci.sealedCredential.flatMap(ctx.secrets.open), id.uuidString, nil, nil)
        }
    }

    public static func deleteCI(id: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        try await ctx.audited(actor, action: AuditAction.ciDelete.rawValue, objectType: "ci") { tx in
            guard let ci = try await CIModel.find(id, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(CISnapshot(ci))
            try await ci.delete(on: tx)
            return ((), id.uuidString, before, nil)
        }
    }

    /// Types and places read once for a batch (the ledger import) instead of once per row.
    public struct Lookup: Sendable {
        var types: [String: CITypeModel]
        var locations: [LocationModel]

        public static func load(on db: any Database) async throws -> Lookup {
            let types = try await CITypeModel.query(on: db).all()
            return Lookup(types: Dictionary(uniqueKeysWithValues: types.map { ($0.key, $0) }),
                          locations: try await LocationModel.query(on: db).all())
        }

        func location(_ text: String) throws -> UUID {
            try Locations.resolve(text, in: locations)
        }
    }

    /// The checked common fields, and their problems; `fill` adds the attributes' problems so
    /// that one answer lists everything to fix.
    struct CheckedFields: Sendable {
        var values: [CIField: String?]
        var problems: [FieldProblem]
    }

    static func checkFields(_ input: CIInput, creating: Bool) -> CheckedFields {
        switch CIField.validate(input.fields, creating: creating) {
        case .success(let clean): return CheckedFields(values: clean, problems: [])
        case .failure(let errors):
            let valid = input.fields.filter { field, _ in !errors.problems.contains { $0.field == field } }
            let clean = (try? CIField.validate(valid, creating: false).get()) ?? [:]
            return CheckedFields(values: clean, problems: errors.problems.map {
                FieldProblem(field: $0.field.rawValue, text: $0.problem.text)
            })
        }
    }

    /// Applies fields and attributes to `ci`, resolving its type and location and checking the
    /// attributes against the (possibly new) type and the asset tag against other CIs.
    static func fill(_ ci: CIModel, fields checked: CheckedFields, attributes: [String: String], lookup: Lookup?,
                     on db: any Database) async throws {
        let fields = checked.values
        var problems = checked.problems
        let typeKey = (fields[.type] ?? nil) ?? (ci.id == nil ? "" : ci.typeKey)
        let found = if let lookup { lookup.types[typeKey] } else { try await CITypeModel.query(on: db).filter(\.$key == typeKey).first() }
        guard let type = found else {
            if !typeKey.isEmpty { problems.append(FieldProblem(field: CIField.type.rawValue, text: .errorUnknownCIType)) }
            throw AppError.invalidFields(problems)
        }
        ci.typeKey = typeKey
        if let location = fields[.location] {
            if let text = location {
                do {
                    if let lookup {
                        ci.$location.id = try lookup.location(text)
                    } else {
                        ci.$location.id = try await Locations.resolve(text, on: db)
                    }
                } catch let AppError.invalid(field, text) {
                    problems.append(FieldProblem(field: field, text: text))
                }
            } else {
                ci.$location.id = nil
            }
        }
        ci.apply(fields)
        var merged = (ci.id == nil ? [:] : ci.attributes).merging(attributes) { $1 }
        merged = merged.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        // Attributes the new type does not have are dropped when the type changes.
        let known = Set(type.definition.attributes.map(\.key))
        if fields[.type] != nil { merged = merged.filter { known.contains($0.key) || attributes[$0.key] != nil } }
        switch type.definition.validate(merged) {
        case .success(let clean): ci.attributes = clean
        case .failure(let errors):
            problems += errors.problems.map { FieldProblem(field: "attributes.\($0.key)", text: $0.problem.text) }
        }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        // A batch (the ledger) looked every row up by its tag and refused repeats: it cannot clash.
        if lookup == nil, let tag = ci.assetTag {
            var query = CIModel.query(on: db).filter(\.$assetTag == tag)
            if let id = ci.id { query = query.filter(\.$id != id) }
            if try await query.first() != nil { throw AppError.conflict(.errorAssetTagTaken) }
        }
        ci.refreshSearchText()
    }
}
