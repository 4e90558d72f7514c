import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// The asset ledger (资产台账) as a spreadsheet: one row per CI, Chinese headers, the type's own
/// attributes in one 属性 column as `名称=值; 名称=值`. What is exported imports back unchanged.
public enum Ledger {
    /// The ledger's columns after 类型: every common field except the type itself.
    static let fieldColumns: [CIField] = CIField.allCases.filter { $0 != .type }

    public static func header(_ language: AppLanguage) -> [String] {
        let catalog = Catalog.shared
        return [catalog.text(.fieldType, language)] + fieldColumns.map { catalog.text($0.label, language) }
            + [catalog.text(.ledgerAttributes, language)]
    }

    /// Rows of text for `cis`, in the language of the headers (Chinese by default).
    public static func rows(for cis: [CIModel], types: [String: CITypeDefinition], locationPaths: [UUID: String],
                            language: AppLanguage = .zh) -> [[String]] {
        [header(language)] + cis.map { ci in
            let type = types[ci.typeKey]
            var row = [type?.name(in: language) ?? ci.typeKey]
            for field in fieldColumns {
                let value = ci.value(of: field) ?? ""
                switch field {
                case .location: row.append(ci.$location.id.flatMap { locationPaths[$0] } ?? "")
                default: row.append(value.isEmpty ? "" : field.kind.display(value, in: language))
                }
            }
            let attributes = (type?.attributes ?? []).compactMap { definition -> String? in
                guard let value = ci.attributes[definition.key] else { return nil }
                return "\(definition.name(in: language))=\(definition.kind.display(value, in: language))"
            }
            row.append(attributes.joined(separator: "; "))
            return row
        }
    }

    /// The import template: the headers and one example row a person replaces with their own.
    public static func template() throws -> Data {
        let header = header(.zh)
        var example = Array(repeating: "", count: header.count)
        let sample: [CIField: String] = [.name: "核心交换机", .assetTag: "ZB-NET-0001", .vendor: "华为", .model: "S12700E",
                                         .ip: "10.8.0.1", .criticality: "1级", .status: "在用", .warrantyEnd: "2027-06-30",
                                         .notes: "示例行：导入前请替换或删除"]
        example[0] = "交换机"
        for (index, field) in fieldColumns.enumerated() { example[index + 1] = sample[field] ?? "" }
        example[header.count - 1] = "层级=核心; 端口数=48"
        return try XLSXWriter.workbook(sheetName: "资产台账", rows: [header, example])
    }

    /// The ledger as .xlsx: date columns (purchase, warranty, licence…) as real Excel dates.
    public static func workbook(for cis: [CIModel], types: [String: CITypeDefinition], locationPaths: [UUID: String]) throws -> Data {
        let dateColumns = Set(fieldColumns.enumerated().filter { $0.element.kind == .date }.map { $0.offset + 1 })
        let cells = rows(for: cis, types: types, locationPaths: locationPaths).enumerated().map { index, row in
            row.enumerated().map { column, text -> XLSXWriter.Cell in
                guard index > 0, dateColumns.contains(column), let date = CalendarDate(parsing: text) else { return .text(text) }
                return .date(date)
            }
        }
        return try XLSXWriter.workbook(sheetName: "资产台账", cells: cells)
    }
}
