import Foundation
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// A JSON value the API accepts where text is meant: strings, numbers and booleans alike
/// (`"criticality": 2` and `"criticality": "2"` both work).
struct LooseText: Codable, Sendable {
    var text: String

    init(text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) { text = string }
        else if let int = try? container.decode(Int.self) { text = String(int) }
        else if let double = try? container.decode(Double.self) { text = String(double) }
        else if let bool = try? container.decode(Bool.self) { text = bool ? "true" : "false" }
        else if container.decodeNil() { text = "" }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected text, a number or a boolean") }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// The body of `POST /api/v1/cis` and `PATCH /api/v1/cis/{id}`: the common fields by their API
/// names (`locationId` for the location), and `attributes`. An empty string clears a field.
struct CIRequest: Decodable {
    var fields: [CIField: String] = [:]
    var attributes: [String: String] = [:]
    var credential: String?

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "credential" {
                credential = try container.decode(LooseText.self, forKey: key).text
            } else if key.stringValue == "attributes" {
                attributes = try container.decode([String: LooseText].self, forKey: key).mapValues(\.text)
            } else if let field = key.stringValue == "locationId" ? CIField.location : CIField(rawValue: key.stringValue) {
                fields[field] = try container.decode(LooseText.self, forKey: key).text
            } else {
                throw AppError.invalid(field: key.stringValue, .attrUnknown)
            }
        }
    }

    var input: CMDB.CIInput { CMDB.CIInput(fields: fields, attributes: attributes, credential: credential) }
}

struct CIDTO: Content {
    var id: String
    var type: String
    var typeName: String?
    var name: String
    var assetTag: String?
    var vendor: String?
    var model: String?
    var serialNumber: String?
    var locationId: String?
    var location: String?
    var rackPosition: String?
    var ip: String?
    var hostname: String?
    var criticality: Int
    var customsCritical: Bool
    var status: String
    var state: String
    var firmware: String?
    var purchaseDate: String?
    var warrantyEnd: String?
    var licenceEnd: String?
    var certificateEnd: String?
    var notes: String?
    var attributes: [String: String]
    /// Whether a management credential is stored (`GET …/credential` reveals it, audited).
    var hasCredential: Bool
    var createdAt: Date?
    var updatedAt: Date?

    init(_ ci: CIModel, typeName: String? = nil, location: String? = nil) {
        id = ci.id?.uuidString ?? ""
        type = ci.typeKey
        self.typeName = typeName
        name = ci.name
        assetTag = ci.assetTag
        vendor = ci.vendor
        model = ci.model
        serialNumber = ci.serialNumber
        locationId = ci.$location.id?.uuidString
        self.location = location
        rackPosition = ci.rackPosition
        ip = ci.ip
        hostname = ci.hostname
        criticality = ci.criticality
        customsCritical = ci.customsCritical
        status = ci.status
        state = ci.state
        firmware = ci.firmware
        purchaseDate = ci.purchaseDate
        warrantyEnd = ci.warrantyEnd
        licenceEnd = ci.licenceEnd
        certificateEnd = ci.certificateEnd
        notes = ci.notes
        attributes = ci.attributes
        hasCredential = ci.sealedCredential != nil
        createdAt = ci.createdAt
        updatedAt = ci.updatedAt
    }
}

struct CITypeDTO: Content {
    var key: String
    var name: String
    var nameEn: String
    var domain: String
    var builtIn: Bool
    var attributes: [AttributeDefinition]

    init(_ model: CITypeModel) {
        key = model.key
        name = model.nameZh
        nameEn = model.nameEn
        domain = model.domain
        builtIn = model.builtIn
        attributes = model.definition.attributes
    }
}

struct LocationDTO: Content {
    var id: String
    var parentId: String?
    var kind: String
    var name: String
    var code: String?
    var path: String
}

struct RelationDTO: Content {
    var id: String
    var type: String
    var sourceId: String
    var targetId: String
    var port: String?
}

struct ImpactDTO: Content {
    struct Item: Content {
        var id: String
        var name: String
        var type: String
        var state: String
        var depth: Int
        /// From the failed CI to this one: ids, and the relation of each step.
        var path: [String]
        var pathNames: [String]
        var via: [String]
    }

    var ci: String
    /// The nearest affected CIs, at most `limit` of them.
    var items: [Item]
    /// How many CIs are affected in all.
    var total: Int
    /// Affected CIs counted by type key.
    var byType: [String: Int]
    var milliseconds: Double

    init(_ result: Impact.Result) {
        ci = result.ci
        items = result.items.map {
            Item(id: $0.id, name: $0.name, type: $0.type, state: $0.state, depth: $0.depth, path: $0.path,
                 pathNames: $0.pathNames, via: $0.via)
        }
        total = result.total
        byType = result.byType
        milliseconds = result.milliseconds
    }
}

struct StatusChangeDTO: Content {
    var from: String?
    var to: String
    var at: Date
    var actor: String
    var note: String?
}
