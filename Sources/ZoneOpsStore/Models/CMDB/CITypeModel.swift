import FluentKit
import Foundation
import ZoneOpsDomain

/// A CI type as stored: built-in ones are seeded, admins add attributes and types.
public final class CITypeModel: Model, @unchecked Sendable {
    public static let schema = "ci_types"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "name_zh") public var nameZh: String
    @Field(key: "name_en") public var nameEn: String
    @Field(key: "domain") public var domain: String
    /// `[AttributeDefinition]` as JSON.
    @Field(key: "attributes") public var attributesJSON: String
    @Field(key: "built_in") public var builtIn: Bool

    public init() {}

    public init(_ definition: CITypeDefinition, builtIn: Bool) {
        key = definition.key
        nameZh = definition.zh
        nameEn = definition.en
        domain = definition.domain.rawValue
        attributesJSON = Self.encode(definition.attributes)
        self.builtIn = builtIn
    }

    public var definition: CITypeDefinition {
        let attributes = (try? JSONDecoder().decode([AttributeDefinition].self, from: Data(attributesJSON.utf8))) ?? []
        return CITypeDefinition(key, nameZh, nameEn, CIDomain(rawValue: domain) ?? .application, attributes)
    }

    static func encode(_ attributes: [AttributeDefinition]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(attributes)) ?? Data("[]".utf8), as: UTF8.self)
    }

    public func setAttributes(_ attributes: [AttributeDefinition]) { attributesJSON = Self.encode(attributes) }
}
