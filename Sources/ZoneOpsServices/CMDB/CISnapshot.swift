import Foundation
import ZoneOpsStore
import ZoneOpsWire

/// What the audit log keeps of a CI: every field and attribute, before and after.
struct CISnapshot: Codable {
    var type: String
    var name: String
    var assetTag: String?
    var serialNumber: String?
    var ip: String?
    var locationId: String?
    var status: String
    var state: String
    var criticality: Int
    var attributes: [String: String]
    var dates: [String: String]
    /// Whether a credential is stored, and a fingerprint that changes with it; never the secret.
    var credential: String?

    init(_ ci: CIModel) {
        type = ci.typeKey
        name = ci.name
        assetTag = ci.assetTag
        serialNumber = ci.serialNumber
        ip = ci.ip
        locationId = ci.$location.id?.uuidString
        status = ci.status
        state = ci.state
        criticality = ci.criticality
        attributes = ci.attributes
        dates = ["purchaseDate": ci.purchaseDate, "warrantyEnd": ci.warrantyEnd, "licenceEnd": ci.licenceEnd,
                 "certificateEnd": ci.certificateEnd].compactMapValues { $0 }
        credential = ci.sealedCredential.map { "set:" + String(SecureDigest.sha256Hex($0).prefix(8)) }
    }
}
