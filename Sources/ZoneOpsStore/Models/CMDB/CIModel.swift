import FluentKit
import Foundation
import ZoneOpsDomain

/// A configuration item: the common attributes of DOMAIN.md as columns, its type's own
/// attributes as JSON. Day dates are `YYYY-MM-DD` text so both databases sort them alike.
public final class CIModel: Model, @unchecked Sendable {
    public static let schema = "cis"

    @ID(key: .id) public var id: UUID?
    @Field(key: "type_key") public var typeKey: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "asset_tag") public var assetTag: String?
    @OptionalField(key: "vendor") public var vendor: String?
    @OptionalField(key: "model") public var model: String?
    @OptionalField(key: "serial_number") public var serialNumber: String?
    @OptionalParent(key: "location_id") public var location: LocationModel?
    @OptionalField(key: "rack_position") public var rackPosition: String?
    @OptionalField(key: "ip") public var ip: String?
    @OptionalField(key: "hostname") public var hostname: String?
    @OptionalField(key: "management_protocol") public var managementProtocol: String?
    @OptionalField(key: "owner_group") public var ownerGroup: String?
    @Field(key: "criticality") public var criticality: Int
    @Field(key: "customs_critical") public var customsCritical: Bool
    @Field(key: "status") public var status: String
    @Field(key: "state") public var state: String
    @OptionalField(key: "firmware") public var firmware: String?
    @OptionalField(key: "purchase_date") public var purchaseDate: String?
    @OptionalField(key: "warranty_end") public var warrantyEnd: String?
    @OptionalField(key: "licence_end") public var licenceEnd: String?
    @OptionalField(key: "certificate_end") public var certificateEnd: String?
    @OptionalField(key: "last_password_rotation") public var lastPasswordRotation: String?
    @OptionalField(key: "last_config_backup") public var lastConfigBackup: String?
    @OptionalField(key: "notes") public var notes: String?
    /// The management credential, sealed by `SecretBox`; never sent to a client as stored.
    @OptionalField(key: "credential") public var sealedCredential: String?
    /// The type's own attributes, `{"key":"value"}`.
    @Field(key: "attributes") public var attributesJSON: String
    /// Lower-cased name, tag, serial, IP, vendor, model and attribute values, for substring search.
    @Field(key: "search_text") public var searchText: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var attributes: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(attributesJSON.utf8))) ?? [:] }
        set {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            attributesJSON = String(decoding: (try? encoder.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self)
        }
    }

    public var lifecycle: LifecycleStatus { LifecycleStatus(rawValue: status) ?? .inUse }
    public var operationalState: OperationalState { OperationalState(rawValue: state) ?? .unknown }

    /// Rebuilds `searchText` from the searchable fields.
    public func refreshSearchText() {
        let parts = [name, assetTag, serialNumber, ip, hostname, vendor, model, notes].compactMap { $0 }
            + attributes.values.sorted()
        searchText = parts.joined(separator: " ").lowercased()
    }
}

/// Ledger imports insert CIs many per statement through the bulk path (`insertRow(deferred:)`).
extension CIModel: ExplicitRow {
    public static let insertOrder = 2

    public var row: [(column: String, value: any Encodable & Sendable)] {
        [("id", id), ("type_key", typeKey), ("name", name), ("asset_tag", assetTag), ("vendor", vendor), ("model", model),
         ("serial_number", serialNumber), ("location_id", $location.id), ("rack_position", rackPosition), ("ip", ip),
         ("hostname", hostname), ("management_protocol", managementProtocol), ("owner_group", ownerGroup),
         ("criticality", criticality), ("customs_critical", customsCritical), ("status", status), ("state", state),
         ("firmware", firmware), ("purchase_date", purchaseDate), ("warranty_end", warrantyEnd), ("licence_end", licenceEnd),
         ("certificate_end", certificateEnd), ("last_password_rotation", lastPasswordRotation),
         ("last_config_backup", lastConfigBackup), ("notes", notes), ("credential", sealedCredential),
         ("attributes", attributesJSON), ("search_text", searchText), ("created_at", createdAt), ("updated_at", updatedAt)]
    }
}
