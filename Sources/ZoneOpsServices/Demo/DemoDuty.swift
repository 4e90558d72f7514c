import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The demo's rosters: the duty officer and two engineers take turns at the 5x8 on-site desk,
/// the four engineers at the 7x24 hotline outside working hours, each generated four weeks
/// ahead through the same services a lead uses. Each start of the demo tops the shifts up
/// when fewer than two weeks remain, so a demo left for a month still shows who is on duty.
enum DemoDuty {
    static let rosters: [Rosters.Draft] = [
        Rosters.Draft(name: "现场服务台（5x8）", kind: .onsite, from: "", participants: ["duty", "engineer", "engineer2"]),
        Rosters.Draft(name: "热线值班（工作时间外7x24）", kind: .hotline, from: "", participants: ["engineer", "engineer2", "engineer3", "engineer4"]),
    ]

    static func load(in ctx: ServiceContext) async throws {
        let now = ctx.now()
        let today = CalendarDate.today(now)
        guard let lead = try await UserModel.query(on: ctx.db).filter(\.$username == "lead").first(), let leadId = lead.id else { return }
        let actor = Actor(userId: leadId.uuidString, name: lead.displayName, address: nil)
        for var draft in rosters {
            var roster = try await RosterModel.query(on: ctx.db).filter(\.$name == draft.name).first()
            if roster == nil {
                draft.from = today.description
                roster = try await Rosters.save(nil, draft, by: actor, in: ctx)
            }
            guard let id = roster?.id else { continue }
            let horizon = today.adding(days: 14).startInBeijing ?? now
            let ahead = try await DutyShiftModel.query(on: ctx.db).filter(\.$rosterId == id).filter(\.$startsAt >= horizon).count()
            if ahead == 0 { _ = try await Rosters.generate(id, from: today, days: 28, by: actor, in: ctx) }
        }
    }
}
