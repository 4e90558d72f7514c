/// The common fields every CI has (DOMAIN.md), with how each is checked. One list serves the
/// API, the browser form and the asset ledger (Excel), so all three accept the same things.
public enum CIField: String, CaseIterable, Codable, Sendable {
    case type, name, assetTag, vendor, model, serialNumber, location, rackPosition, ip, hostname
    case managementProtocol, ownerGroup, criticality, customsCritical, status, state, firmware
    case purchaseDate, warrantyEnd, licenceEnd, certificateEnd, lastPasswordRotation, lastConfigBackup, notes

    public var label: TextKey {
        switch self {
        case .type: .fieldType
        case .name: .fieldName
        case .assetTag: .fieldAssetTag
        case .vendor: .fieldVendor
        case .model: .fieldModel
        case .serialNumber: .fieldSerialNumber
        case .location: .fieldLocation
        case .rackPosition: .fieldRackPosition
        case .ip: .fieldIP
        case .hostname: .fieldHostname
        case .managementProtocol: .fieldManagementProtocol
        case .ownerGroup: .fieldOwnerGroup
        case .criticality: .fieldCriticality
        case .customsCritical: .fieldCustomsCritical
        case .status: .fieldStatus
        case .state: .fieldState
        case .firmware: .fieldFirmware
        case .purchaseDate: .fieldPurchaseDate
        case .warrantyEnd: .fieldWarrantyEnd
        case .licenceEnd: .fieldLicenceEnd
        case .certificateEnd: .fieldCertificateEnd
        case .lastPasswordRotation: .fieldLastPasswordRotation
        case .lastConfigBackup: .fieldLastConfigBackup
        case .notes: .fieldNotes
        }
    }

    /// How the value is checked. `type` and `location` are resolved against stored data by the caller.
    public var kind: AttributeKind {
        switch self {
        case .ip: .ipAddress
        case .criticality: .choice((1...4).map { .init(String($0), "\($0)级", "level \($0)") })
        case .customsCritical: .boolean
        case .status: .choice([.init("in_use", "在用", "in use"), .init("spare", "备用", "spare"),
                               .init("repair", "维修", "in repair"), .init("retired", "报废", "retired")])
        case .state: .choice([.init("up", "正常", "up"), .init("degraded", "降级", "degraded"), .init("down", "故障", "down"),
                              .init("unknown", "未知", "unknown"), .init("maintenance", "维护", "maintenance")])
        case .purchaseDate, .warrantyEnd, .licenceEnd, .certificateEnd, .lastPasswordRotation, .lastConfigBackup: .date
        default: .text
        }
    }

    /// Fields that always have a value: an empty input leaves them as they are.
    static let keepWhenEmpty: Set<CIField> = [.criticality, .customsCritical, .status, .state]

    /// The fields whose dates are tracked for expiry (warranty, licence, certificate).
    public static let expiring: [CIField] = [.warrantyEnd, .licenceEnd, .certificateEnd]

    /// Checks a set of field values. An empty string clears a field (nil in the result);
    /// on create, `type` and `name` are required. Every problem is reported with its field.
    public static func validate(_ values: [CIField: String], creating: Bool) -> Result<[CIField: String?], FieldErrors> {
        var clean: [CIField: String?] = [:]
        var problems: [(field: CIField, problem: AttributeProblem)] = []
        for field in CIField.allCases {
            guard let raw = values[field] else {
                if creating && (field == .type || field == .name) { problems.append((field, .required)) }
                continue
            }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                if field == .type || field == .name {
                    problems.append((field, .required))
                } else if !CIField.keepWhenEmpty.contains(field) {
                    clean[field] = .some(nil)
                }
                continue
            }
            switch field.kind.normalize(trimmed) {
            case .success(let value): clean[field] = .some(value)
            case .failure(let problem): problems.append((field, problem))
            }
        }
        return problems.isEmpty ? .success(clean) : .failure(FieldErrors(problems: problems))
    }
}

/// Every common-field problem of one CI, in field order.
public struct FieldErrors: Error, Sendable, Equatable {
    public var problems: [(field: CIField, problem: AttributeProblem)]

    public static func == (a: FieldErrors, b: FieldErrors) -> Bool {
        a.problems.map(\.field) == b.problems.map(\.field) && a.problems.map(\.problem) == b.problems.map(\.problem)
    }
}
