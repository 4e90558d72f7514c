extension Catalog {
    static let cmdb: [TextKey: Entry] = .table([
        .attrTooLong: ("内容过长（最多500个字符）。", "Too long (500 characters at most)."),
        .attrNotInteger: ("应为整数，例如 24。", "Must be a whole number, such as 24."),
        .attrNotNumber: ("应为数字，例如 12.5。", "Must be a number, such as 12.5."),
        .attrNotDate: ("应为日期，格式 2026-06-30。", "Must be a date such as 2026-06-30."),
        .attrNotBoolean: ("应为“是”或“否”。", "Must be yes or no."),
        .attrNotIP: ("不是有效的 IP 地址，例如 10.8.1.20。", "Not a valid IP address, such as 10.8.1.20."),
        .attrNotAChoice: ("不是可选的值之一。", "Not one of the allowed values."),
        .attrRequired: ("此项必填。", "Required."),
        .attrUnknown: ("该类型没有这个属性。", "This type has no such attribute."),
        .cameraCodeLength: ("海关视频编码应为20位数字。", "A customs camera code is 20 digits."),
        .cameraCodeController: ("第8位应为1（海关控制）或5（企业控制）。", "Digit 8 must be 1 (customs) or 5 (enterprise)."),
        .cameraCodeIndustry: ("第9–10位行业编码应为10。", "Digits 9–10 (industry) must be 10."),
        .cameraCodeDeviceType: ("第11–13位设备类型应为131（摄像机）或132（网络摄像机）。", "Digits 11–13 must be 131 (camera) or 132 (IP camera)."),
    ])
}
