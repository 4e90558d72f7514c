import FluentKit
import Foundation
import SQLKit
import XCTest
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// Group commit on the real schema (SQLite here, PostgreSQL in CI): writes that wait together
/// commit together, a failing one is undone alone, and what a write defers is in place before
/// anything reads.
final class WriterTests: XCTestCase {
    var harness: ServiceHarness!
    let desk = Actor(userId: nil, name: "duty", address: nil)

    override func setUp() async throws {
        harness = try await ServiceHarness()
        harness.set("2026-03-02 10:00")
    }

    override func tearDown() async throws {
        await harness.shutdown()
    }

    struct Refused: Error {}

    /// Holds the writer's transaction until released, so the writes started meanwhile queue up
    /// and go in as one batch.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var entered: CheckedContinuation<Void, Never>?
        private var release: CheckedContinuation<Void, Never>?
        private var hasEntered = false
        func enter() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.withLock {
                    hasEntered = true
                    release = continuation
                    entered?.resume()
                    entered = nil
                }
            }
        }
        func waitUntilEntered() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = lock.withLock { () -> Bool in
                    if hasEntered { return true }
                    entered = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
        func open() { lock.withLock { release?.resume(); release = nil } }
    }

    /// A write that advances the incident counter, inserts a row and then fails.
    static func failingWrite(_ ctx: ServiceContext, by desk: Actor) async throws {
        try await ctx.audited(desk, action: "test.fail", objectType: "test") { tx in
            _ = try await Counters.next("INC-2026", on: tx)
            try await tx.sql().raw("INSERT INTO counters (key, value) VALUES ('refused-write', 1)").run()
            throw Refused()
        } as Void
    }

    func testQueuedWritesCommitTogetherAndAFailingOneIsUndoneAlone() async throws {
        let ctx = harness.ctx, desk = desk
        let gate = Gate()
        let holder = Task { try await ctx.writer.write(on: ctx.db) { _ in await gate.enter() } }
        await gate.waitUntilEntered()
        let before = ctx.writer.committed
        // 12 creates and 4 failing writes queue behind the held transaction.
        let outcomes = await withTaskGroup(of: String?.self) { group in
            for index in 0..<16 {
                group.addTask {
                    if index % 4 == 3 {
                        do { try await Self.failingWrite(ctx, by: desk); return "committed a failing write" } catch is Refused { return nil } catch { return "\(error)" }
                    }
                    do {
                        return try await Incidents.create(NewIncident(title: "报障 \(index)", description: "道闸", channel: .api,
                                                                      requesterName: "x"), by: desk, in: ctx).number
                    } catch { return "\(error)" }
                }
            }
            // Let them all reach the queue, then release the held transaction.
            try? await Task.sleep(for: .milliseconds(300))
            gate.open()
            return await group.reduce(into: [String]()) { if let value = $1 { $0.append(value) } }
        }
        try await holder.value
        let numbers = outcomes.sorted()
        XCTAssertEqual(numbers, (1...12).map { String(format: "INC-2026-%06d", $0) }, "gapless: the failing writes gave their numbers back")
        let after = ctx.writer.committed
        XCTAssertEqual(after.writes - before.writes, 16)
        XCTAssertLessThan(after.batches - before.batches, 16, "queued writes share transactions")

        let refused = try await harness.db.sql().raw("SELECT COUNT(*) AS n FROM counters WHERE key = 'refused-write'").first()?.decode(column: "n", as: Int.self)
        XCTAssertEqual(refused, 0)
        let incidents = try await IncidentModel.query(on: harness.db).count()
        let entries = try await IncidentEntryModel.query(on: harness.db).filter(\.$kind == "created").count()
        let search = try await harness.db.sql().raw("SELECT COUNT(*) AS n FROM incident_search").first()?.decode(column: "n", as: Int.self)
        XCTAssertEqual([incidents, entries, search], [12, 12, 12])
        let failed = try await AuditEntryModel.query(on: harness.db).filter(\.$action == "test.fail").count()
        XCTAssertEqual(failed, 0)
        let verification = try await AuditLog.verify(on: harness.db, chain: ctx.chain)
        XCTAssertNil(verification.firstBreak)
        let entriesInLog = try await AuditEntryModel.query(on: harness.db).count()
        XCTAssertEqual(verification.checked, entriesInLog)
        // Each create is audited, once.
        let audited = try await AuditEntryModel.query(on: harness.db).filter(\.$action == AuditAction.incidentCreate.rawValue).count()
        XCTAssertEqual(audited, 12)
    }

    func testDeferredRowsAreInPlaceBeforeTheNextStatementInTheWriteAndInTheBatch() async throws {
        let ctx = harness.ctx
        let first = UUID(), second = UUID()
        let incident = try await Incidents.create(NewIncident(title: "母单", description: "", channel: .api, requesterName: "x"),
                                                  by: desk, in: ctx)
        let incidentId = try incident.requireID()
        let gate = Gate()
        let holder = Task { try await ctx.writer.write(on: ctx.db) { _ in await gate.enter() } }
        await gate.waitUntilEntered()
        // In one write: a deferred row is found by the write's next query.
        async let own: Bool = ctx.writer.write(on: ctx.db) { tx in
            try await Self.entry(first, incident: incidentId).insertRow(on: tx, deferred: true)
            return try await IncidentEntryModel.find(first, on: tx) != nil
        }
        try await Task.sleep(for: .milliseconds(100))
        // In the same batch: a later write finds the row an earlier one deferred.
        async let later: Bool = ctx.writer.write(on: ctx.db) { tx in
            try await Self.entry(second, incident: incidentId).insertRow(on: tx, deferred: true)
            return try await IncidentEntryModel.query(on: tx).filter(\.$id ~~ [first, second]).count() == 2
        }
        try await Task.sleep(for: .milliseconds(100))
        gate.open()
        let (sawOwn, sawEarlier) = try await (own, later)
        try await holder.value
        XCTAssertTrue(sawOwn)
        XCTAssertTrue(sawEarlier)
    }

    static func entry(_ id: UUID, incident: UUID) -> IncidentEntryModel {
        let row = IncidentEntryModel(incidentId: incident, kind: "note", isPublic: false, body: "b", actorId: nil, actorName: "t",
                                     at: Date())
        row.id = id
        return row
    }

    func testAWriteThatOnlyQueuedRowsAndThenFailedLeavesNothing() async throws {
        let ctx = harness.ctx
        do {
            try await ctx.audited(desk, action: "test.fail", objectType: "test") { tx in
                let incident = IncidentModel()
                incident.number = "INC-TEST-1"; incident.title = "t"; incident.description = ""; incident.kind = "fault"
                incident.channel = "api"; incident.status = "new"; incident.impact = 2; incident.urgency = 2; incident.priority = 3
                incident.requesterName = "x"; incident.isMajor = false; incident.slaCalendar = "5x8"; incident.slaClocks = "{}"
                incident.responseBreached = false; incident.resolveBreached = false; incident.reassignCount = 0; incident.urgeCount = 0
                incident.createdAt = Date(); incident.updatedAt = Date()
                try await incident.insertRow(on: tx, deferred: true)
                throw Refused()
            } as Void
            XCTFail("the write should fail")
        } catch is Refused {}
        let count = try await IncidentModel.query(on: harness.db).count()
        let audit = try await AuditEntryModel.query(on: harness.db).count()
        XCTAssertEqual([count, audit], [0, 0])
    }

    func testTheAnchorFollowsTheCommitsAndItsFailureNeverFailsACommittedWrite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoneops-anchor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var ctx = harness.ctx
        let anchor = AuditAnchor(file: folder.appendingPathComponent("audit.head"))
        ctx.writer = Writer(anchor: anchor)
        _ = try await Incidents.create(NewIncident(title: "锚点", description: "", channel: .api, requesterName: "x"), by: desk, in: ctx)
        let head = try await AuditLog.head(on: harness.db)
        let stored = anchor.read()
        XCTAssertNotNil(head)
        XCTAssertEqual(stored?.sequence, head?.sequence)
        XCTAssertEqual(stored?.hash, head?.hash)

        // A data dir that cannot take the file: the create is still committed and answered as such.
        let blocked = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocked)
        ctx.writer = Writer(anchor: AuditAnchor(file: blocked.appendingPathComponent("audit.head")))
        let incident = try await Incidents.create(NewIncident(title: "锚点写不进", description: "", channel: .api, requesterName: "x"),
                                                  by: desk, in: ctx)
        let reloaded = try await IncidentModel.find(incident.id, on: harness.db)
        XCTAssertEqual(reloaded?.number, incident.number)
    }
}
