import Foundation

/// What kind of value a CI attribute holds; each kind validates and normalises its input.
public enum AttributeKind: Codable, Sendable, Equatable {
    case text
    case integer
    case decimal
    case date
    case boolean
    case ipAddress
    case customsCameraCode
    case choice([Choice])

    /// One option of a choice: a stable code and its names. Input may use any of the three.
    public struct Choice: Codable, Sendable, Equatable {
        public var code: String
        public var zh: String
        public var en: String

        public init(_ code: String, _ zh: String, _ en: String) {
            self.code = code
            self.zh = zh
            self.en = en
        }
    }

    /// The normalised value, or the reason it is not one (a catalog key).
    public func normalize(_ raw: String) -> Result<String, AttributeProblem> {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .text:
            return value.count <= 500 ? .success(value) : .failure(.tooLong)
        case .integer:
            return Int(value).map { .success(String($0)) } ?? .failure(.notInteger)
        case .decimal:
            return Double(value).map { _ in .success(value) } ?? .failure(.notNumber)
        case .date:
            return CalendarDate(parsing: value).map { .success($0.description) } ?? .failure(.notDate)
        case .boolean:
            switch value.lowercased() {
            case "true", "1", "yes", "是", "y": return .success("true")
            case "false", "0", "no", "否", "n": return .success("false")
            default: return .failure(.notBoolean)
            }
        case .ipAddress:
            return IPAddress.normalize(value).map { .success($0) } ?? .failure(.notIPAddress)
        case .customsCameraCode:
            return CustomsCameraCode.validate(value).map { _ in value }
        case .choice(let options):
            let folded = value.lowercased()
            let match = options.first { $0.code.lowercased() == folded || $0.zh == value || $0.en.lowercased() == folded }
            return match.map { .success($0.code) } ?? .failure(.notAChoice)
        }
    }
}

/// Why an attribute value was refused.
public enum AttributeProblem: Error, Equatable, Sendable {
    case tooLong, notInteger, notNumber, notDate, notBoolean, notIPAddress, notAChoice, required, unknownAttribute
    case cameraCodeLength, cameraCodeController, cameraCodeIndustry, cameraCodeDeviceType

    public var text: TextKey {
        switch self {
        case .tooLong: .attrTooLong
        case .notInteger: .attrNotInteger
        case .notNumber: .attrNotNumber
        case .notDate: .attrNotDate
        case .notBoolean: .attrNotBoolean
        case .notIPAddress: .attrNotIP
        case .notAChoice: .attrNotAChoice
        case .required: .attrRequired
        case .unknownAttribute: .attrUnknown
        case .cameraCodeLength: .cameraCodeLength
        case .cameraCodeController: .cameraCodeController
        case .cameraCodeIndustry: .cameraCodeIndustry
        case .cameraCodeDeviceType: .cameraCodeDeviceType
        }
    }
}
