import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension CIModel {
    /// Writes already-validated common fields (nil clears). `type` and `location` are set by the caller.
    func apply(_ fields: [CIField: String?]) {
        for (field, value) in fields {
            switch field {
            case .type, .location: break
            case .name: name = value ?? name
            case .assetTag: assetTag = value
            case .vendor: vendor = value
            case .model: model = value
            case .serialNumber: serialNumber = value
            case .rackPosition: rackPosition = value
            case .ip: ip = value
            case .hostname: hostname = value
            case .managementProtocol: managementProtocol = value
            case .ownerGroup: ownerGroup = value
            case .criticality: criticality = value.flatMap(Int.init) ?? criticality
            case .customsCritical: customsCritical = value.map { $0 == "true" } ?? customsCritical
            case .status: status = value ?? status
            case .state: state = value ?? state
            case .firmware: firmware = value
            case .purchaseDate: purchaseDate = value
            case .warrantyEnd: warrantyEnd = value
            case .licenceEnd: licenceEnd = value
            case .certificateEnd: certificateEnd = value
            case .lastPasswordRotation: lastPasswordRotation = value
            case .lastConfigBackup: lastConfigBackup = value
            case .notes: notes = value
            }
        }
    }

    /// The value of a common field as text (for exports, forms and the API).
    public func value(of field: CIField) -> String? {
        switch field {
        case .type: typeKey
        case .name: name
        case .assetTag: assetTag
        case .vendor: vendor
        case .model: model
        case .serialNumber: serialNumber
        case .location: $location.id?.uuidString
        case .rackPosition: rackPosition
        case .ip: ip
        case .hostname: hostname
        case .managementProtocol: managementProtocol
        case .ownerGroup: ownerGroup
        case .criticality: String(criticality)
        case .customsCritical: customsCritical ? "true" : "false"
        case .status: status
        case .state: state
        case .firmware: firmware
        case .purchaseDate: purchaseDate
        case .warrantyEnd: warrantyEnd
        case .licenceEnd: licenceEnd
        case .certificateEnd: certificateEnd
        case .lastPasswordRotation: lastPasswordRotation
        case .lastConfigBackup: lastConfigBackup
        case .notes: notes
        }
    }
}
