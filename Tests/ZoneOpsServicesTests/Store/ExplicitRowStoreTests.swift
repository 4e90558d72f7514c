import FluentKit
import Foundation
import XCTest
import ZoneOpsStore

/// The explicit reads and updates of the hot-path models give what Fluent gives, on the real
/// schema (SQLite here, PostgreSQL in CI).
final class ExplicitRowStoreTests: XCTestCase {
    var harness: ServiceHarness!

    override func setUp() async throws { harness = try await ServiceHarness() }
    override func tearDown() async throws { await harness.shutdown() }

    func described(_ alert: AlertModel) -> [String] {
        alert.row.map { "\($0.column)=\(String(describing: $0.value))" }
    }

    func alert(every: Bool, ciId: UUID? = nil, rootId: UUID? = nil) -> AlertModel {
        let alert = AlertModel()
        alert.id = UUID()
        alert.fingerprint = "fp-\(every)"; alert.source = "probe"; alert.check = "ping"; alert.severity = "major"
        alert.summary = "不可达"; alert.labelsJSON = #"{"a":"b"}"#; alert.status = "firing"; alert.count = 3
        alert.firstSeen = Date(timeIntervalSince1970: 1_795_000_000.25); alert.lastSeen = Date(timeIntervalSince1970: 1_795_000_100)
        alert.inMaintenance = every; alert.ownIncident = every; alert.flapping = every; alert.changes = "[1795000000]"
        if every {
            alert.ciId = ciId; alert.host = "10.0.0.1"; alert.recoveredAt = Date(timeIntervalSince1970: 1_795_000_200)
            alert.lastOccurrence = "o"; alert.silenced = "notify"; alert.rootId = rootId
            alert.holdUntil = Date(timeIntervalSince1970: 1_795_000_003); alert.acknowledgedAt = Date(timeIntervalSince1970: 1_795_000_300)
            alert.acknowledgedBy = "值班员"
        }
        return alert
    }

    func testAnAlertReadAsARowIsWhatFluentReads() async throws {
        let ci = CIModel()
        ci.typeKey = "switch"; ci.name = "核心交换机"; ci.criticality = 1; ci.customsCritical = false; ci.status = "in_use"
        ci.state = "up"; ci.attributesJSON = "{}"; ci.searchText = "核心交换机"
        try await ci.insertRow(on: harness.db)
        var previous: UUID?
        for every in [false, true] {
            let stored = alert(every: every, ciId: ci.id, rootId: previous)
            previous = stored.id
            try await stored.create(on: harness.db)
            let found = try await AlertModel.find(stored.id, on: harness.db)
            let viaFluent = try XCTUnwrap(found)
            let viaRow = try await AlertModel.open(on: harness.db).first { $0.id == stored.id }
            XCTAssertEqual(described(try XCTUnwrap(viaRow)), described(viaFluent))
        }
    }

    func testUpdateRowWritesEveryColumnAndClosedAlertsAreNotOpen() async throws {
        let stored = alert(every: false)
        try await stored.insertRow(on: harness.db)
        let opened = try await AlertModel.open(on: harness.db)
        let read = try XCTUnwrap(opened.first)
        read.count = 9; read.status = "resolved"; read.host = "h"; read.closedAt = Date(timeIntervalSince1970: 1_795_001_000)
        try await read.updateRow(on: harness.db)
        let found = try await AlertModel.find(stored.id, on: harness.db)
        let after = try XCTUnwrap(found)
        XCTAssertEqual(described(after), described(read))
        let stillOpen = try await AlertModel.open(on: harness.db)
        XCTAssertTrue(stillOpen.isEmpty)
    }

    func testUpdateRowsWritesEachRowItsOwnValues() async throws {
        var alerts: [AlertModel] = []
        for index in 0..<450 {
            let alert = alert(every: false)
            alert.fingerprint = "fp-\(index)"
            try await alert.insertRow(on: harness.db)
            alerts.append(alert)
        }
        for (index, alert) in alerts.enumerated() {
            alert.count = index
            alert.summary = "第\(index)次"
            alert.recoveredAt = index.isMultiple(of: 2) ? Date(timeIntervalSince1970: 1_795_000_000 + Double(index)) : nil
            alert.closedAt = index.isMultiple(of: 3) ? Date(timeIntervalSince1970: 1_795_009_000) : nil
        }
        // More rows than one statement takes (10,000 binds / 26 columns = 384).
        try await AlertModel.updateRows(alerts, on: harness.db)
        let stored = try await AlertModel.query(on: harness.db).all()
        let byId = Dictionary(uniqueKeysWithValues: stored.map { ($0.id!, $0) })
        for alert in alerts {
            XCTAssertEqual(described(try XCTUnwrap(byId[alert.id!])), described(alert))
        }
        let open = try await AlertModel.open(on: harness.db)
        XCTAssertEqual(open.count, alerts.filter { $0.closedAt == nil }.count)
    }
}
