import Foundation

/// Lists typed into one field: one item per line, or separated by commas (half- or full-width)
/// or the Chinese enumeration comma, as people write them.
enum FormList {
    static func items(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Every row of a paged list, up to `limit` rows, for an export.
enum Paging {
    static let exportLimit = 5000

    static func all<Row>(perPage: Int, limit: Int = exportLimit, _ page: (Int) async throws -> [Row]) async throws -> [Row] {
        var rows: [Row] = []
        var number = 1
        while rows.count < limit {
            let batch = try await page(number)
            rows += batch
            if batch.count < perPage { break }
            number += 1
        }
        return Array(rows.prefix(limit))
    }
}
