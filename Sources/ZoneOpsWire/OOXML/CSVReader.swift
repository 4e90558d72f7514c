import Foundation

/// Reads CSV (RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF) in UTF-8, with
/// or without a byte-order mark, into the same rows as `XLSXReader`.
public enum CSVReader {
    public enum Failure: Error, Equatable {
        case notUTF8
        /// More rows than `XLSXReader.maximumRows`.
        case tooLarge
    }

    public static func rows(of data: Data) throws -> [XLSXReader.Row] {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else { throw Failure.notUTF8 }
        var rows: [XLSXReader.Row] = []
        var cells: [Int: String] = [:]
        var field = "", column = 0, number = 1, quoted = false, atFieldStart = true
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() {
            let value = field.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty, column < XLSXReader.maximumColumns { cells[column] = value }
            field = ""
            column += 1
            atFieldStart = true
        }
        func endRow() {
            endField()
            if !cells.isEmpty { rows.append(XLSXReader.Row(number: number, cells: cells)) }
            cells = [:]
            column = 0
            number += 1
        }
        while let scalar = pending ?? iterator.next() {
            guard rows.count <= XLSXReader.maximumRows else { throw Failure.tooLarge }
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where atFieldStart: quoted = true; atFieldStart = false
            case ",": endField()
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRow()
            case "\n": endRow()
            default: field.unicodeScalars.append(scalar); atFieldStart = false
            }
        }
        if !field.isEmpty || !cells.isEmpty || column > 0 { endRow() }
        guard rows.count <= XLSXReader.maximumRows else { throw Failure.tooLarge }
        return rows
    }
}
