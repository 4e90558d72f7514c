import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire
import ZoneSimulator

/// One history run: plans each day's work onto the agenda, then plays it in time order through
/// the services, on the simulated clock.
final class HistoryRun {
    struct Person {
        var actor: Actor
        var subject: Subject
        var id: UUID
        var organizationId: UUID?
    }

    let ctx: ServiceContext
    let clock: SimulatedClock
    let start: Date
    let end: Date
    var rng: SplitMix64
    var traffic: LaneTraffic
    var agenda = Agenda()
    var summary = DemoHistory.Summary()
    let intake: EventIntake
    let pipeline: EventPipeline
    let lanes: LanePassIntake
    let people: [String: Person]
    let settings: MonitoringSettings
    /// Lane code → the spans its plate camera read nothing in.
    var blind: [String: [TimeSpan]] = [:]

    static let engineers = ["engineer", "engineer2", "engineer3", "engineer4"]
    static let enterprises = ["enterprise", "enterprise2"] + (3...20).map { String(format: "ent%02d", $0) }

    init(ctx: ServiceContext, clock: SimulatedClock, start: Date, end: Date, seed: UInt64) async throws {
        self.ctx = ctx
        self.clock = clock
        self.start = start
        self.end = end
        rng = SplitMix64(seed: seed)
        traffic = LaneTraffic(seed: seed &+ 1)
        intake = EventIntake(ctx: ctx)
        pipeline = EventPipeline(ctx: ctx, graphs: RelationGraphCache())
        lanes = LanePassIntake(ctx: ctx, events: intake)
        settings = try await MonitoringStore.load(on: ctx.db)
        var people: [String: Person] = [:]
        for user in try await UserModel.query(on: ctx.db).all() {
            guard let id = user.id, let role = Role(rawValue: user.role) else { continue }
            people[user.username] = Person(actor: Actor(userId: id.uuidString, name: user.displayName, address: nil),
                                           subject: Subject(userId: id.uuidString, role: role, organizationId: user.$organization.id?.uuidString),
                                           id: id, organizationId: user.$organization.id)
        }
        guard people["lead"] != nil, people["duty"] != nil, people["customs"] != nil, Self.engineers.allSatisfy({ people[$0] != nil }) else {
            throw AppError.rule(code: "demo_not_loaded", .simUnavailable)
        }
        self.people = people
    }

    func person(_ username: String) -> Person { people[username]! }
    func minutes(_ range: ClosedRange<Int>) -> TimeInterval { TimeInterval(rng.int(range) * 60) }

    // MARK: Plan

    func plan() async throws {
        let days = Int((end.timeIntervalSince(start) / 86_400).rounded(.up))
        // Two spells of a blind plate camera (lanes 1 and 4), three hours each.
        for (lane, day) in [("K01-IN", days / 3), ("K04-IN", days * 3 / 4)] where day > 0 {
            let from = start.addingTimeInterval(Double(day) * 86_400 + 10 * 3600)
            blind[lane, default: []].append(TimeSpan(start: from, end: from.addingTimeInterval(3 * 3600)))
        }
        for day in 0..<days {
            let dayStart = start.addingTimeInterval(Double(day) * 86_400)
            let weekday = Calendar.beijing.component(.weekday, from: dayStart)
            let working = weekday != 1 && weekday != 7
            agenda.add(dayStart.addingTimeInterval(600)) { try await self.housekeeping() }
            for hour in 0..<24 {
                let from = dayStart.addingTimeInterval(Double(hour) * 3600)
                agenda.add(from.addingTimeInterval(3600)) { try await self.lanePasses(from: from, hour: hour) }
            }
            for _ in 0..<(working ? rng.int(2...5) : rng.int(0...2)) {
                let template = rng.pick(HistoryTemplates.tickets)
                agenda.add(dayStart.addingTimeInterval(minutes(8 * 60...19 * 60))) { try await self.report(template) }
            }
            for _ in 0..<(working ? rng.int(2...4) : rng.int(0...2)) {
                let template = rng.pick(HistoryTemplates.calls)
                agenda.add(dayStart.addingTimeInterval(minutes(7 * 60...22 * 60))) { try await self.call(template) }
            }
            if rng.chance(0.5) {
                agenda.add(dayStart.addingTimeInterval(minutes(0...1439))) { try await self.outage(switchDown: self.rng.chance(0.08)) }
            }
            if working, weekday == 2 || weekday == 5, rng.chance(0.8) {
                let template = rng.pick(HistoryTemplates.changes)
                agenda.add(dayStart.addingTimeInterval(minutes(9 * 60...16 * 60))) { try await self.raiseChange(template) }
            }
        }
    }

    func play(progress: @Sendable (String) -> Void) async throws -> DemoHistory.Summary {
        var week = 0
        while let step = agenda.next() {
            guard step.at <= end else { break }
            clock.set(step.at)
            try await step.run()
            summary.steps += 1
            let reached = Int(step.at.timeIntervalSince(start) / (7 * 86_400))
            if reached > week {
                week = reached
                progress("历史第 \(week) 周 / week \(week): \(summary.tickets) 工单, \(summary.lanePasses) 过车, \(summary.outages) 次设备故障")
            }
        }
        clock.set(end)
        _ = try await pipeline.process(now: end)
        summary.monitoringIncidents = try await IncidentModel.query(on: ctx.db).filter(\.$channel == IncidentChannel.monitoring.rawValue)
            .filter(\.$createdAt >= start).count()
        return summary
    }

    // MARK: Steps

    func housekeeping() async throws {
        _ = try await Incidents.checkSLA(now: clock.now, in: ctx)
        _ = try await Incidents.autoClose(now: clock.now, in: ctx)
    }

    func lanePasses(from: Date, hour: Int) async throws {
        let rate = (8..<19).contains(hour) ? 16.0 : (19..<23).contains(hour) ? 8.0 : 3.0
        var batch: [LanePassMessage] = []
        for lane in DemoSimulation.lanes {
            let count = Int((rate * (0.6 + 0.8 * Double(rng.int(0...1000)) / 1000)).rounded())
            let times = (0..<count).map { _ in from.addingTimeInterval(Double(rng.int(0...3_599_000)) / 1000) }.sorted()
            var last = Date.distantPast
            for time in times {
                let left = max(time, last.addingTimeInterval(0.001))
                last = left
                let recognising = !(blind[lane.code] ?? []).contains { $0.start <= left && left < $0.end }
                batch.append(traffic.pass(on: lane, leftAt: left, recognising: recognising))
            }
        }
        summary.lanePasses += try await lanes.accept(batch).accepted
        try await settle()
    }

    /// Lets the pipeline apply what arrived, and once more after its holds.
    func settle() async throws {
        guard try await EventRecordModel.query(on: ctx.db).filter(\.$processed == false).count() > 0 else { return }
        _ = try await pipeline.process(now: clock.now)
        let later = TimeInterval(max(settings.openDelaySeconds, settings.recoveryHoldSeconds) + 2)
        agenda.add(clock.now.addingTimeInterval(later)) { _ = try await self.pipeline.process(now: self.clock.now) }
    }

    func report(_ template: HistoryTemplates.Ticket) async throws {
        let requester: Person
        let channel: IncidentChannel
        switch template.from {
        case .enterprise: requester = person(rng.pick(Self.enterprises.filter { people[$0] != nil })); channel = rng.chance(0.3) ? .mobile : .portal
        case .customs: requester = person("customs"); channel = .portal
        case .inspection: requester = person(rng.pick(Self.engineers)); channel = .inspection
        }
        let input = NewIncident(title: template.title, description: template.description, impact: template.impact, urgency: template.urgency,
                                channel: channel, cis: template.ci.map { [$0] } ?? [], categoryKey: template.category,
                                requesterId: requester.id, requesterName: requester.actor.name, organizationId: requester.organizationId)
        let incident = try await Incidents.create(input, by: requester.actor, in: ctx)
        summary.tickets += 1
        work(try incident.requireID(), fix: template.fix, requester: requester.subject.role == .enterprise || requester.subject.role == .customs ? requester : nil)
    }

    /// Assign, start, resolve (now and then late), confirm and rate: each step some minutes or hours after the last.
    func work(_ id: UUID, fix: String, requester: Person?) {
        let engineer = person(rng.pick(Self.engineers))
        let lead = person("lead")
        let slow = rng.chance(0.12)
        let assignAfter = minutes(3...40), startAfter = assignAfter + minutes(5...60)
        let resolveAfter = startAfter + (slow ? minutes(8 * 60...72 * 60) : minutes(20...240))
        let confirmAfter = resolveAfter + minutes(30...20 * 60)
        let rating = rng.chance(0.6) ? 5 : rng.chance(0.6) ? 4 : rng.chance(0.7) ? 3 : 2
        let now = clock.now
        agenda.add(now + assignAfter) {
            _ = try await Incidents.assign(id, assignee: engineer.id.uuidString, group: nil, by: lead.actor, in: self.ctx)
        }
        agenda.add(now + startAfter) { _ = try await Incidents.acknowledge(id, start: true, by: engineer.actor, in: self.ctx) }
        agenda.add(now + resolveAfter) { _ = try await Incidents.resolve(id, resolution: fix, code: "fixed", by: engineer.actor, in: self.ctx) }
        agenda.add(now + confirmAfter) {
            _ = try await Incidents.close(id, by: requester?.actor ?? lead.actor, in: self.ctx)
            if let requester, self.rng.chance(0.8) {
                _ = try await Incidents.survey(id, rating: rating, comment: rating <= 3 ? "处理时间偏长" : nil, by: requester.actor, in: self.ctx)
            }
        }
    }

    func call(_ template: HistoryTemplates.Call) async throws {
        let duty = person("duty")
        let result: Hotline.Result = rng.chance(0.08) ? .missed : template.becomesIncident ? .incident : .answered
        let caller = rng.pick(HistoryTemplates.callers)
        let logged = try await Hotline.log(Hotline.Call(callerName: caller.name, phone: caller.phone, organizationName: caller.company,
                                                        summary: template.summary, result: result), by: duty.actor, in: ctx)
        summary.calls += 1
        if let incident = logged.incident {
            summary.tickets += 1
            work(try incident.requireID(), fix: template.fix, requester: nil)
        } else if result == .missed {
            let id = logged.call
            agenda.add(clock.now + minutes(10...90)) { try await Hotline.calledBack(id, note: "已回电，问题已解答。", by: duty.actor, in: self.ctx) }
        }
    }
}

extension Calendar {
    static let beijing: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar
    }()
}
