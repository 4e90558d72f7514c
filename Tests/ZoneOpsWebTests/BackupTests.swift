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
        try FileManager.default.createDirectory(at: source.appendingPathComponent("files/ab"), withIntermediateDirectories: true)
        try Data("照片".utf8).write(to: source.appendingPathComponent("files/ab/photo.jpg"))
        let manifest = try await t.app.backupService.backup(t.app.db, to: archive, now: Date())
        XCTAssertEqual(manifest.migrations.count, ZoneOpsMigrations.all.count)
        XCTAssertEqual(manifest.files, 2)
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
        _ = try await Lifecycle.restore(from: archive, config: config, app: restorer)
        try await restorer.asyncShutdown()

        let restored = try await TestApp.make(dataDirectory: target, file: true, reusingDatabase: true)
        defer { Task { try? await restored.shutdown() } }
        let login = try await restored.json(.POST, "/api/v1/tokens", body: ["username": "eng", "password": "password-eng"])
        XCTAssertEqual(login.status, .created, "the restored user logs in")
        XCTAssertEqual(try Data(contentsOf: target.appendingPathComponent("files/ab/photo.jpg")), Data("照片".utf8))
        let awaited1 = try await AuditEntryModel.query(on: restored.app.db).count()
        XCTAssertGreaterThan(awaited1, auditBefore)
        let awaited2 = try await restored.app.verifyAudit()
        XCTAssertNil(awaited2.firstBreak, "the chain and its key came back together")

        // Restoring again onto the now-populated target is refused, and changes nothing.
        let again = try await Application.make(.testing)
        do {
            _ = try await Lifecycle.restore(from: archive, config: config, app: again)
            XCTFail("restore overwrote existing data")
        } catch let failure as BackupService.Failure {
            guard case .targetNotEmpty = failure else { return XCTFail("\(failure)") }
        }
        try await again.asyncShutdown()
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
