import FluentKit
import Foundation
import SQLKit
import XCTest
@testable import ZoneOpsServices
import ZoneOpsStore

/// The pipeline's CI directory is kept between rounds, and re-read when CIs are added or
/// removed, when one is edited (its `updated_at`), and when told (`clear`).
final class CIDirectoryCacheTests: XCTestCase {
    var harness: ServiceHarness!

    override func setUp() async throws { harness = try await ServiceHarness() }
    override func tearDown() async throws { await harness.shutdown() }

    func addCI(_ name: String, ip: String, at updated: Date) async throws -> CIModel {
        let ci = CIModel()
        ci.typeKey = "server"; ci.name = name; ci.ip = ip; ci.criticality = 3; ci.customsCritical = false
        ci.status = "in_use"; ci.state = "up"; ci.attributesJSON = "{}"; ci.searchText = name
        ci.createdAt = updated; ci.updatedAt = updated
        try await ci.insertRow(on: harness.db)
        return ci
    }

    func testKeptUntilTheCIsChange() async throws {
        let cache = CIDirectoryCache()
        let first = try await addCI("应用服务器", ip: "10.0.0.1", at: Date(timeIntervalSince1970: 1_795_000_000))
        var directory = try await cache.current(on: harness.db)
        XCTAssertEqual(directory.match(ref: nil, host: "10.0.0.1", labels: [:]), first.id)

        // A CI added: seen without being told.
        let second = try await addCI("数据库服务器", ip: "10.0.0.2", at: Date(timeIntervalSince1970: 1_795_000_100))
        directory = try await cache.current(on: harness.db)
        XCTAssertEqual(directory.match(ref: nil, host: "10.0.0.2:9100", labels: [:]), second.id)

        // An edit that moves the newest updated_at: seen.
        try await harness.db.sql().raw("UPDATE cis SET ip = '10.0.0.9', updated_at = \(bind: Date(timeIntervalSince1970: 1_795_000_200)) WHERE id = \(bind: first.id!)").run()
        directory = try await cache.current(on: harness.db)
        XCTAssertEqual(directory.match(ref: nil, host: "10.0.0.9", labels: [:]), first.id)

        // An edit the stamp cannot see (same count, same newest updated_at) waits for `clear`,
        // which every CI write through the services sends (`ServiceContext.didCommit("ci")`).
        try await harness.db.sql().raw("UPDATE cis SET ip = '10.0.0.7' WHERE id = \(bind: second.id!)").run()
        directory = try await cache.current(on: harness.db)
        XCTAssertEqual(directory.match(ref: nil, host: "10.0.0.2", labels: [:]), second.id)
        cache.clear()
        directory = try await cache.current(on: harness.db)
        XCTAssertEqual(directory.match(ref: nil, host: "10.0.0.7", labels: [:]), second.id)
        XCTAssertNil(directory.match(ref: nil, host: "10.0.0.2", labels: [:]))
        XCTAssertTrue(CIDirectoryCache.invalidatedBy.isSuperset(of: ["ci", "monitor_mapping"]))
    }
}
