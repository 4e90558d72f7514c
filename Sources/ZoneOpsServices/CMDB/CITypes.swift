import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// CI types as data: an admin adds an attribute to a type with no code change.
public enum CITypes {
    public struct NewAttribute: Sendable {
        public var key: String
        public var zh: String
        public var en: String
        public var kind: String
        /// Comma-separated options for a choice (Chinese or English commas).
        public var options: String
        public var required: Bool

        public init(key: String, zh: String, en: String, kind: String, options: String, required: Bool) {
            self.key = key
            self.zh = zh
            self.en = en
            self.kind = kind
            self.options = options
            self.required = required
        }
    }

    public static func addAttribute(to typeKey: String, _ input: NewAttribute, by actor: Actor,
                                    in ctx: ServiceContext) async throws -> CITypeModel {
        let key = input.key.trimmingCharacters(in: .whitespaces)
        guard key.range(of: "^[A-Za-z][A-Za-z0-9]{0,31}$", options: .regularExpression) != nil else {
            throw AppError.invalid(field: "key", .errorAttributeKeyInvalid)
        }
        let zh = input.zh.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...40).contains(zh.count) else { throw AppError.invalid(field: "zh", .attrRequired) }
        let en = input.en.trimmingCharacters(in: .whitespacesAndNewlines)
        let kind = try parseKind(input.kind, options: input.options)
        let definition = AttributeDefinition(key, zh, en.isEmpty ? key : en, kind, required: input.required)
        return try await ctx.audited(actor, action: AuditAction.ciTypeUpdate.rawValue, objectType: "ci_type") { tx in
            guard let type = try await CITypeModel.query(on: tx).filter(\.$key == typeKey).first() else { throw AppError.notFound }
            var attributes = type.definition.attributes
            guard !attributes.contains(where: { $0.key == key }) && !CIField.allCases.map(\.rawValue).contains(key) else {
                throw AppError.conflict(.errorAttributeKeyTaken)
            }
            let before = type.attributesJSON
            attributes.append(definition)
            type.setAttributes(attributes)
            try await type.update(on: tx)
            return (type, typeKey, before, type.attributesJSON)
        }
    }

    static func parseKind(_ raw: String, options: String) throws -> AttributeKind {
        switch raw {
        case "text": return .text
        case "integer": return .integer
        case "decimal": return .decimal
        case "date": return .date
        case "boolean": return .boolean
        case "ipAddress": return .ipAddress
        case "customsCameraCode": return .customsCameraCode
        case "choice":
            let labels = options.replacingOccurrences(of: "，", with: ",").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !labels.isEmpty else { throw AppError.invalid(field: "options", .attrRequired) }
            return .choice(labels.map { AttributeKind.Choice($0, $0, $0) })
        default:
            throw AppError.invalid(field: "kind", .attrNotAChoice)
        }
    }
}
