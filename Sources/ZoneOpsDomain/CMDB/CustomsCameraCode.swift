/// The 20-digit customs video device code (DOMAIN.md): 1–4 customs district, 5–7 site serial,
/// 8 controlling party, 9–10 industry `10`, 11–13 device type (`131` camera, `132` IP camera),
/// 14–15 site class (`35` comprehensive bonded zone), 16–17 mounting position (`03` inspection
/// platform, …), 18–20 camera number at that position. Digits 9–13 sit where GB/T 28181 keeps a
/// device's type, so the code can serve as the GB/T 28181 channel id.
public struct CustomsCameraCode: Equatable, Sendable {
    /// Digit 8: who controls the camera.
    public enum Controller: String, CaseIterable, Sendable {
        case customs = "1", publicSecurity = "2", borderDefence = "3", enterprise = "5", other = "6"
    }

    public let district: String
    public let site: String
    public let controller: Controller
    public let deviceType: String
    public let siteClass: String
    /// Digits 16–17: where the camera is mounted.
    public let position: String
    /// Digits 18–20: the camera's number at that position.
    public let number: String

    public var controlledByCustoms: Bool { controller == .customs }

    public static func validate(_ code: String) -> Result<CustomsCameraCode, AttributeProblem> {
        let digits = Array(code)
        guard digits.count == 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.cameraCodeLength) }
        func slice(_ from: Int, _ to: Int) -> String { String(digits[(from - 1)..<to]) }
        guard let controller = Controller(rawValue: slice(8, 8)) else { return .failure(.cameraCodeController) }
        guard slice(9, 10) == "10" else { return .failure(.cameraCodeIndustry) }
        guard ["131", "132"].contains(slice(11, 13)) else { return .failure(.cameraCodeDeviceType) }
        return .success(CustomsCameraCode(district: slice(1, 4), site: slice(5, 7), controller: controller,
                                          deviceType: slice(11, 13), siteClass: slice(14, 15), position: slice(16, 17),
                                          number: slice(18, 20)))
    }
}
