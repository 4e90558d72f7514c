import Fluent
import Foundation
import Vapor
import XCTVapor
import ZoneOpsStore
import ZoneOpsWire
@testable import ZoneOpsWeb

final class LedgerTests: XCTestCase {
    var t: TestApp!
    var admin: String!
    override func setUp() async throws {
        t = try await TestApp.make()
        admin = try await t.token()
    }
    override func tearDown() async throws { try await t.shutdown() }

    func upload(_ data: Data, filename: String, dryRun: Bool = false, language: String = "zh-CN") async throws -> XCTHTTPResponse {
        let boundary = "zoneops-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n".utf8)
        body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8) + data + Data("\r\n--\(boundary)--\r\n".utf8)
        return try await t.app.sendRequest(.POST, "/api/v1/cis/import" + (dryRun ? "?dryRun=true" : ""),
                                           headers: ["Authorization": "Bearer \(admin!)", "Content-Type": "multipart/form-data; boundary=\(boundary)",
                                                     "Accept-Language": language],
                                           body: ByteBuffer(data: body))
    }

    func csv(_ lines: [String]) -> Data { Data(lines.joined(separator: "\r\n").utf8) }

    func testGoodRowsAreKeptAndBadRowsReportedWithRowColumnAndReason() async throws {
        let file = csv([
            "类型,名称,资产编号,IP地址,购置日期,属性",
            "摄像机,北门摄像机,CAM-001,10.9.1.1,2024/3/5,海关视频编码=41010011101323500011; 类型=球机",
            "交换机,接入交换机,NET-009,10.9.1.300,,层级=接入",
            "不存在的类型,某设备,X-1,,,",
            "服务器,,SRV-9,10.9.1.9,去年,",
            "UPS,机房UPS,UPS-1,,,容量(kVA)=60",
        ])
        let response = try await upload(file, filename: "台账.csv")
        XCTAssertEqual(response.status, .ok, response.body.string)
        let result = try response.content.decode(LedgerController.ResultDTO.self)
        XCTAssertEqual(result.imported, 2)
        XCTAssertEqual(Set(result.errors.map(\.row)), [3, 4, 5])
        let ip = try XCTUnwrap(result.errors.first { $0.row == 3 })
        XCTAssertEqual(ip.column, "IP地址")
        XCTAssertTrue(ip.message.contains("不是有效的 IP 地址"))
        XCTAssertTrue(result.errors.contains { $0.row == 4 && $0.column == "类型" && $0.message.contains("没有这种配置项类型") })
        XCTAssertTrue(result.errors.contains { $0.row == 5 && $0.column == "名称" })
        XCTAssertTrue(result.errors.contains { $0.row == 5 && $0.column == "购置日期" })
        let camera = try await t.json(.GET, "/api/v1/cis?q=cam-001", token: admin).content.get([CIDTO].self, at: "items")
        XCTAssertEqual(camera.first?.attributes, ["customsCode": "41010011101323500011", "form": "dome"])
        XCTAssertEqual(camera.first?.purchaseDate, "2024-03-05")
        let verification = try await t.app.verifyAudit()
        XCTAssertNil(verification.firstBreak, "batched audit entries keep the chain whole")
        let awaited101 = try await AuditEntryModel.query(on: t.app.db).filter(\AuditEntryModel.$action == "ci.create").count()
        XCTAssertEqual(awaited101, 2)
    }

    func testRowErrorsFollowTheUploadersLanguage() async throws {
        let response = try await upload(csv(["类型,名称,IP地址", "UPS,UPS-1,10.0.0.999"]), filename: "a.csv", language: "en")
        let result = try response.content.decode(LedgerController.ResultDTO.self)
        XCTAssertEqual(result.errors.first?.column, "IP地址", "the column as the file names it")
        XCTAssertEqual(result.errors.first?.message, "Not a valid IP address, such as 10.8.1.20.")
    }

    func testDryRunWritesNothing() async throws {
        let response = try await upload(csv(["类型,名称", "UPS,试验UPS"]), filename: "a.csv", dryRun: true)
        XCTAssertEqual(try response.content.decode(LedgerController.ResultDTO.self).imported, 1)
        let awaited1 = try await t.json(.GET, "/api/v1/cis", token: admin).content.get(Int.self, at: "total")
        XCTAssertEqual(awaited1, 0)
    }

    func testExportImportsBackAsUpdatesWithNothingLost() async throws {
        let location = try await t.json(.POST, "/api/v1/locations", token: admin, body: ["name": "1号机房", "kind": "room"])
        let room = try location.content.get(String.self, at: "id")
        let camera: [String: AnyEncodableValue] = ["type": "camera", "name": "卡口摄像机", "assetTag": "C-1", "ip": "10.1.1.1",
                                                   "locationId": .text(room)]
        let lane: [String: AnyEncodableValue] = ["type": "lane", "name": "1号通道", "assetTag": "L-1", "warrantyEnd": "2027-01-31",
                                                 "status": "repair", "attributes": ["chnlNo": "K01", "direction": "in"]]
        for body in [camera, lane] {
            let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: AnyEncodable(body))
            XCTAssertEqual(created.status, .created, created.body.string)
        }
        let export = try await t.app.sendRequest(.GET, "/api/v1/cis/export.xlsx", headers: ["Authorization": "Bearer \(admin!)"])
        XCTAssertEqual(export.status, .ok)
        let rows = try XLSXReader.rows(of: Data(buffer: export.body))
        XCTAssertEqual(rows[0].cells[0], "类型")
        XCTAssertEqual(rows.count, 3)
        let laneRow = try XCTUnwrap(rows.first { $0.cells.values.contains("L-1") })
        XCTAssertTrue(laneRow.cells.values.contains("维修"), "status in Chinese")
        XCTAssertTrue(laneRow.cells.values.contains { $0.contains("通道编号=K01") && $0.contains("方向=进区") })
        let before = try await t.json(.GET, "/api/v1/cis?q=l-1", token: admin).content.get([CIDTO].self, at: "items")[0]
        let entriesBefore = try await AuditEntryModel.query(on: t.app.db).count()
        let back = try await upload(Data(buffer: export.body), filename: "export.xlsx").content.decode(LedgerController.ResultDTO.self)
        XCTAssertEqual(back.imported, 0)
        XCTAssertEqual(back.updated, 0)
        XCTAssertEqual(back.unchanged, 2, "an identical row is reported as unchanged")
        XCTAssertEqual(back.errors, [])
        let entriesAfter = try await AuditEntryModel.query(on: t.app.db).count()
        XCTAssertEqual(entriesAfter, entriesBefore, "nothing written, nothing audited")
        let after = try await t.json(.GET, "/api/v1/cis?q=l-1", token: admin).content.get([CIDTO].self, at: "items")[0]
        XCTAssertEqual(after.attributes, before.attributes)
        XCTAssertEqual(after.status, "repair")
        XCTAssertEqual(after.warrantyEnd, "2027-01-31")
        let cameraAfter = try await t.json(.GET, "/api/v1/cis?q=c-1", token: admin).content.get([CIDTO].self, at: "items")[0]
        XCTAssertEqual(cameraAfter.location, "1号机房")
    }

    func testWhatIsNotALedgerIsExplained() async throws {
        let garbage = try await upload(Data("PK\u{3}\u{4}garbage".utf8), filename: "台账.xlsx")
        XCTAssertEqual(garbage.status, .badRequest)
        XCTAssertTrue(try garbage.content.get(String.self, at: "error", "message").contains("不是有效的 Excel"))
        let old = try await upload(Data([0xD0, 0xCF, 0x11, 0xE0]), filename: "台账.xls")
        XCTAssertTrue(try old.content.get(String.self, at: "error", "message").contains("只支持 .xlsx 和 .csv"))
        let noName = try await upload(csv(["类型,资产编号", "UPS,U-1"]), filename: "a.csv")
        XCTAssertTrue(try noName.content.get(String.self, at: "error", "message").contains("缺少"))
        let empty = try await upload(try XLSXWriter.workbook(sheetName: "空", rows: []), filename: "empty.xlsx")
        XCTAssertTrue(try empty.content.get(String.self, at: "error", "message").contains("没有数据行"))
        let gbk = try await upload(Data([0xC0, 0xE0, 0xD0, 0xCD, 0x2C, 0xC3, 0xFB]), filename: "gbk.csv")
        XCTAssertTrue(try gbk.content.get(String.self, at: "error", "message").contains("UTF-8"))
    }

    func id(_ tag: String) async throws -> String {
        try await t.json(.GET, "/api/v1/cis?q=\(tag)", token: admin).content.get([CIDTO].self, at: "items")[0].id
    }

    func testThePreviewShowsValuesWhatWillBeCreatedAndOffersATemplate() async throws {
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let page = try await browser.get("/cmdb/import").body.string
        XCTAssertTrue(page.contains("/cmdb/import/template.xlsx"))
        let template = try await browser.get("/cmdb/import/template.xlsx")
        XCTAssertEqual(template.status, .ok)
        let dry = try await upload(Data(buffer: template.body), filename: "template.xlsx", dryRun: true)
            .content.decode(LedgerController.ResultDTO.self)
        XCTAssertEqual(dry.imported, 1, "the template's example row imports as it is")
        XCTAssertEqual(dry.errors, [])

        _ = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "ups", "name": "机房UPS", "assetTag": "U-1"])
        let file = csv(["类型,名称,资产编号,IP地址", "UPS,机房UPS,U-1,", "交换机,新交换机,S-9,10.1.1.300", "交换机,接入交换机,S-10,10.1.1.10"])
        let api = try await upload(file, filename: "台账.csv", dryRun: true).content.decode(LedgerController.ResultDTO.self)
        XCTAssertEqual(api.errors.first?.value, "10.1.1.300", "the offending value")
        XCTAssertEqual(api.unchanged, 1)
        // The browser's preview: the value, the unchanged row, the list of what will be created.
        let boundary = "zoneops-preview"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrf ?? "")\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"台账.csv\"\r\n\r\n".utf8)
        body += file + Data("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let preview = try await t.app.sendRequest(.POST, "/cmdb/import", headers: headers, body: ByteBuffer(data: body)).body.string
        XCTAssertTrue(preview.contains("<code>10.1.1.300</code>"), preview)
        XCTAssertTrue(preview.contains("另有 1 行与已登记的配置项完全相同"))
        XCTAssertTrue(preview.contains("将新增的 1 个配置项") && preview.contains("接入交换机（S-10）"))
    }
}
