import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/sharedStrings.xml`: the text of each `<si>`, rich-text runs joined.
enum SharedStrings {
    static func parse(_ data: Data) -> [String] {
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.strings
    }

    final class Delegate: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current = ""
        private var inText = false
        private var inPhonetic = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "t": inText = false
            case "rPh": inPhonetic = false
            case "si": strings.append(current)
            default: break
            }
        }
    }
}

/// `xl/styles.xml`: the indices of cell styles whose number format is a date.
enum DateStyles {
    /// Built-in number formats that are dates (ECMA-376 §18.8.30), and common CJK ones.
    static let builtInDates: Set<Int> = Set(14...22).union(45...47).union([27, 30, 36, 50, 57, 58])

    static func parse(_ data: Data) -> [Int] {
        let formats = AttributeScanner.all(element: "numFmt", attributes: ["numFmtId", "formatCode"], in: data)
        var dateFormats = builtInDates
        for format in formats {
            guard let id = format["numFmtId"].flatMap(Int.init), let code = format["formatCode"] else { continue }
            if isDateFormat(code) { dateFormats.insert(id) }
        }
        // Only the <xf> inside <cellXfs> count, in order.
        let text = String(decoding: data, as: UTF8.self)
        guard let start = text.range(of: "<cellXfs"), let end = text.range(of: "</cellXfs>", range: start.upperBound..<text.endIndex)
        else { return [] }
        let section = Data(text[start.lowerBound..<end.upperBound].utf8)
        return AttributeScanner.all(element: "xf", attributes: ["numFmtId"], in: section).enumerated().compactMap { index, xf in
            guard let id = xf["numFmtId"].flatMap(Int.init), dateFormats.contains(id) else { return nil }
            return index
        }
    }

    /// A format code that shows a date: it has y, m or d outside quotes and brackets, and is not elapsed time.
    static func isDateFormat(_ code: String) -> Bool {
        var plain = "", quoted = false, bracket = false
        for ch in code {
            if ch == "\"" { quoted.toggle(); continue }
            if ch == "[" { bracket = true; continue }
            if ch == "]" { bracket = false; continue }
            if !quoted && !bracket { plain.append(ch) }
        }
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("h") && !lower.contains("s"))
            || code.contains("年") || code.contains("月") || code.contains("日")
    }
}

/// Finds attributes of elements in a small XML part without building a tree.
enum AttributeScanner {
    static func all(element: String, attributes: [String], in data: Data) -> [[String: String]] {
        let delegate = Delegate(element: element, wanted: Set(attributes))
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.found
    }

    static func first(element: String, attribute: String, in data: Data) -> String? {
        all(element: element, attributes: [attribute], in: data).first?[attribute]
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let element: String
        let wanted: Set<String>
        var found: [[String: String]] = []

        init(element: String, wanted: Set<String>) {
            self.element = element
            self.wanted = wanted
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            guard local == element else { return }
            found.append(attributes.filter { wanted.contains($0.key) })
        }
    }
}
