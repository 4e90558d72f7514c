import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The demo zone: its organizations and one account per role. Loading twice changes nothing.
public enum DemoZone {
    public struct Account: Sendable {
        public var username: String
        public var displayName: String
        public var role: Role
        public var organization: String
    }

    /// Demo accounts all share this password; the demo is for looking around, never production.
    public static let password = "zoneops-demo"
    static let customsName = "郑州经开海关"
    /// The zone's enterprises (fictional); the first two have the printed accounts, every one a user `entNN`.
    static let enterpriseNames = [
        "河南中原跨境电商有限公司", "郑州航空港保税物流有限公司", "郑州经开冷链供应链有限公司", "河南豫欧国际货运代理有限公司",
        "郑州保税精密电子有限公司", "中原国际汽车零部件贸易有限公司", "郑州嵩岳保税仓储有限公司", "河南黄河跨境贸易服务有限公司",
        "郑州经开医疗器械进出口有限公司", "河南商都保税展示交易有限公司", "郑州中欧班列集货有限公司", "河南绿野农产品进出口有限公司",
        "郑州云端数据设备有限公司", "河南广源化妆品贸易有限公司", "郑州鼎盛保税维修有限公司", "河南华夏酒业进口有限公司",
        "郑州新航线国际物流有限公司", "河南优选母婴跨境有限公司", "郑州保税光电科技有限公司", "河南东方纺织品进出口有限公司",
    ]

    public static let accounts: [Account] = [
        Account(username: "lead", displayName: "王建国", role: .lead, organization: Bootstrap.providerName),
        Account(username: "engineer", displayName: "李志强", role: .engineer, organization: Bootstrap.providerName),
        Account(username: "engineer2", displayName: "张伟", role: .engineer, organization: Bootstrap.providerName),
        Account(username: "engineer3", displayName: "杨帆", role: .engineer, organization: Bootstrap.providerName),
        Account(username: "engineer4", displayName: "黄磊", role: .engineer, organization: Bootstrap.providerName),
        Account(username: "duty", displayName: "刘敏", role: .duty, organization: Bootstrap.providerName),
        Account(username: "supervisor", displayName: "陈静", role: .supervisor, organization: Bootstrap.administrationName),
        Account(username: "customs", displayName: "赵海关", role: .customs, organization: customsName),
        Account(username: "enterprise", displayName: "孙经理", role: .enterprise, organization: enterpriseNames[0]),
        Account(username: "enterprise2", displayName: "周主管", role: .enterprise, organization: enterpriseNames[1]),
    ]

    public static func load(in ctx: ServiceContext) async throws {
        var organizations: [String: OrganizationModel] = [:]
        let wanted: [(String, OrganizationKind)] = [
            (Bootstrap.administrationName, .administration), (Bootstrap.providerName, .provider), (customsName, .customs),
        ] + enterpriseNames.map { ($0, .enterprise) }
        for (name, kind) in wanted {
            organizations[name] = try await Bootstrap.organization(named: name, kind: kind, in: ctx)
        }
        for account in accounts
        where try await UserModel.query(on: ctx.db).filter(\.$username == account.username).first() == nil {
            let input = Accounts.NewUser(username: account.username, displayName: account.displayName,
                                         password: password, role: account.role.rawValue,
                                         organizationId: organizations[account.organization]?.id?.uuidString)
            _ = try await Accounts.createUser(input, by: .system, in: ctx)
        }
        // One user for each of the other enterprises (not printed: `ent03` … `ent20`, same password).
        for (index, name) in enterpriseNames.enumerated().dropFirst(2) {
            let username = String(format: "ent%02d", index + 1)
            guard try await UserModel.query(on: ctx.db).filter(\.$username == username).first() == nil else { continue }
            _ = try await Accounts.createUser(Accounts.NewUser(username: username, displayName: String(name.prefix(4)) + "联系人", password: password,
                                                               role: Role.enterprise.rawValue, organizationId: organizations[name]?.id?.uuidString),
                                              by: .system, in: ctx)
        }
        if try await ServiceDeskContact.load(on: ctx.db).isEmpty {
            try await ServiceDeskContact.save(demoServiceDesk, by: .system, in: ctx)
        }
        try await DemoEstate.load(in: ctx)
        try await DemoWork.load(in: ctx)
        try await DemoDuty.load(in: ctx)
    }

    /// The demo's service desk, as an admin would set it on 系统设置.
    static let demoServiceDesk = ServiceDeskContact(hotline: "0371-6655 8800", hours: "7×24 小时", email: "helpdesk@zzzone.example",
                                                    note: "卡口、视频故障请直接拨打热线，并说明通道号或摄像机位置。")
}
