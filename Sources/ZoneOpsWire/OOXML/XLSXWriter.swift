import Foundation
import ZIPFoundation
import ZoneOpsDomain

/// Writes a one-sheet .xlsx workbook (Office Open XML, ECMA-376) that Excel, WPS, LibreOffice and
/// openpyxl open. The first row is the header: bold and frozen. Dates are real Excel dates
/// (serial days shown as yyyy-mm-dd), so they sort and filter as dates; columns are as wide as
/// their content (CJK characters count double), at most 60.
public enum XLSXWriter {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case date(CalendarDate)
    }

    public static func workbook(sheetName: String, rows: [[String]]) throws -> Data {
        try workbook(sheetName: sheetName, cells: rows.map { $0.map(Cell.text) })
    }

    public static func workbook(sheetName: String, cells rows: [[Cell]]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbookXML(sheetName)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheetXML(rows)),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// "A", "B", … "Z", "AA", … for a zero-based column index.
    public static func columnName(_ index: Int) -> String {
        var name = "", n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // XML 1.0 forbids most control characters; drop them rather than write a broken file.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Excel's serial day (1900 system): days since 1899-12-30, for days from 1900-03-01 on.
    public static func serial(of date: CalendarDate) -> Int {
        (CalendarDate(year: 1900, month: 1, day: 1)?.days(until: date) ?? 0) + 2
    }

    /// Display width of a cell in Excel's character units: CJK and full-width characters count 2.
    static func width(_ cell: Cell) -> Int {
        switch cell {
        case .date: 10
        case .text(let text):
            text.split(separator: "\n").map { line in
                line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
            }.max() ?? 0
        }
    }

    static func columns(_ rows: [[Cell]]) -> String {
        let count = rows.map(\.count).max() ?? 0
        guard count > 0 else { return "" }
        var xml = "<cols>"
        for c in 0..<count {
            let widest = rows.compactMap { $0.indices.contains(c) ? width($0[c]) : nil }.max() ?? 8
            xml += #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(min(max(widest + 2, 8), 60))" customWidth="1"/>"#
        }
        return xml + "</cols>"
    }

    static func sheetXML(_ rows: [[Cell]]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        xml += columns(rows)
        xml += "<sheetData>"
        for (r, row) in rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let reference = "\(columnName(c))\(r + 1)"
                switch cell {
                case .text(let value) where value.isEmpty: continue
                case .text(let value):
                    let style = r == 0 ? #" s="1""# : ""
                    xml += #"<c r="\#(reference)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(escape(value))</t></is></c>"#
                case .date(let date):
                    xml += #"<c r="\#(reference)" s="2"><v>\#(serial(of: date))</v></c>"#
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    static func workbookXML(_ name: String) -> String {
        let safe = escape(String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31)))
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\#(safe)" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    }

    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#

    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    static let workbookRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#

    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
}
