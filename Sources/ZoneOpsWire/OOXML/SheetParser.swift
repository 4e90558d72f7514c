import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams a worksheet part into rows of display text.
enum SheetParser {
    static func parse(_ data: Data, strings: [String], dateStyles: Set<Int>, uses1904: Bool) throws -> [XLSXReader.Row] {
        let delegate = Delegate(strings: strings, dateStyles: dateStyles, uses1904: uses1904)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw delegate.tooManyRows ? XLSXReader.Failure.tooLarge : XLSXReader.Failure.notAWorkbook
        }
        return delegate.rows
    }

    /// "BC12" → column index 54 (zero-based); nil past Excel's last column (XFD), so a made-up
    /// reference of a hundred letters neither overflows nor names a column.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, seen = false
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            guard index <= XLSXReader.maximumColumns else { return nil }
            index = index * 26 + Int(scalar.value - 64)
            seen = true
        }
        return seen ? index - 1 : nil
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let strings: [String]
        let dateStyles: Set<Int>
        let uses1904: Bool
        var rows: [XLSXReader.Row] = []
        var tooManyRows = false
        private var row: XLSXReader.Row?
        private var cellType = "", cellStyle = 0, cellColumn = 0, nextColumn = 0
        private var value = "", inValue = false

        init(strings: [String], dateStyles: Set<Int>, uses1904: Bool) {
            self.strings = strings
            self.dateStyles = dateStyles
            self.uses1904 = uses1904
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "row":
                guard rows.count < XLSXReader.maximumRows else {
                    tooManyRows = true
                    parser.abortParsing()
                    return
                }
                let number = attributes["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
                row = XLSXReader.Row(number: number, cells: [:])
                nextColumn = 0
            case "c":
                cellType = attributes["t"] ?? "n"
                cellStyle = attributes["s"].flatMap(Int.init) ?? 0
                cellColumn = attributes["r"].flatMap(SheetParser.columnIndex) ?? nextColumn
                nextColumn = cellColumn + 1
                value = ""
            case "v", "t":
                inValue = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { value += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t": inValue = false
            case "c":
                guard cellColumn < XLSXReader.maximumColumns, let text = display(), !text.isEmpty else { break }
                row?.cells[cellColumn] = text
            case "row": if let row { rows.append(row) }; row = nil
            default: break
            }
        }

        private func display() -> String? {
            switch cellType {
            case "s": return Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil }
            case "b": return value == "1" ? "TRUE" : "FALSE"
            case "str", "inlineStr": return value
            case "e": return nil
            default:
                guard let number = Double(value) else { return value }
                if dateStyles.contains(cellStyle) { return XLSXReader.date(fromSerial: number, uses1904: uses1904) }
                if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
                return value
            }
        }
    }
}
