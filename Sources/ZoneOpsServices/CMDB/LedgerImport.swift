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
    }

    public struct Outcome: Sendable, Equatable {
        public var imported = 0
        public var updated = 0
        public var errors: [RowError] = []
    }

    public static let maximumRows = 20_000

    /// Rows of an uploaded file, by its name: .xlsx or .csv.
    public static func rows(of data: Data, filename: String) throws -> [XLSXReader.Row] {
        let lower = filename.lowercased()
        do {
            if lower.hasSuffix(".csv") { return try CSVReader.rows(of: data) }
            if lower.hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B]) { return try XLSXReader.rows(of: data) }
        } catch is CSVReader.Failure {
            throw AppError.invalid(field: "file", .importNotUTF8)
        } catch {
            throw AppError.invalid(field: "file", .importNotAWorkbook)
        }
        throw AppError.invalid(field: "file", .importUnsupported)
    }

    public static func run(_ rows: [XLSXReader.Row], dryRun: Bool, by actor: Actor, in ctx: ServiceContext) async throws -> Outcome {
        guard let headerRow = rows.first, rows.count > 1 else { throw AppError.invalid(field: "file", .importEmpty) }
        guard rows.count - 1 <= maximumRows else {
            throw AppError.rule(code: "too_many_rows", .importTooManyRows)
        }
        let types = try await CITypeModel.query(on: ctx.db).all().map(\.definition)
        let columns = LedgerColumns(header: headerRow, types: types)
        guard columns.has(.type), columns.has(.name) else { throw AppError.invalid(field: "file", .importMissingColumns) }
        var outcome = Outcome()
        outcome.errors = columns.unknown.map {
            RowError(row: headerRow.number, column: $0, message: Catalog.shared.text(.importUnknownColumn, .zh))
        }
        var seenTags: [String: Int] = [:]
        for row in rows.dropFirst() {
            let input = columns.input(from: row)
            if let tag = input.fields[.assetTag]?.trimmingCharacters(in: .whitespaces), !tag.isEmpty {
                if let first = seenTags[tag] {
                    outcome.errors.append(RowError(row: row.number, column: columns.header(for: CIField.assetTag.rawValue),
                                                   message: Catalog.shared.format(.importDuplicateTag, .zh, String(first))))
                    continue
                }
                seenTags[tag] = row.number
            }
            do {
                let existing = try await existingCI(tag: input.fields[.assetTag], on: ctx.db)
                if dryRun {
                    try await CMDB.check(input, existing: existing, on: ctx.db)
                } else if let existing, let id = existing.id {
                    _ = try await CMDB.updateCI(id: id, input, by: actor, in: ctx)
                } else {
                    _ = try await CMDB.createCI(input, by: actor, in: ctx)
                }
                if existing == nil { outcome.imported += 1 } else { outcome.updated += 1 }
            } catch let error as AppError {
                outcome.errors += columns.errors(for: error, row: row.number)
            }
        }
        return outcome
    }

    static func existingCI(tag: String?, on db: any Database) async throws -> CIModel? {
        guard let tag = tag?.trimmingCharacters(in: .whitespaces), !tag.isEmpty else { return nil }
        return try await CIModel.query(on: db).filter(\.$assetTag == tag).first()
    }
}
