import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The demo's change work, made through the same services people use: a major change on the
/// core switch approved by the administration a week ahead, a normal change on the checkpoint
/// switch that collides with it, the year-end customs blackout, a known error with its
/// workaround, and an NVR firmware release deployed to the NVR. Loaded once (when there are
/// no changes yet).
enum DemoWork {
    static func load(in ctx: ServiceContext) async throws {
        guard try await ChangeModel.query(on: ctx.db).count() == 0 else { return }
        func person(_ username: String) async throws -> (Actor, Subject)? {
            guard let user = try await UserModel.query(on: ctx.db).filter(\.$username == username).first(), let id = user.id,
                  let role = Role(rawValue: user.role) else { return nil }
            return (Actor(userId: id.uuidString, name: user.displayName, address: nil), Subject(userId: id.uuidString, role: role, organizationId: nil))
        }
        guard let (engineer, engineerSubject) = try await person("engineer"), let (lead, leadSubject) = try await person("lead"),
              let (supervisor, supervisorSubject) = try await person("supervisor") else { return }
        let now = ctx.now()
        let day = CalendarDate.today(now)
        func at(_ days: Int, _ hour: Int) -> Date { (day.adding(days: days).startInBeijing ?? now).addingTimeInterval(TimeInterval(hour * 3600)) }

        _ = try await Blackouts.create(title: "年底海关业务高峰（封网）", start: at(20, 0), end: at(27, 0), by: supervisor, in: ctx)
        let major = try await Changes.create(ChangeDraft(
            title: "核心交换机固件升级", type: .major, description: "厂商安全公告要求升级核心交换机固件。", cis: ["ZB-NET-001"],
            plannedStart: at(7, 22), plannedEnd: at(8, 1), plan: "1. 备份配置\n2. 上传固件并重启\n3. 检查各业务系统和卡口链路",
            rollbackPlan: "回刷原固件并恢复备份配置", risk: "重启期间全区网络中断约10分钟，选在夜间无通关时段。",
            testEvidence: "测试环境同型号设备升级通过。"), by: engineer, in: ctx)
        let majorId = try major.requireID()
        _ = try await Changes.perform(.submit, on: majorId, ChangeStep(), by: engineer, subject: engineerSubject, in: ctx)
        _ = try await Changes.perform(.approve, on: majorId, ChangeStep(comment: "同意，请提前通知海关和区内企业。"), by: supervisor,
                                      subject: supervisorSubject, in: ctx)
        let normal = try await Changes.create(ChangeDraft(
            title: "卡口接入交换机端口扩容", type: .normal, cis: ["ZB-NET-002"], plannedStart: at(7, 23), plannedEnd: at(8, 0),
            plan: "新增两个千兆端口给2号通道", rollbackPlan: "撤回新增端口配置"), by: lead, in: ctx)
        _ = try await Changes.perform(.submit, on: try normal.requireID(), ChangeStep(), by: lead, subject: leadSubject, in: ctx)

        let problem = try await Problems.create(Problems.Draft(title: "1号通道车牌相机夜间识别率低", description: "夜间车牌识别反复失败，需人工核对。",
                                                               cis: ["ZB-KK-012"]), by: engineer, in: ctx)
        _ = try await Problems.investigate(try problem.requireID(), note: "夜间现场查看，补光灯亮度明显不足。", rootCause: "补光灯老化，夜间照度不足",
                                           workaround: "夜间由值守人员人工核对车牌后放行，并登记。", knownError: true, by: engineer, in: ctx)

        let release = try await Releases.create(Releases.Draft(name: "海康 NVR 固件", kind: .firmware, version: "V4.1.0", rollbackVersion: "V4.0.1",
                                                               notes: "修复录像检索超时；新增通道离线告警。"), by: engineer, in: ctx)
        _ = try await Releases.deploy(try release.requireID(), to: ["ZB-VID-001"], by: engineer, in: ctx)
    }
}
