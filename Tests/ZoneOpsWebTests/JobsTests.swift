import Fluent
import Foundation
import SQLKit
import Vapor
import XCTVapor
import ZoneOpsDomain
import ZoneOpsStore
@testable import ZoneOpsWeb

/// The app's own jobs: the nightly audit check, the import cleanup, and the admin's view of them.
final class JobsTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testTheNightlyAuditCheckRecordsAnIntactChainThenABrokenOne() async throws {
        _ = try await t.user("eng", role: "engineer")
        let scheduler = t.app.makeScheduler(owner: "test")
        try await scheduler.tick()
        var jobs = try await JobQueue.recent(limit: 10, on: t.app.db)
        let audit = try XCTUnwrap(jobs.first { $0.kind == JobKind.verifyAudit })
        XCTAssertEqual(audit.status, .succeeded)
        XCTAssertTrue(audit.result?.contains("审计链完整") == true, audit.result ?? "")
        XCTAssertEqual(Set(jobs.map(\.kind)), Set(JobKind.all), "every recurring job is enqueued")

        try await (t.app.db as! any SQLDatabase).raw("UPDATE audit_entries SET actor_name = 'mallory' WHERE seq = 2").run()
        t.clock.advance(86_400)
        try await scheduler.tick()
        jobs = try await JobQueue.recent(limit: 100, on: t.app.db)
        let tonight = try XCTUnwrap(jobs.first { $0.kind == JobKind.verifyAudit && $0.id != audit.id })
        XCTAssertEqual(tonight.status, .queued, "retried, in case it was the database")
        XCTAssertTrue(tonight.lastError?.contains("第 2 条") == true, tonight.lastError ?? "")
        for _ in 0..<3 { t.clock.advance(600); try await scheduler.tick() }
        let failed = try await JobQueue.recent(limit: 100, on: t.app.db).first { $0.id == tonight.id }
        XCTAssertEqual(failed?.status, .failed)

        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let page = try await browser.get("/admin/jobs")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.string.contains("审计链每晚校验"))
        XCTAssertTrue(page.body.string.contains("失败"))
        let api = try await t.json(.GET, "/api/v1/jobs", token: try await t.token())
        XCTAssertEqual(api.status, .ok)
    }

    func testStaleImportUploadsAreRemovedByTheHourlyJob() async throws {
        let folder = PendingImports.folder(in: t.app.zoneOps.config)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let old = folder.appendingPathComponent("old.xlsx"), fresh = folder.appendingPathComponent("fresh.xlsx")
        try Data("x".utf8).write(to: old)
        try Data("y".utf8).write(to: fresh)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: old.path)
        // The job compares with the app's clock; pin it to the real time for this test.
        let scheduler = t.app.makeScheduler(owner: "test")
        try await scheduler.tick(now: Date())
        XCTAssertFalse(FileManager.default.fileExists(atPath: old.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: fresh.path))
    }

    func testOnlyAdminsSeeTheJobs() async throws {
        let lead = try await t.user("lead", role: "lead")
        let response = try await t.json(.GET, "/api/v1/jobs", token: lead)
        XCTAssertEqual(response.status, .forbidden)
    }
}
