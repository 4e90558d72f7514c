import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// Importing the asset ledger: rows become CIs, created or updated by asset tag. Each bad row is
/// reported with its row, column and a Chinese reason; the good rows are kept. A dry run checks
/// everything and writes nothing.
public enum LedgerImport {
    public struct RowError: Sendable, Equatable, Codable {
        public var row: Int
        public var column: String
        public var message: String
        /// What the cell holds, so the uploader sees what to correct.
        public var value: String?
    }

    /// A CI an import creates (or would create): shown in the preview.
    public struct Planned: Sendable, Equatable, Codable {
        public var row: Int
        public var name: String
        public var type: String
        public var assetTag: String?
    }

    public struct Outcome: Sendable, Equatable {
        public var imported = 0
        public var updated = 0
        /// Rows identical to the CI already stored: nothing to write, no audit entry.
        public var unchanged = 0
        public var errors: [RowError] = []
        /// The first `plannedShown` CIs created.
        public var created: [Planned] = []
    }

    public static let plannedShown = 200

    /// What a row did to the CI of its asset tag.
    enum RowKind: Equatable {
        case created(Planned)
        case updated
        case unchanged
    }

    public static let maximumRows = 20_000

    /// Rows of an uploaded file, by its name: .xlsx or .csv.
    public static func rows(of data: Data, filename: String) throws -> [XLSXReader.Row] {
        let lower = filename.lowercased()
        do {
            if lower.hasSuffix(".csv") { return try CSVReader.rows(of: data) }
            if lower.hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B]) { return try XLSXReader.rows(of: data) }
        } catch CSVReader.Failure.notUTF8 {
            throw AppError.invalid(field: "file", .importNotUTF8)
        } catch CSVReader.Failure.tooLarge, XLSXReader.Failure.tooLarge {
            throw AppError.tooLarge
        } catch {
            throw AppError.invalid(field: "file", .importNotAWorkbook)
        }
        throw AppError.invalid(field: "file", .importUnsupported)
    }

    /// Row errors are worded in `language` (the uploader's; Chinese by default).
    public static func run(_ rows: [XLSXReader.Row], dryRun: Bool, language: AppLanguage = .zh, by actor: Actor,
                           in ctx: ServiceContext) async throws -> Outcome {
        guard let headerRow = rows.first, rows.count > 1 else { throw AppError.invalid(field: "file", .importEmpty) }
        guard rows.count - 1 <= maximumRows else {
            throw AppError.rule(code: "too_many_rows", .importTooManyRows)
        }
        let types = try await CITypeModel.query(on: ctx.db).all().map(\.definition)
        let columns = LedgerColumns(header: headerRow, types: types, language: language)
        guard columns.has(.type), columns.has(.name) else { throw AppError.invalid(field: "file", .importMissingColumns) }
        var outcome = Outcome()
        outcome.errors = columns.unknown.map {
            RowError(row: headerRow.number, column: $0, message: Catalog.shared.text(.importUnknownColumn, language))
        }
        var seenTags: [String: Int] = [:]
        var pending: [(row: XLSXReader.Row, input: CMDB.CIInput)] = []
        for row in rows.dropFirst() where row.cells.values.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let input = columns.input(from: row)
            if let tag = input.fields[.assetTag]?.trimmingCharacters(in: .whitespaces), !tag.isEmpty {
                if let first = seenTags[tag] {
                    outcome.errors.append(RowError(row: row.number, column: columns.header(for: CIField.assetTag.rawValue),
                                                   message: Catalog.shared.format(.importDuplicateTag, language, String(first))))
                    continue
                }
                seenTags[tag] = row.number
            }
            pending.append((row, input))
        }
        let lookup = try await CMDB.Lookup.load(on: ctx.db)
        for start in stride(from: 0, to: pending.count, by: batchSize) {
            let batch = Array(pending[start..<min(start + batchSize, pending.count)])
            let results = dryRun
                ? try await check(batch, lookup: lookup, on: ctx.db)
                : try await apply(batch, lookup: lookup, by: actor, in: ctx)
            for (row, result) in zip(batch.map(\.row), results.map(\.result)) {
                switch result {
                case .success(.created(let planned)):
                    outcome.imported += 1
                    if outcome.created.count < plannedShown { outcome.created.append(planned) }
                case .success(.updated): outcome.updated += 1
                case .success(.unchanged): outcome.unchanged += 1
                case .failure(let error): outcome.errors += columns.errors(for: error, row: row)
                }
            }
        }
        if !dryRun { ctx.didCommit("ci") }
        return outcome
    }

    /// Rows a transaction: a row that fails its checks is reported and the rest of its batch goes on;
    /// each imported row gets its own audit entry.
    static let batchSize = 250

    typealias RowResult = (row: Int, result: Result<RowKind, AppError>)

    /// Every value a row can set on a CI, to tell an identical row from a change.
    static func fingerprint(_ ci: CIModel) -> [String: String] {
        var values = Dictionary(uniqueKeysWithValues: ci.attributes.map { ("attributes." + $0.key, $0.value) })
        for field in CIField.allCases { values[field.rawValue] = ci.value(of: field) ?? "" }
        values["location"] = ci.$location.id?.uuidString ?? ""
        return values
    }

    static func planned(_ ci: CIModel, row: Int) -> Planned {
        Planned(row: row, name: ci.name, type: ci.typeKey, assetTag: ci.assetTag)
    }

    static func apply(_ batch: [(row: XLSXReader.Row, input: CMDB.CIInput)], lookup: CMDB.Lookup, by actor: Actor,
                      in ctx: ServiceContext) async throws -> [RowResult] {
        let now = ctx.now()
        let chain = ctx.chain
        return try await ctx.writer.write(on: ctx.db) { tx in
            var results: [RowResult] = []
            var head: AuditLog.Head?
            // The batch's existing CIs in one read, so new CIs (and their audit entries) queue in the
            // writer's batch and go in many per statement (the bulk path) instead of a read and
            // an insert each.
            let tags = batch.compactMap { $0.input.fields[.assetTag]?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var known: [String: CIModel] = [:]
            for chunk in stride(from: 0, to: tags.count, by: 500).map({ Array(tags[$0..<min($0 + 500, tags.count)]) }) {
                for ci in try await CIModel.query(on: tx).filter(\.$assetTag ~~ chunk).all() { if let tag = ci.assetTag { known[tag] = ci } }
            }
            for (row, input) in batch {
                do {
                    let tag = input.fields[.assetTag]?.trimmingCharacters(in: .whitespaces)
                    let existing = tag.flatMap { known[$0] }
                    let fields = CMDB.checkFields(input, creating: existing == nil)
                    let draft: AuditDraft
                    let kind: RowKind
                    if let existing {
                        let unchanged = try await isUnchanged(existing, by: input, lookup: lookup, on: tx)
                        if unchanged {
                            results.append((row.number, .success(.unchanged)))
                            continue
                        }
                        let before = try await CMDB.change(existing, input, fields: fields, note: nil, actorName: actor.name, at: now,
                                                           lookup: lookup, on: tx)
                        draft = AuditDraft(actorId: actor.userId, actorName: actor.name, address: actor.address,
                                           action: AuditAction.ciUpdate.rawValue, objectType: "ci", objectId: existing.id?.uuidString,
                                           before: before, after: AuditDraft.snapshot(CISnapshot(existing)))
                        kind = .updated
                    } else {
                        let ci = try await CMDB.insert(input, fields: fields, actorName: actor.name, at: now, lookup: lookup, deferred: true, on: tx)
                        if let tag = ci.assetTag { known[tag] = ci }
                        draft = AuditDraft(actorId: actor.userId, actorName: actor.name, address: actor.address,
                                           action: AuditAction.ciCreate.rawValue, objectType: "ci", objectId: ci.id?.uuidString,
                                           before: nil, after: AuditDraft.snapshot(CISnapshot(ci)))
                        kind = .created(planned(ci, row: row.number))
                    }
                    head = try await AuditLog.append(draft, at: now, on: tx, chain: chain, after: head)
                    results.append((row.number, .success(kind)))
                } catch let error as AppError {
                    results.append((row.number, .failure(error)))
                }
            }
            return results
        }
    }

    static func check(_ batch: [(row: XLSXReader.Row, input: CMDB.CIInput)], lookup: CMDB.Lookup,
                      on db: any Database) async throws -> [RowResult] {
        var results: [RowResult] = []
        for (row, input) in batch {
            do {
                let existing = try await existingCI(tag: input.fields[.assetTag], on: db)
                if let existing {
                    let unchanged = try await isUnchanged(existing, by: input, lookup: lookup, on: db)
                    results.append((row.number, .success(unchanged ? .unchanged : .updated)))
                } else {
                    let ci = try await CMDB.check(input, existing: nil, lookup: lookup, on: db)
                    results.append((row.number, .success(.created(planned(ci, row: row.number)))))
                }
            } catch let error as AppError {
                results.append((row.number, .failure(error)))
            }
        }
        return results
    }

    /// Checks the row against a copy of the stored CI (the stored one stays as it is) and tells
    /// whether it would change anything. Throws what the row gets wrong.
    static func isUnchanged(_ existing: CIModel, by input: CMDB.CIInput, lookup: CMDB.Lookup, on db: any Database) async throws -> Bool {
        let before = fingerprint(existing)
        guard let copy = try await CIModel.find(existing.id, on: db) else { return false }
        let checked = try await CMDB.check(input, existing: copy, lookup: lookup, on: db)
        return fingerprint(checked) == before
    }

    static func existingCI(tag: String?, on db: any Database) async throws -> CIModel? {
        guard let tag = tag?.trimmingCharacters(in: .whitespaces), !tag.isEmpty else { return nil }
        return try await CIModel.query(on: db).filter(\.$assetTag == tag).first()
    }
}
