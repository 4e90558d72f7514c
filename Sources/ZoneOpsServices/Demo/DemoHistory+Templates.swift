import Foundation

/// What the demo history's people report, call about and change: plausible, fictional, drawn
/// from the kinds of work the contract names.
enum HistoryTemplates {
    enum Source { case enterprise, customs, inspection }

    struct Ticket {
        var title: String
        var description: String
        var category: String
        var ci: String?
        var from: Source
        var impact = 3
        var urgency = 3
        var fix: String
    }

    struct Call {
        var summary: String
        var becomesIncident: Bool
        var fix: String
    }

    struct Change {
        var title: String
        var description: String
        var ci: String
        var plan: String
        var rollback: String
        var risk: String
    }

    static let tickets: [Ticket] = [
        Ticket(title: "企业物流服务平台登录缓慢", description: "上午登录平台需要等待半分钟以上，影响报关操作。", category: "software.logistics", ci: "ZB-APP-001",
               from: .enterprise, urgency: 2, fix: "应用服务器连接池耗尽，已调整连接池上限并重启接口服务。"),
        Ticket(title: "报关单回执长时间未返回", description: "昨天下午提交的报关单至今没有回执。", category: "software.declaration", ci: "ZB-APP-004",
               from: .enterprise, fix: "回执服务队列积压，已清理积压报文并补发回执。"),
        Ticket(title: "传输平台报文一直待发送", description: "报文发送后状态一直是待发送。", category: "software.transmission", ci: "ZB-APP-002",
               from: .enterprise, urgency: 2, fix: "传输平台证书过期，已更新证书并重发报文。"),
        Ticket(title: "海关端审批页面打开报错", description: "海关端审批页面提示 502。", category: "software.customs", ci: "ZB-APP-003",
               from: .customs, impact: 2, urgency: 2, fix: "审批服务内存溢出，已扩容并重启，增加了内存监控。"),
        Ticket(title: "1号通道地磅读数跳变", description: "空车过磅读数在 0.3 吨上下跳动。", category: "lane.weighbridge", ci: "ZB-KK-017",
               from: .customs, urgency: 2, fix: "地磅传感器接线盒进水，已烘干并重新密封，校磅正常。"),
        Ticket(title: "2号通道道闸抬杆迟缓", description: "道闸抬杆要等 5 秒以上，车辆排队。", category: "lane.gate", ci: "ZB-KK-218",
               from: .customs, urgency: 2, fix: "道闸电机皮带松动，已更换皮带并调试。"),
        Ticket(title: "4号通道车牌识别错误", description: "夜间多次把车牌首字识别错误。", category: "lane.recognition", ci: "ZB-KK-412",
               from: .customs, fix: "调整相机曝光参数并清洁镜头，夜间识别恢复正常。"),
        Ticket(title: "监管仓库摄像机画面模糊", description: "仓库东侧摄像机画面模糊，疑似镜头脏污。", category: "video.camera", ci: "ZB-VID-013",
               from: .customs, fix: "已清洁镜头并重新对焦。"),
        Ticket(title: "录像回放卡顿", description: "调阅上周录像时播放卡顿。", category: "video.nvr", ci: "ZB-NVR-004",
               from: .customs, fix: "硬盘录像机一块硬盘坏道，已更换硬盘并重建阵列。"),
        Ticket(title: "企业办公区网络时断时续", description: "办公区网络每隔几分钟断一次。", category: "network.switching", ci: "ZB-NET-012",
               from: .enterprise, urgency: 2, fix: "接入交换机端口环路，已开启环路检测并关闭异常端口。"),
        Ticket(title: "申请开通企业申报系统新账号", description: "新入职报关员需要开通企业申报系统账号。", category: "consultation", ci: nil,
               from: .enterprise, fix: "账号已开通并告知初始密码修改方式。"),
        Ticket(title: "2号机房精密空调告警", description: "巡检发现精密空调高压告警。", category: "room.cooling", ci: "ZB-JF-102",
               from: .inspection, urgency: 2, fix: "冷凝器脏堵，已清洗冷凝器，告警消除。"),
        Ticket(title: "UPS 电池自检异常", description: "巡检发现 UPS 电池组自检有一节电压偏低。", category: "room.power", ci: "ZB-JF-001",
               from: .inspection, fix: "更换一节落后电池，自检通过。"),
    ]

    static let calls: [Call] = [
        Call(summary: "询问企业申报系统密码重置方法", becomesIncident: false, fix: ""),
        Call(summary: "咨询卡口通行时间和核放单状态查询", becomesIncident: false, fix: ""),
        Call(summary: "询问物流平台操作手册下载位置", becomesIncident: false, fix: ""),
        Call(summary: "报修：企业办公室网口无法上网", becomesIncident: true, fix: "网线水晶头损坏，已重新压制。"),
        Call(summary: "报修：物流平台打印报表乱码", becomesIncident: true, fix: "客户端字体缺失，已远程安装字体。"),
        Call(summary: "报修：3号通道 LED 屏不显示", becomesIncident: true, fix: "LED 屏控制卡死机，已重启并升级固件。"),
    ]

    static let callers: [(name: String, phone: String, company: String)] = [
        ("钱经理", "13800000001", "郑州某物流有限公司"), ("孙会计", "13800000002", "某跨境电商有限公司"),
        ("李报关员", "13800000003", "某国际货运代理有限公司"), ("周主任", "13800000004", "某保税仓储有限公司"),
        ("吴先生", "13800000005", "某电子科技有限公司"),
    ]

    static let changes: [Change] = [
        Change(title: "应用服务器操作系统补丁更新", description: "按月度补丁计划更新操作系统安全补丁。", ci: "ZB-SRV-006",
               plan: "1. 快照\n2. 安装补丁\n3. 重启并验证服务", rollback: "回滚到补丁前快照", risk: "重启期间服务中断约 10 分钟。"),
        Change(title: "防火墙策略调整", description: "为新入驻企业开通访问物流平台的策略。", ci: "ZB-NET-004",
               plan: "新增访问策略并验证", rollback: "删除新增策略", risk: "策略错误可能影响现有访问，变更前备份配置。"),
        Change(title: "硬盘录像机固件升级", description: "升级固件修复录像检索超时。", ci: "ZB-NVR-003",
               plan: "1. 备份配置\n2. 升级固件\n3. 检查通道在线和录像", rollback: "回刷原固件", risk: "升级期间该录像机通道录像中断约 15 分钟。"),
        Change(title: "数据库参数优化", description: "调整数据库连接数和缓存参数。", ci: "ZB-DB-001",
               plan: "修改参数并重启数据库", rollback: "恢复原参数文件", risk: "重启期间物流平台不可用约 5 分钟。"),
        Change(title: "接入交换机配置备份与端口整理", description: "整理空闲端口并关闭未用端口。", ci: "ZB-NET-013",
               plan: "备份配置，关闭空闲端口", rollback: "恢复配置", risk: "误关端口会使设备离线，逐口核对。"),
    ]
}
