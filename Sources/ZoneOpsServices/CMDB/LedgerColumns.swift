import Foundation
import ZoneOpsDomain
import ZoneOpsWire

/// How the columns of an uploaded ledger map to CI fields and attributes. Headers are matched
/// by their Chinese or English name or their API key; the 类型 column takes a type's key or name.
struct LedgerColumns {
    private var fields: [Int: CIField] = [:]
    private var attributeColumns: [Int: String] = [:]
    private var attributesColumn: Int?
    private var headers: [Int: String] = [:]
    private(set) var unknown: [String] = []
    private let typesByName: [String: CITypeDefinition]
    private let language: AppLanguage

    init(header: XLSXReader.Row, types: [CITypeDefinition], language: AppLanguage = .zh) {
        self.language = language
        var byName: [String: CITypeDefinition] = [:]
        for type in types { byName[type.key] = type; byName[type.zh] = type; byName[type.en.lowercased()] = type }
        typesByName = byName
        let catalog = Catalog.shared
        var known: [String: CIField] = [:]
        for field in CIField.allCases {
            known[catalog.text(field.label, .zh)] = field
            known[catalog.text(field.label, .en).lowercased()] = field
            known[field.rawValue.lowercased()] = field
        }
        known["locationid"] = .location
        let attributeNames = Set(types.flatMap { $0.attributes.flatMap { [$0.zh, $0.key.lowercased(), $0.en.lowercased()] } })
        for (column, raw) in header.cells {
            let text = raw.trimmingCharacters(in: .whitespaces)
            headers[column] = text
            if let field = known[text] ?? known[text.lowercased()] {
                fields[column] = field
            } else if text == catalog.text(.ledgerAttributes, .zh)
                        || ["attributes", catalog.text(.ledgerAttributes, .en).lowercased()].contains(text.lowercased()) {
                attributesColumn = column
            } else if attributeNames.contains(text) || attributeNames.contains(text.lowercased()) {
                attributeColumns[column] = text
            } else {
                unknown.append(text)
            }
        }
    }

    func has(_ field: CIField) -> Bool { fields.values.contains(field) }

    /// A row's input: fields by column, attributes from named columns and the 属性 column.
    func input(from row: XLSXReader.Row) -> CMDB.CIInput {
        var input = CMDB.CIInput()
        for (column, field) in fields { input.fields[field] = row.cells[column] ?? "" }
        let typeText = input.fields[.type] ?? ""
        let type = typesByName[typeText] ?? typesByName[typeText.lowercased()]
        if let type { input.fields[.type] = type.key }
        var named: [String: String] = [:]
        if let column = attributesColumn, let text = row.cells[column] {
            for pair in text.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "\n" }) {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2 { named[parts[0]] = parts[1] }
            }
        }
        for (column, name) in attributeColumns { if let value = row.cells[column] { named[name] = value } }
        for (name, value) in named {
            let key = type?.attributes.first { $0.zh == name || $0.key == name || $0.en.lowercased() == name.lowercased() }?.key ?? name
            input.attributes[key] = value
        }
        return input
    }

    /// The header text of a field (or `attributes.<key>`) in this file.
    func header(for field: String) -> String {
        if field.hasPrefix("attributes.") {
            return attributesColumn.flatMap { headers[$0] }.map { "\($0):\(field.dropFirst(11))" } ?? String(field.dropFirst(11))
        }
        guard let ciField = CIField(rawValue: field), let column = fields.first(where: { $0.value == ciField })?.key else { return field }
        return headers[column] ?? field
    }

    /// What the row holds for a field (or `attributes.<key>`): the value a row error shows.
    func value(of field: String, in row: XLSXReader.Row) -> String? {
        if field.hasPrefix("attributes.") { return input(from: row).attributes[String(field.dropFirst(11))] }
        guard let ciField = CIField(rawValue: field), let column = fields.first(where: { $0.value == ciField })?.key else { return nil }
        return row.cells[column]
    }

    func errors(for error: AppError, row: XLSXReader.Row) -> [LedgerImport.RowError] {
        func rowError(_ field: String, _ message: String) -> LedgerImport.RowError {
            LedgerImport.RowError(row: row.number, column: header(for: field), message: message, value: value(of: field, in: row))
        }
        switch error {
        case .invalidFields(let problems):
            return problems.map { rowError($0.field, Catalog.shared.text($0.text, language)) }
        case .invalid(let field, let text):
            return [rowError(field, Catalog.shared.text(text, language))]
        case .conflict(let text):
            return [rowError(CIField.assetTag.rawValue, Catalog.shared.text(text, language))]
        default:
            return [LedgerImport.RowError(row: row.number, column: "", message: error.message(in: language))]
        }
    }
}
