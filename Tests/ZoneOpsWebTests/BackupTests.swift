import Fluent
import Foundation
import SQLKit
import Vapor
import XCTVapor
import ZoneOpsServices
import ZoneOpsStore
@testable import ZoneOpsWeb

final class BackupTests: XCTestCase {
    func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("zoneops-\(name)-\(UUID().uuidString)")
    }

    /// Backup while running, restore into an empty place, and find everything again.
    func testRoundTrip() async throws {
        let source = temporary("source")
        let archive = temporary("archive").appendingPathExtension("zip")
        let t = try await TestApp.make(dataDirectory: source, file: true)
        _ = try await t.user("eng", role: "engineer")
        let admin = try await t.token()
        let site = try await t.json(.POST, "/api/v1/locations", token: admin, body: ["name": "综保区", "kind": "site"])
        let room = try await t.json(.POST, "/api/v1/locations", token: admin,
                                    body: ["name": "1号机房", "kind": "room", "parentId": try site.content.get(String.self, at: "id")])
        let ci = try await t.json(.POST, "/api/v1/cis", token: admin,
                                  body: ["type": "ups", "name": "备份UPS", "assetTag": "BAK-1", "locationId": try room.content.get(String.self, at: "id")])
        XCTAssertEqual(ci.status, .created, ci.body.string)
        try FileManager.default.createDirectory(at: source.appendingPathComponent("files/ab"), withIntermediateDirectories: true)
        try Data("照片".utf8).write(to: source.appendingPathComponent("files/ab/photo.jpg"))
        let manifest = try await t.app.backupService.backup(t.app.db, to: archive, now: Date())
        XCTAssertEqual(manifest.migrations.count, ZoneOpsMigrations.all.count)
        XCTAssertEqual(manifest.files, 2)
        XCTAssertEqual(try Self.mode(archive), 0o600, "the archive holds the secret key: owner only")
        XCTAssertEqual(try Self.mode(source), 0o700, "the data dir is the owner's only")
        if TestApp.postgresURL == nil {
            XCTAssertEqual(try Self.mode(source.appendingPathComponent("zoneops.sqlite")), 0o600)
        }
        let auditBefore = try await AuditEntryModel.query(on: t.app.db).count()
        // A second backup to the same name is refused rather than overwriting.
        do {
            _ = try await t.app.backupService.backup(t.app.db, to: archive, now: Date())
            XCTFail("overwrote an existing archive")
        } catch let failure as BackupService.Failure {
            XCTAssertEqual(failure, .outputExists(archive.path))
        }
        if TestApp.postgresURL != nil { try await TestApp.resetPostgres(t.app.db) }
        try await t.shutdown()

        let target = temporary("target")
        var config = AppConfig(dataDirectory: target, databaseURL: TestApp.postgresURL)
        config.bcryptCost = 4
        let restorer = try await Application.make(.testing)
        do {
            _ = try await Lifecycle.restore(from: archive, config: config, app: restorer)
        } catch {
            try await restorer.asyncShutdown()
            throw error
        }
        try await restorer.asyncShutdown()

        let restored = try await TestApp.make(dataDirectory: target, file: true, reusingDatabase: true)
        do {
            try await checkRestored(restored, target: target, auditBefore: auditBefore, archive: archive, config: config)
        } catch {
            try await restored.shutdown()
            throw error
        }
        try await restored.shutdown()
    }

    static func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    /// A leaked backup holds no session id that signs anyone in: only their hashes are stored.
    func testSessionIdsAreStoredOnlyAsHashes() async throws {
        let t = try await TestApp.make()
        let browser = Browser(t.app)
        _ = try await browser.login("admin", TestApp.adminPassword)
        let cookie = try XCTUnwrap(browser.cookies["zoneops_session"])
        let stored = try await SessionModel.query(on: t.app.db).all().map(\.key)
        XCTAssertFalse(stored.contains(cookie), "the cookie's id is not in the database")
        XCTAssertTrue(stored.contains(DatabaseSessionDriver.storageKey(cookie)))
        let planted = Browser(t.app)
        planted.cookies["zoneops_session"] = try XCTUnwrap(stored.first)
        let home = try await planted.get("/")
        XCTAssertEqual(home.status, .seeOther, "a stored value is no cookie")
        let signedIn = try await browser.get("/")
        XCTAssertEqual(signedIn.status, .ok)
        try await t.shutdown()
    }

    func checkRestored(_ restored: TestApp, target: URL, auditBefore: Int, archive: URL, config: AppConfig) async throws {
        let login = try await restored.json(.POST, "/api/v1/tokens", body: ["username": "eng", "password": "password-eng"])
        XCTAssertEqual(login.status, .created, "the restored user logs in")
        XCTAssertEqual(try Data(contentsOf: target.appendingPathComponent("files/ab/photo.jpg")), Data("照片".utf8))
        XCTAssertEqual(try Self.mode(target), 0o700)
        XCTAssertEqual(try Self.mode(target.appendingPathComponent("secret.key")), 0o600)
        let awaited1 = try await AuditEntryModel.query(on: restored.app.db).count()
        XCTAssertGreaterThan(awaited1, auditBefore)
        let awaited2 = try await restored.app.verifyAudit()
        XCTAssertNil(awaited2.firstBreak, "the chain and its key came back together")
        let token = try await restored.token()
        let ups = try await restored.json(.GET, "/api/v1/cis?q=bak-1", token: token).content.get([CIDTO].self, at: "items")
        XCTAssertEqual(ups.first?.location, "综保区/1号机房", "CIs and the place tree came back")
        let types = try await restored.json(.GET, "/api/v1/ci-types", token: token)
        XCTAssertEqual(try types.content.get(Int.self, at: "total"), 38, "seeded types are not doubled")

        // Restoring again onto the now-populated target is refused, and changes nothing.
        let again = try await Application.make(.testing)
        var refusal: (any Error)?
        do {
            _ = try await Lifecycle.restore(from: archive, config: config, app: again)
        } catch {
            refusal = error
        }
        try await again.asyncShutdown()
        guard let failure = refusal as? BackupService.Failure, case .targetNotEmpty = failure else {
            return XCTFail("restore onto existing data was not refused: \(String(describing: refusal))")
        }
    }

    func testGarbageIsNotAnArchive() async throws {
        let file = temporary("garbage")
        try Data("这不是备份".utf8).write(to: file)
        let service = BackupService(dataDirectory: temporary("empty"), appVersion: "test")
        do {
            _ = try await service.restore(from: file, into: nil, targetKind: .sqlite)
            XCTFail("accepted garbage")
        } catch let failure as BackupService.Failure {
            guard case .notAnArchive = failure else { return XCTFail("\(failure)") }
            XCTAssertTrue(failure.description.contains("不是有效的 ZoneOps 备份文件"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: service.dataDirectory.appendingPathComponent("zoneops.sqlite").path))
    }
}
