import FluentKit
import Foundation
import Synchronization
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire
import ZoneSimulator

/// `zoneops demo --history 90d`: months of past operation of the demo zone, made by driving the
/// same services people, devices and lane controllers drive, on a simulated clock that steps
/// from the first day to now. Nothing is written into a table directly: tickets are reported,
/// assigned, worked, resolved, confirmed and rated; hotline calls are logged; changes are raised,
/// approved, implemented, completed and reviewed; devices fail and recover as events through the
/// monitoring pipeline (which opens, correlates and resolves their incidents and keeps the state
/// history availability is counted from); lanes report their passes through the lane intake. So
/// every KPI, SLA outcome, rating and report over the period comes out of the records as it would
/// in a real zone.
///
/// The work is an agenda of timed steps run in time order; a step may schedule the next step of
/// its ticket or change. Steps that would fall after now are left undone, so the zone ends with
/// work in hand. Made once: the period made is kept in the `demo.history` setting.
public enum DemoHistory {
    public struct Summary: Sendable, Equatable {
        public var days = 0
        public var tickets = 0
        public var calls = 0
        public var changes = 0
        public var outages = 0
        public var monitoringIncidents = 0
        public var lanePasses = 0
        public var steps = 0
    }

    public static let settingKey = "demo.history"
    public static let maxDays = 400

    /// Reads `90d`, `12w` or a plain number of days.
    public static func days(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit: Int = trimmed.hasSuffix("w") ? 7 : 1
        let digits = trimmed.hasSuffix("d") || trimmed.hasSuffix("w") ? String(trimmed.dropLast()) : trimmed
        guard digits.count <= 4, let value = Int(digits), value > 0, value * unit <= maxDays else { return nil }
        return value * unit
    }

    /// Makes `days` days of history up to `base.now()`, unless history was made before (nil then).
    /// `progress` hears a line a simulated week.
    public static func run(days: Int, in base: ServiceContext, seed: UInt64 = 20_261_201,
                           progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Summary? {
        guard (1...maxDays).contains(days) else { throw AppError.outOfRange(field: "history", lower: 1, upper: maxDays) }
        if try await SettingModel.query(on: base.db).filter(\.$key == settingKey).first() != nil { return nil }
        let end = base.now()
        let start = (CalendarDate.today(end).adding(days: -days).startInBeijing ?? end.addingTimeInterval(-Double(days) * 86_400))
        let clock = SimulatedClock(start)
        var ctx = base
        ctx.now = { clock.now }
        let run = try await HistoryRun(ctx: ctx, clock: clock, start: start, end: end, seed: seed)
        try await run.plan()
        var summary = try await run.play(progress: progress)
        summary.days = days
        let record = HistoryRecord(from: start, to: end, summary: summary)
        let setting = SettingModel()
        setting.key = settingKey
        setting.value = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        try await base.writer.write(on: base.db) { tx in try await setting.save(on: tx) }
        return summary
    }

    struct HistoryRecord: Codable {
        var from: Date
        var to: Date
        var tickets: Int
        var calls: Int
        var changes: Int
        var outages: Int
        var lanePasses: Int

        init(from: Date, to: Date, summary: Summary) {
            self.from = from
            self.to = to
            tickets = summary.tickets
            calls = summary.calls
            changes = summary.changes
            outages = summary.outages
            lanePasses = summary.lanePasses
        }
    }
}

/// The clock the history's services read: set by the agenda to each step's time.
final class SimulatedClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func set(_ date: Date) { current.withLock { $0 = max($0, date) } }
}

/// Timed steps in time order (a binary heap; equal times keep the order they were added in).
struct Agenda {
    struct Step {
        var at: Date
        var order: Int
        var run: () async throws -> Void
    }

    private var heap: [Step] = []
    private var added = 0
    var count: Int { heap.count }

    mutating func add(_ at: Date, _ run: @escaping () async throws -> Void) {
        heap.append(Step(at: at, order: added, run: run))
        added += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func next() -> Step? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = parent * 2 + 1, right = left + 1
            var smallest = parent
            if left < heap.count, Self.before(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.before(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }

    static func before(_ a: Step, _ b: Step) -> Bool { (a.at, a.order) < (b.at, b.order) }
}
