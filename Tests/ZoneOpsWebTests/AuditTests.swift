import Fluent
import Foundation
import SQLKit
import Vapor
import XCTVapor
import ZoneOpsDomain
import ZoneOpsStore
@testable import ZoneOpsWeb

final class AuditTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    var sql: any SQLDatabase { t.app.db as! any SQLDatabase }

    func testChangesAreRecordedWithWhoWhenWhereBeforeAndAfter() async throws {
        let admin = try await t.token()
        _ = try await t.user("eng", role: "engineer")
        let id = try await t.json(.GET, "/api/v1/users", token: admin).content.get([UserDTO].self, at: "items")
            .first { $0.username == "eng" }!.id
        _ = try await t.json(.PATCH, "/api/v1/users/\(id)", token: admin, body: ["role": "lead"], address: "192.0.2.77")
        let entry = try await AuditEntryModel.query(on: t.app.db).filter(\.$action == "user.update").first()
        let update = try XCTUnwrap(entry)
        XCTAssertEqual(update.actorName, "admin")
        XCTAssertEqual(update.address, "192.0.2.77")
        XCTAssertEqual(update.objectId, id)
        XCTAssertTrue(update.before?.contains(#""role":"engineer""#) ?? false)
        XCTAssertTrue(update.after?.contains(#""role":"lead""#) ?? false)
        XCTAssertFalse((update.after ?? "").contains("$2"), "no password hash in the audit log")
        let verification = try await t.app.verifyAudit()
        XCTAssertNil(verification.firstBreak)
        XCTAssertGreaterThan(verification.checked, 5)
    }

    func testRowChangedThroughSQLIsFound() async throws {
        _ = try await t.user("eng", role: "engineer")
        try await sql.raw("UPDATE audit_entries SET actor_name = 'nobody' WHERE seq = 3").run()
        let awaited1 = try await t.app.verifyAudit()
        XCTAssertEqual(awaited1.firstBreak, .altered(sequence: 3))
        XCTAssertEqual(awaited1.checked, 2, "the two entries before it are intact")
    }

    /// A name holding JSON syntax stays one string value in the snapshot; no key is added.
    func testNamesCannotForgeSnapshotKeys() async throws {
        let admin = try await t.token()
        let forged = #"ci","forged":"yes"#
        let token = try await t.json(.POST, "/api/v1/tokens", body: ["username": "admin", "password": TestApp.adminPassword, "name": forged])
        XCTAssertEqual(token.status, .created)
        let location = try await t.json(.POST, "/api/v1/locations", token: admin, body: ["name": forged, "kind": "site"])
        XCTAssertEqual(location.status, .created, location.body.string)
        let entries = try await AuditEntryModel.query(on: t.app.db).filter(\.$objectType ~~ ["api_token", "location"]).all()
        var named = 0
        for entry in entries {
            let object = try JSONSerialization.jsonObject(with: Data((entry.after ?? "{}").utf8)) as? [String: Any]
            XCTAssertNil(object?["forged"], entry.after ?? "")
            if object?["name"] as? String == forged { named += 1 }
        }
        XCTAssertEqual(named, 2, "the token and the place keep the whole name as one value")
        let verification = try await t.app.verifyAudit()
        XCTAssertNil(verification.firstBreak)
    }

    /// Entries written before format 2 keep verifying after the upgrade.
    func testEntriesSealedInTheFirstFormatStillVerify() async throws {
        let count = try await AuditEntryModel.query(on: t.app.db).count()
        XCTAssertGreaterThan(count, 0)
        let formats = try await AuditEntryModel.query(on: t.app.db).all().map(\.format)
        XCTAssertEqual(Set(formats), [AuditRecord.currentFormat])
        // Re-seal every entry as the version before format 2 wrote it: format 1, chained in order.
        var previous = AuditChain.genesis
        for entry in try await AuditEntryModel.query(on: t.app.db).sort(\.$sequence).all() {
            var record = entry.record
            record.format = 1
            let hash = t.app.zoneOps.chain.seal(record, previousHash: previous)
            try await sql.raw("UPDATE audit_entries SET format = 1, prev_hash = \(bind: previous), hash = \(bind: hash) WHERE seq = \(bind: entry.sequence)").run()
            previous = hash
        }
        // A new entry (format 2) follows the old ones; the anchor moves to it.
        _ = try await t.user("eng", role: "engineer")
        let mixed = Set(try await AuditEntryModel.query(on: t.app.db).all().map(\.format))
        XCTAssertEqual(mixed, [1, 2])
        let verification = try await t.app.verifyAudit()
        XCTAssertNil(verification.firstBreak, "old entries verify in their own format")
        try await sql.raw("UPDATE audit_entries SET format = 2 WHERE seq = 1").run()
        let relabelled = try await t.app.verifyAudit()
        XCTAssertEqual(relabelled.firstBreak, .altered(sequence: 1), "the format cannot be changed unseen")
    }

    func testRowDeletedThroughSQLIsFound() async throws {
        _ = try await t.user("eng", role: "engineer")
        try await sql.raw("DELETE FROM audit_entries WHERE seq = 2").run()
        let awaited2 = try await t.app.verifyAudit()
        XCTAssertEqual(awaited2.firstBreak, .gap(expected: 2, found: 3))
    }

    func testNewestRowsDeletedThroughSQLAreFound() async throws {
        _ = try await t.user("eng", role: "engineer")
        let last = try await AuditEntryModel.query(on: t.app.db).sort(\.$sequence, .descending).first()!.sequence
        try await sql.raw("DELETE FROM audit_entries WHERE seq >= \(literal: last - 1)").run()
        let awaited3 = try await t.app.verifyAudit()
        XCTAssertEqual(awaited3.firstBreak, .truncated(sequence: last - 1))
    }

    func testRecomputedPlainHashesDoNotFoolTheKeyedChain() async throws {
        // Someone with SQL access rewrites a row and recomputes its hash with plain SHA-256.
        let row = try await AuditEntryModel.query(on: t.app.db).filter(\.$sequence == 1).first()!
        row.actorName = "mallory"
        let forged = AuditChain.sha256.seal(row.record, previousHash: row.previousHash)
        try await sql.raw("UPDATE audit_entries SET actor_name = 'mallory', hash = \(bind: forged) WHERE seq = 1").run()
        let awaited4 = try await t.app.verifyAudit()
        XCTAssertNotNil(awaited4.firstBreak)
    }

    /// Concurrent writers must never fork the chain: sequences stay 1…n and every link holds.
    func testConcurrentWritesKeepTheChainIntact() async throws {
        let admin = try await t.token()
        let t = self.t!
        try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for i in 0..<20 {
                group.addTask {
                    try await t.json(.POST, "/api/v1/organizations", token: admin,
                                     body: ["name": "并发企业\(i)", "kind": "enterprise"]).status
                }
            }
            for try await status in group { XCTAssertEqual(status, .created) }
        }
        let verification = try await t.app.verifyAudit()
        XCTAssertNil(verification.firstBreak)
        let count = try await AuditEntryModel.query(on: t.app.db).count()
        XCTAssertEqual(verification.checked, count)
    }

    func testAuditLogIsReadableByAdminLeadSupervisorOnly() async throws {
        for (role, allowed) in [("lead", true), ("supervisor", true), ("engineer", false), ("duty", false)] {
            let token = try await t.user("a-\(role)", role: role)
            let awaited5 = try await t.json(.GET, "/api/v1/audit", token: token)
            XCTAssertEqual(awaited5.status, allowed ? .ok : .forbidden, role)
        }
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let page = try await browser.get("/admin/audit")
        XCTAssertTrue(page.body.string.contains("创建用户"), "actions are shown in Chinese")
        XCTAssertTrue(page.body.string.contains("校验审计链"))
        let intact = try await browser.get("/admin/audit?verify=1").body.string
        XCTAssertTrue(intact.contains("审计链完整"))
        try await (t.app.db as! any SQLDatabase).raw("UPDATE audit_entries SET action = 'x' WHERE seq = 1").run()
        let broken = try await browser.get("/admin/audit?verify=1").body.string
        XCTAssertTrue(broken.contains("审计链断裂：第 1 条记录的内容被改动过"))
    }
}

/// The audit page as people read it.
final class AuditPageTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    func testEntriesNameTheirObjectsShowTheirChangesAndFilter() async throws {
        let admin = try await t.token()
        let created = try await t.json(.POST, "/api/v1/cis", token: admin, body: ["type": "switch", "name": "核心交换机"])
        let id = try created.content.get(String.self, at: "id")
        struct Patch: Encodable { var ip = "10.8.0.1"; var attributes = ["ports": "48"] }
        _ = try await t.json(.PATCH, "/api/v1/cis/\(id)", token: admin, body: Patch())
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let html = try await browser.get("/admin/audit?action=ci.update").body.string
        XCTAssertTrue(html.contains("配置项：核心交换机"), html)
        XCTAssertTrue(html.contains("IP地址：") && html.contains("10.8.0.1"), "the change, by label")
        XCTAssertTrue(html.contains("端口数：48"), "an attribute by its name: \(html)")
        XCTAssertEqual(html.components(separatedBy: #"class="audit-entry""#).count - 1, 1, "filtered to one action")
        XCTAssertFalse(html.contains(id.prefix(8)), "names, not ids")
        let far = try await browser.get("/admin/audit?from=2030-01-01").body.string
        XCTAssertTrue(far.contains("没有"), "no entries that late")
        let bad = try await browser.get("/admin/audit?from=明天")
        XCTAssertEqual(bad.status, .badRequest)
        XCTAssertTrue(bad.body.string.contains("起始日期：应为日期"))
    }
}
