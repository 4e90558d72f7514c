import FluentKit
import Foundation
import XCTest
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// The jobs table and its scheduler on a real database, without Vapor.
final class SchedulerTests: XCTestCase {
    var h: ServiceHarness!
    override func setUp() async throws { h = try await ServiceHarness() }
    override func tearDown() async throws { await h.shutdown() }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var runs: [String] = []
        func add(_ owner: String) { lock.withLock { runs.append(owner) } }
        var all: [String] { lock.withLock { runs } }
    }

    func scheduler(_ owner: String, counter: Counter, failures: Int = 0) -> Scheduler {
        var scheduler = Scheduler(owner: owner, db: h.db, now: { [h] in h!.now })
        let failed = Counter()
        scheduler.register("test.job") { job, _ in
            counter.add(owner)
            if failed.all.count < failures {
                failed.add(owner)
                throw NSError(domain: "测试", code: 1, userInfo: [NSLocalizedDescriptionKey: "第 \(job.attempts) 次失败"])
            }
            return "done by \(owner)"
        }
        return scheduler
    }

    func testEachJobRunsOnceWhenSeveralInstancesTickTogether() async throws {
        for index in 0..<40 {
            try await JobQueue.enqueue(kind: "test.job", payload: #"{"n":\#(index)}"#, runAt: h.now, now: h.now, on: h.db)
        }
        let counter = Counter()
        let instances = (0..<4).map { scheduler("instance-\($0)", counter: counter) }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for instance in instances {
                group.addTask { var ran = 0; for _ in 0..<6 { ran += try await instance.tick() }; return ran }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(counter.all.count, 40, "every job ran exactly once")
        let jobs = try await JobQueue.recent(limit: 100, on: h.db)
        XCTAssertEqual(Set(jobs.map(\.status)), [.succeeded])
        XCTAssertEqual(jobs.map(\.attempts), Array(repeating: 1, count: 40))
    }

    func testAFailedJobIsRetriedWithBackoffThenMarkedFailed() async throws {
        try await JobQueue.enqueue(kind: "test.job", runAt: h.now, maxAttempts: 3, now: h.now, on: h.db)
        let counter = Counter()
        let worker = scheduler("a", counter: counter, failures: 10)
        try await worker.tick()
        var job = try await XCTUnwrapAsync(try await JobQueue.recent(limit: 1, on: h.db).first)
        XCTAssertEqual(job.status, .queued)
        XCTAssertEqual(job.runAt.timeIntervalSince(h.now), 30, accuracy: 1, "first retry after 30 s")
        XCTAssertEqual(job.lastError?.contains("第 1 次失败"), true, job.lastError ?? "")
        h.advance(10)
        let ran2818 = try await worker.tick()
        XCTAssertEqual(ran2818, 0, "not before its time")
        h.advance(25)
        let ran2914 = try await worker.tick()
        XCTAssertEqual(ran2914, 1)
        job = try await XCTUnwrapAsync(try await JobQueue.recent(limit: 1, on: h.db).first)
        XCTAssertEqual(job.runAt.timeIntervalSince(h.now), 60, accuracy: 1, "then after 1 min")
        h.advance(61)
        try await worker.tick()
        job = try await XCTUnwrapAsync(try await JobQueue.recent(limit: 1, on: h.db).first)
        XCTAssertEqual(job.status, .failed, "out of attempts")
        XCTAssertEqual(job.attempts, 3)
        h.advance(7200)
        let ran3426 = try await worker.tick()
        XCTAssertEqual(ran3426, 0, "a failed job stays failed")
        XCTAssertEqual(counter.all.count, 3)
    }

    func testAJobWhoseInstanceDiedIsTakenOverAfterItsLease() async throws {
        try await JobQueue.enqueue(kind: "test.job", runAt: h.now, now: h.now, on: h.db)
        let claimed = try await JobQueue.lease(owner: "dead", now: h.now, lease: 300, limit: 10, on: h.db)
        XCTAssertEqual(claimed.count, 1)
        let counter = Counter()
        let survivor = scheduler("survivor", counter: counter)
        let ran3966 = try await survivor.tick()
        XCTAssertEqual(ran3966, 0, "still leased")
        h.advance(301)
        let ran4058 = try await survivor.tick()
        XCTAssertEqual(ran4058, 1)
        XCTAssertEqual(counter.all, ["survivor"])
    }

    func testARecurringJobIsEnqueuedOncePerOccurrence() async throws {
        let counter = Counter()
        var a = scheduler("a", counter: counter)
        var b = scheduler("b", counter: counter)
        let nightly = Scheduler.Recurring(kind: "test.job", recurrence: .daily(hour: 2, minute: 0, zone: TimeZone(identifier: "Asia/Shanghai")!))
        a.recurring = [nightly]
        b.recurring = [nightly]
        for _ in 0..<3 {
            try await a.tick()
            try await b.tick()
        }
        XCTAssertEqual(counter.all.count, 1, "today's run once, whoever ticks")
        h.advance(86_400)
        try await b.tick()
        try await a.tick()
        XCTAssertEqual(counter.all.count, 2, "and tomorrow's once")
        let occurrences = try await JobQueue.recent(limit: 10, on: h.db).compactMap(\.occurrence)
        XCTAssertEqual(occurrences, ["2026-11-19", "2026-11-18"])
    }

    func testAJobOfAnUnknownKindFailsWithAReason() async throws {
        try await JobQueue.enqueue(kind: "nobody.handles.this", runAt: h.now, maxAttempts: 1, now: h.now, on: h.db)
        try await scheduler("a", counter: Counter()).tick()
        let job = try await XCTUnwrapAsync(try await JobQueue.recent(limit: 1, on: h.db).first)
        XCTAssertEqual(job.status, .failed)
        XCTAssertEqual(job.lastError?.contains("没有处理这种任务的程序"), true)
    }
}

func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let unwrapped = try await value()
    return try XCTUnwrap(unwrapped, file: file, line: line)
}
