/// The 20-digit customs video device code (DOMAIN.md): 1–4 customs district, 5–7 site serial,
/// 8 controlling party (1 customs, 5 enterprise), 9–10 industry `10`, 11–13 device type
/// (`131` camera, `132` IP camera), 14–15 site class (`35` comprehensive bonded zone), 16–20 number.
public struct CustomsCameraCode: Equatable, Sendable {
    public let district: String
    public let site: String
    public let controlledByCustoms: Bool
    public let deviceType: String
    public let siteClass: String
    public let number: String

    public static func validate(_ code: String) -> Result<CustomsCameraCode, AttributeProblem> {
        let digits = Array(code)
        guard digits.count == 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.cameraCodeLength) }
        func slice(_ from: Int, _ to: Int) -> String { String(digits[(from - 1)..<to]) }
        guard ["1", "5"].contains(slice(8, 8)) else { return .failure(.cameraCodeController) }
        guard slice(9, 10) == "10" else { return .failure(.cameraCodeIndustry) }
        guard ["131", "132"].contains(slice(11, 13)) else { return .failure(.cameraCodeDeviceType) }
        return .success(CustomsCameraCode(district: slice(1, 4), site: slice(5, 7), controlledByCustoms: slice(8, 8) == "1",
                                          deviceType: slice(11, 13), siteClass: slice(14, 15), number: slice(16, 20)))
    }
}
