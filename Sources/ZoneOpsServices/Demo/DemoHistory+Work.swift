import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

extension HistoryRun {
    /// A device fails and later answers again, as its probes would report it through the
    /// pipeline; now and then an access switch goes down with the cameras behind it (one
    /// incident for all of them, by correlation).
    func outage(switchDown: Bool) async throws {
        var tags: [(tag: String, check: String)]
        if switchDown {
            let access = rng.pick(["ZB-NET-011", "ZB-NET-012", "ZB-NET-013"])
            let nvrs = (1...8).filter { DemoEstate.nvrSwitch($0) == access }
            tags = [(access, "snmp")] + nvrs.flatMap { n in (1...DemoEstate.camerasPerNVR).map { (DemoEstate.cameraTag(nvr: n, channel: $0), "rtsp") } }
        } else {
            tags = [rng.pick([
                (DemoEstate.cameraTag(nvr: rng.int(1...8), channel: rng.int(1...DemoEstate.camerasPerNVR)), "rtsp"),
                (DemoEstate.cameraTag(nvr: rng.int(1...8), channel: rng.int(1...DemoEstate.camerasPerNVR)), "rtsp"),
                (String(format: "ZB-SRV-%03d", rng.int(4...20)), "tcp"),
                ("ZB-APP-00\(rng.int(1...4))-S\(rng.int(1...2))", "http"),
                ("ZB-KK-\(rng.int(2...6))15", "tcp"),
                ("ZB-NVR-00\(rng.int(2...8))", "isapi"),
            ])]
        }
        let down = try tags.map { tag, check in
            try IncomingEvent.make(source: "probe", ciRef: tag, host: nil, check: check, severity: "critical",
                                   summary: "连续 3 次探测无响应", fingerprint: nil, occurredAt: clock.now)
        }
        try await intake.accept(down)
        summary.outages += 1
        try await settle()
        let back = down.map { event in
            var ok = event
            ok.severity = .ok
            ok.summary = "恢复应答"
            return ok
        }
        agenda.add(clock.now + minutes(switchDown ? 20...90 : 10...300)) {
            let at = self.clock.now
            try await self.intake.accept(back.map { var ok = $0; ok.occurredAt = at; return ok })
            try await self.settle()
        }
    }

    /// A normal change raised by an engineer for a night window a few days ahead, approved by the
    /// lead, implemented and completed in its window (one in ten rolled back), reviewed the next day.
    func raiseChange(_ template: HistoryTemplates.Change) async throws {
        let engineer = person(rng.pick(Self.engineers)), lead = person("lead")
        let day = CalendarDate.today(clock.now).adding(days: rng.int(2...5))
        guard let night = day.startInBeijing?.addingTimeInterval(TimeInterval(rng.int(21...22) * 3600)) else { return }
        let finish = night.addingTimeInterval(TimeInterval(rng.int(1...3) * 1800))
        let change = try await Changes.create(ChangeDraft(title: template.title, type: .normal, description: template.description, cis: [template.ci],
                                                          plannedStart: night, plannedEnd: finish, plan: template.plan,
                                                          rollbackPlan: template.rollback, risk: template.risk), by: engineer.actor, in: ctx)
        let id = try change.requireID()
        _ = try await Changes.perform(.submit, on: id, ChangeStep(), by: engineer.actor, subject: engineer.subject, in: ctx)
        summary.changes += 1
        let rolledBack = rng.chance(0.1)
        agenda.add(clock.now + minutes(60...20 * 60)) {
            _ = try await Changes.perform(.approve, on: id, ChangeStep(comment: "同意，按计划窗口实施。"), by: lead.actor, subject: lead.subject, in: self.ctx)
        }
        agenda.add(night) { _ = try await Changes.perform(.implement, on: id, ChangeStep(), by: engineer.actor, subject: engineer.subject, in: self.ctx) }
        agenda.add(finish) {
            _ = try await Changes.perform(.complete, on: id, ChangeStep(comment: rolledBack ? "验证未通过，已按回退方案恢复。" : "实施完成，验证正常。",
                                                                        result: rolledBack ? .rolledBack : .completed),
                                          by: engineer.actor, subject: engineer.subject, in: self.ctx)
        }
        agenda.add(finish + 12 * 3600) {
            _ = try await Changes.perform(.review, on: id, ChangeStep(comment: rolledBack ? "回退原因已记录，择期重新申请。" : "变更效果符合预期。"),
                                          by: lead.actor, subject: lead.subject, in: self.ctx)
        }
    }
}
