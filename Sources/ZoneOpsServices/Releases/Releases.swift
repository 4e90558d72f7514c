import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// Releases (发布): versions of business systems and firmware, the changes each carries, where
/// each is deployed. Deploying sets the CI's version (its `firmware` field, "固件/软件版本")
/// and keeps the step as the CI's version history; rolling back restores the version before.
public enum Releases {
    public struct Draft: Sendable {
        public var name: String
        public var kind: ReleaseKind
        public var version: String
        public var rollbackVersion: String
        public var notes: String
        /// Change ids or numbers.
        public var changes: [String]

        public init(name: String, kind: ReleaseKind, version: String, rollbackVersion: String = "", notes: String = "", changes: [String] = []) {
            self.name = name
            self.kind = kind
            self.version = version
            self.rollbackVersion = rollbackVersion
            self.notes = notes
            self.changes = changes
        }
    }

    public static func create(_ draft: Draft, by actor: Actor, in ctx: ServiceContext) async throws -> ReleaseModel {
        let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let version = draft.version.trimmingCharacters(in: .whitespacesAndNewlines)
        let rollback = draft.rollbackVersion.trimmingCharacters(in: .whitespacesAndNewlines)
        let notes = draft.notes.trimmingCharacters(in: .whitespacesAndNewlines)
        let refs = draft.changes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var problems: [FieldProblem] = []
        if name.isEmpty || name.count > 200 { problems.append(FieldProblem(field: "name", text: .relNameRequired)) }
        if version.isEmpty || version.count > 60 || version.contains(where: \.isNewline) { problems.append(FieldProblem(field: "version", text: .relVersionRequired)) }
        if rollback.count > 60 || rollback.contains(where: \.isNewline) { problems.append(FieldProblem(field: "rollbackVersion", text: .relVersionRequired)) }
        if notes.count > ChangeDraft.maxText { problems.append(FieldProblem(field: "notes", text: .chgTextTooLong)) }
        if refs.count > 50 { problems.append(FieldProblem(field: "changes", text: .chgTooManyCIs)) }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        let now = ctx.now()
        let year = CalendarDate.today(now).year
        return try await ctx.audited(actor, action: AuditAction.releaseCreate.rawValue, objectType: "release") { tx in
            var changeIds: [UUID] = []
            for ref in refs {
                let change = try await ChangeModel.query(on: tx).group(.or) { group in
                    group.filter(\.$number == ref.uppercased())
                    if let id = UUID(uuidString: ref) { group.filter(\.$id == id) }
                }.first()
                guard let id = change?.id else { throw AppError.invalid(field: "changes", .prbUnknownChange) }
                if !changeIds.contains(id) { changeIds.append(id) }
            }
            let release = ReleaseModel()
            release.number = ReleaseNumber.format(year: year, sequence: try await Counters.next("REL-\(year)", on: tx))
            release.name = name
            release.kind = draft.kind.rawValue
            release.version = version
            release.rollbackVersion = rollback
            release.notes = notes
            release.createdByName = try await Changes.displayName(of: actor, on: tx)
            release.createdAt = now
            release.updatedAt = now
            try await release.create(on: tx)
            let id = try release.requireID()
            for change in changeIds { try await ReleaseChangeModel(releaseId: id, changeId: change).create(on: tx) }
            return (release, id.uuidString, nil, AuditDraft.snapshot(["number": release.number, "name": name, "version": version,
                                                                       "changes": changeIds.map(\.uuidString).joined(separator: ",")]))
        }
    }

    /// Deploys the release to CIs (ids, asset tags or names): each CI's version becomes the
    /// release's, the version it had is kept. A CI already on this version is refused (409).
    public static func deploy(_ id: UUID, to refs: [String], by actor: Actor, in ctx: ServiceContext) async throws -> Int {
        let refs = refs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !refs.isEmpty else { throw AppError.invalid(field: "ciIds", .chgCIsRequired) }
        guard refs.count <= 200 else { throw AppError.invalid(field: "ciIds", .chgTooManyCIs) }
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.releaseDeploy.rawValue, objectType: "ci") { tx in
            guard let release = try await ReleaseModel.find(id, on: tx) else { throw AppError.notFound }
            let ciIds = try await Changes.resolveCIs(refs, on: tx)
            var moved: [String: String] = [:]
            for ciId in ciIds {
                guard let ci = try await CIModel.find(ciId, on: tx) else { throw AppError.notFound }
                guard ci.firmware != release.version else { throw AppError.conflict(.relAlreadyOnVersion) }
                let deployment = ReleaseDeploymentModel()
                deployment.releaseId = id
                deployment.ciId = ciId
                deployment.fromVersion = ci.firmware
                deployment.toVersion = release.version
                deployment.at = now
                deployment.actorName = actor.name
                try await deployment.create(on: tx)
                ci.firmware = release.version
                try await ci.save(on: tx)
                moved[ciId.uuidString] = (deployment.fromVersion ?? "") + " → " + release.version
            }
            release.updatedAt = now
            try await release.save(on: tx)
            return (ciIds.count, id.uuidString, nil, AuditDraft.snapshot(moved))
        }
    }

    /// Rolls a CI back from this release: its version returns to the one it had before (or the
    /// release's rollback target when it had none recorded).
    public static func rollback(_ id: UUID, ci ref: String, by actor: Actor, in ctx: ServiceContext) async throws {
        let now = ctx.now()
        try await ctx.audited(actor, action: AuditAction.releaseRollback.rawValue, objectType: "ci") { tx in
            guard let release = try await ReleaseModel.find(id, on: tx) else { throw AppError.notFound }
            guard let ciId = try await Changes.resolveCIs([ref], on: tx).first, let ci = try await CIModel.find(ciId, on: tx) else {
                throw AppError.notFound
            }
            guard let deployment = try await ReleaseDeploymentModel.query(on: tx).filter(\.$releaseId == id).filter(\.$ciId == ciId)
                .filter(\.$rolledBackAt == nil).sort(\.$at, .descending).first(), ci.firmware == release.version else {
                throw AppError.conflict(.relNotDeployed)
            }
            let target = deployment.fromVersion ?? (release.rollbackVersion.isEmpty ? nil : release.rollbackVersion)
            deployment.rolledBackAt = now
            try await deployment.save(on: tx)
            ci.firmware = target
            try await ci.save(on: tx)
            return ((), ciId.uuidString, AuditDraft.snapshot(["version": release.version]), AuditDraft.snapshot(["version": target ?? ""]))
        }
    }
}

/// Reads of releases as plain values.
public enum ReleaseQueries {
    public static let perPage = 50

    public struct Row: Sendable, Equatable {
        public var id: UUID
        public var number: String
        public var name: String
        public var kind: ReleaseKind
        public var version: String
        public var deployedCount: Int
        public var createdAt: Date
    }

    public struct Deployment: Sendable, Equatable {
        public var releaseId: UUID
        public var releaseNumber: String
        public var ciId: UUID
        public var ciName: String
        public var fromVersion: String?
        public var toVersion: String
        public var at: Date
        public var actorName: String
        public var rolledBackAt: Date?
    }

    public struct Detail: Sendable {
        public var row: Row
        public var model: ReleaseModel
        public var changes: [ChangeQueries.Row]
        public var deployments: [Deployment]
    }

    public static func list(q: String?, page: Int, on db: any Database) async throws -> (rows: [Row], total: Int) {
        let query = ReleaseModel.query(on: db)
        if let q = q?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
            let pattern = "%" + q.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query.group(.or) { group in
                group.filter(\.$name, .custom("LIKE"), pattern)
                group.filter(\.$version, .custom("LIKE"), pattern)
                group.filter(\.$number, .custom("LIKE"), pattern)
            }
        }
        let total = try await query.count()
        let models = try await query.sort(\.$createdAt, .descending).range((page - 1) * perPage..<page * perPage).all()
        let deployments = models.isEmpty ? [] : try await ReleaseDeploymentModel.query(on: db).filter(\.$releaseId ~~ models.compactMap(\.id))
            .filter(\.$rolledBackAt == nil).all()
        return (models.map { model in
            Row(id: model.id ?? UUID(), number: model.number, name: model.name, kind: ReleaseKind(rawValue: model.kind) ?? .software,
                version: model.version, deployedCount: Set(deployments.filter { $0.releaseId == model.id }.map(\.ciId)).count, createdAt: model.createdAt)
        }, total)
    }

    public static func detail(_ idText: String?, on db: any Database) async throws -> Detail {
        guard let id = idText.flatMap(UUID.init(uuidString:)), let model = try await ReleaseModel.find(id, on: db) else { throw AppError.notFound }
        let changeIds = try await ReleaseChangeModel.query(on: db).filter(\.$releaseId == id).all().map(\.changeId)
        let changes = changeIds.isEmpty ? [] : try await ChangeModel.query(on: db).filter(\.$id ~~ changeIds).sort(\.$number).all()
        let rows = try await ReleaseDeploymentModel.query(on: db).filter(\.$releaseId == id).sort(\.$at, .descending).all()
        let deployments = try await self.deployments(rows, on: db)
        let row = Row(id: id, number: model.number, name: model.name, kind: ReleaseKind(rawValue: model.kind) ?? .software, version: model.version,
                      deployedCount: Set(rows.filter { $0.rolledBackAt == nil }.map(\.ciId)).count, createdAt: model.createdAt)
        return Detail(row: row, model: model, changes: changes.map(ChangeQueries.Row.init), deployments: deployments)
    }

    /// A CI's version history, newest first.
    public static func history(of ciId: UUID, on db: any Database) async throws -> [Deployment] {
        try await deployments(try await ReleaseDeploymentModel.query(on: db).filter(\.$ciId == ciId).sort(\.$at, .descending).limit(100).all(), on: db)
    }

    static func deployments(_ rows: [ReleaseDeploymentModel], on db: any Database) async throws -> [Deployment] {
        let names = try await Impact.summaries(of: Array(Set(rows.map(\.ciId.uuidString))), on: db)
        let releases = rows.isEmpty ? [] : try await ReleaseModel.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.releaseId)))).all()
        return rows.map { row in
            Deployment(releaseId: row.releaseId, releaseNumber: releases.first { $0.id == row.releaseId }?.number ?? "", ciId: row.ciId,
                       ciName: names[row.ciId.uuidString]?.name ?? "", fromVersion: row.fromVersion, toVersion: row.toVersion, at: row.at,
                       actorName: row.actorName, rolledBackAt: row.rolledBackAt)
        }
    }
}
