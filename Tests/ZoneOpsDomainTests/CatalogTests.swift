import Foundation
import XCTest
@testable import ZoneOpsDomain

final class CatalogTests: XCTestCase {
    func testEveryKeyHasChineseAndEnglishWithTheSamePlaceholders() throws {
        let catalog = Catalog.shared
        for key in TextKey.allCases {
            let entry = try XCTUnwrap(catalog.entries[key], "\(key) is missing from the catalog")
            XCTAssertFalse(entry.zh.isEmpty, "\(key) zh")
            XCTAssertFalse(entry.en.isEmpty, "\(key) en")
            XCTAssertEqual(placeholders(entry.zh), placeholders(entry.en), "\(key) placeholders")
            XCTAssertTrue(entry.zh.unicodeScalars.contains { $0.value >= 0x4E00 } || entry.zh == entry.en || entry.zh.contains("ZoneOps"),
                          "\(key) has Chinese text")
        }
    }

    func testFormatFillsPlaceholders() {
        XCTAssertEqual(Catalog.shared.format(.dashboardWelcome, .zh, "王建国"), "王建国，您好")
        XCTAssertEqual(Catalog.shared.format(.dashboardWelcome, .en, "Wang"), "Hello, Wang")
    }

    func testLanguageNegotiation() {
        XCTAssertEqual(AppLanguage.negotiate(acceptLanguage: nil), .zh)
        XCTAssertEqual(AppLanguage.negotiate(acceptLanguage: "en-US,en;q=0.9"), .en)
        XCTAssertEqual(AppLanguage.negotiate(acceptLanguage: "fr-FR, en;q=0.5, zh-CN;q=0.8"), .zh)
        XCTAssertEqual(AppLanguage.negotiate(acceptLanguage: "de"), .zh)
    }

    func testErrorsCarryStatusCodeAndMessage() {
        let error = AppError.invalid(field: "password", .passwordTooShort)
        XCTAssertEqual(error.status, 400)
        XCTAssertEqual(error.code, "invalid_input")
        XCTAssertEqual(error.message(in: .zh), "密码：密码至少需要10个字符。")
        let several = AppError.invalidFields([FieldProblem(field: "ip", text: .attrNotIP),
                                              FieldProblem(field: "attributes.customsCode", text: .cameraCodeLength),
                                              FieldProblem(field: "quantity", text: .spareQuantityRange)])
        let message = several.message(in: .zh)
        XCTAssertFalse(message.contains("。；"), message)
        XCTAssertTrue(message.hasPrefix("IP地址："), message)
        XCTAssertTrue(message.contains("；海关视频编码："), message)
        XCTAssertTrue(message.contains("；数量："), message)
        XCTAssertTrue(message.hasSuffix("。"), message)
        XCTAssertEqual(AppError.throttled(retryAfterSeconds: 61).message(in: .zh), "登录失败次数过多，请 2 分钟后再试。")
    }

    func testAccountRules() {
        XCTAssertNoThrow(try AccountRules.validateUsername("engineer2"))
        XCTAssertThrowsError(try AccountRules.validateUsername("2cool"))
        XCTAssertThrowsError(try AccountRules.validateUsername("张三"))
        XCTAssertThrowsError(try AccountRules.validatePassword("short"))
        XCTAssertThrowsError(try AccountRules.validatePassword(String(repeating: "密", count: 30)), "over 72 bytes")
    }

    private func placeholders(_ text: String) -> [String] {
        (1...5).map { "%\($0)" }.filter(text.contains)
    }
}
