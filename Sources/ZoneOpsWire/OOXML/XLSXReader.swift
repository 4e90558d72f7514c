import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first sheet of an .xlsx file as rows of text, the way a person sees them: shared
/// and inline strings, numbers without a trailing ".0", booleans as TRUE/FALSE, and numbers in a
/// date format as `YYYY-MM-DD`. Refuses what is not a workbook, and parts too large to be one.
public enum XLSXReader {
    public enum Failure: Error, Equatable {
        case notAWorkbook
        case tooLarge
        case noSheet
    }

    /// One row of the sheet, numbered as Excel numbers it (from 1), cells by column index.
    public struct Row: Sendable, Equatable {
        public var number: Int
        public var cells: [Int: String]
    }

    /// Largest uncompressed part read, counted while inflating: the size an entry declares is
    /// the archive's word and a zip bomb lies about it.
    public static let maximumPartSize = 48 * 1024 * 1024
    /// Rows read at most (a ledger import takes far fewer); more is `tooLarge`.
    public static let maximumRows = 100_000
    /// Columns kept per row (Excel has 16,384); cells further right are not read.
    public static let maximumColumns = 16_384
    /// Largest uncompressed total over every part read from one workbook.
    public static let maximumTotalSize = 96 * 1024 * 1024

    public static func rows(of data: Data) throws -> [Row] {
        guard data.starts(with: [0x50, 0x4B]) else { throw Failure.notAWorkbook }
        let archive: ZipReader
        do { archive = try ZipReader(data) } catch { throw Failure.notAWorkbook }
        var budget = maximumTotalSize
        func part(_ path: String) throws -> Data? {
            do {
                guard let data = try archive.read(path, limit: min(maximumPartSize, budget)) else { return nil }
                budget -= data.count
                return data
            } catch ZipReader.Failure.tooLarge {
                throw Failure.tooLarge
            } catch {
                throw Failure.notAWorkbook
            }
        }
        guard let workbook = try part("xl/workbook.xml") else { throw Failure.notAWorkbook }
        let sheetPath = try firstSheetPath(workbook: workbook, relationships: try part("xl/_rels/workbook.xml.rels"))
        guard let sheet = try part(sheetPath) else { throw Failure.noSheet }
        let strings = try part("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        let dateStyles = try part("xl/styles.xml").map(DateStyles.parse) ?? []
        let uses1904 = String(decoding: workbook, as: UTF8.self).contains("date1904=\"1\"")
            || String(decoding: workbook, as: UTF8.self).contains("date1904=\"true\"")
        return try SheetParser.parse(sheet, strings: strings, dateStyles: Set(dateStyles), uses1904: uses1904)
    }

    /// The first sheet's part, from the workbook and its relationships; sheet1.xml when unsure.
    static func firstSheetPath(workbook: Data, relationships: Data?) throws -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let relationships else { return fallback }
        let sheetId = AttributeScanner.first(element: "sheet", attribute: "r:id", in: workbook)
        guard let sheetId else { throw Failure.noSheet }
        let targets = AttributeScanner.all(element: "Relationship", attributes: ["Id", "Target"], in: relationships)
        guard let target = targets.first(where: { $0["Id"] == sheetId })?["Target"] else { return fallback }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    /// Converts an Excel serial day number to `YYYY-MM-DD` (1900 system with its leap-day bug, or 1904).
    public static func date(fromSerial serial: Double, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = uses1904 ? DateComponents(year: 1904, month: 1, day: 1) : DateComponents(year: 1899, month: 12, day: 30)
        guard let start = calendar.date(from: epoch) else { return nil }
        // In the 1900 system serials before 61 are shifted by Lotus's phantom 1900-02-29.
        let offset = !uses1904 && days < 61 ? days + 1 : days
        guard let date = calendar.date(byAdding: .day, value: offset, to: start) else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
