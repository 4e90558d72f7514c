import Foundation
import XCTVapor
import ZoneOpsServices
@testable import ZoneOpsWeb

/// The event pipeline's settings in the browser: shown to monitoring, saved by the lead, refused
/// out of range with the field named in Chinese and what was typed kept.
final class MonitoringSettingsPageTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testPipelineSettingsPageShowsSavesAndRefusesOutOfRangeNamingTheField() async throws {
        _ = try await t.user("lead2", role: "lead")
        _ = try await t.user("eng2", role: "engineer")
        let lead = Browser(t.app)
        _ = try await lead.login("lead2", "password-lead2")
        let page = try await lead.get("/admin/monitoring")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("恢复保持"))
        XCTAssertTrue(page.body.string.contains("value=\"60\""), "the standard recovery hold")
        var form = ["openDelaySeconds": "5", "recoveryHoldSeconds": "120", "autoResolve": "true", "correlationWindowSeconds": "300",
                    "flapThreshold": "8", "flapWindowSeconds": "900", "retentionDays": "30"]
        let saved = try await lead.post("/admin/monitoring", form: form)
        XCTAssertEqual(saved.status, .seeOther)
        var settings = try await MonitoringStore.load(on: t.app.db)
        XCTAssertEqual(settings.recoveryHoldSeconds, 120)
        XCTAssertEqual(settings.flap.threshold, 8)
        XCTAssertTrue(settings.autoResolve)

        form["recoveryHoldSeconds"] = "99999"
        form["autoResolve"] = nil
        let refused = try await lead.post("/admin/monitoring", form: form)
        XCTAssertEqual(refused.status, .badRequest)
        XCTAssertTrue(refused.body.string.contains("恢复保持（秒，之后才解决事件单） 须为 0 到 3600 之间的整数"), refused.body.string)
        XCTAssertTrue(refused.body.string.contains("value=\"99999\""), "what was typed is kept")
        settings = try await MonitoringStore.load(on: t.app.db)
        XCTAssertEqual(settings.recoveryHoldSeconds, 120, "nothing saved")
        let letters = try await lead.post("/admin/monitoring", form: form.merging(["retentionDays": "九十"]) { $1 })
        XCTAssertEqual(letters.status, .badRequest)

        let engineer = Browser(t.app)
        _ = try await engineer.login("eng2", "password-eng2")
        let readOnly = try await engineer.get("/admin/monitoring")
        XCTAssertEqual(readOnly.status, .ok)
        XCTAssertTrue(readOnly.body.string.contains("disabled"))
        let denied = try await engineer.post("/admin/monitoring", form: form)
        XCTAssertEqual(denied.status, .forbidden)
    }
}
