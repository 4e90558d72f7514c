/// The built-in CI types of API.md, with the attributes each kind of device or system carries.
/// A migration seeds them; after that they are data an admin may extend.
public enum BuiltInCITypes {
    typealias A = AttributeDefinition
    typealias C = AttributeKind.Choice

    static let direction: AttributeKind = .choice([C("in", "进区", "in"), C("out", "出区", "out")])
    static let position: AttributeKind = .choice([C("front", "前", "front"), C("rear", "后", "rear"), C("side", "侧", "side")])

    public static let all: [CITypeDefinition] = applications + compute + network + video + checkpoint + machineRoom

    static let applications: [CITypeDefinition] = [
        CITypeDefinition("business_system", "业务系统", "Business system", .application, [
            A("url", "访问地址", "URL"), A("developer", "开发商", "Developer"), A("businessOwner", "业务负责人", "Business owner"),
        ]),
        CITypeDefinition("service", "服务/接口", "Service / interface", .application, [
            A("url", "地址", "URL"), A("port", "端口", "Port", .integer), A("counterpart", "对接方", "Counterpart"),
        ]),
        CITypeDefinition("database", "数据库", "Database", .application, [
            A("engine", "数据库类型", "Engine", .choice([C("oracle", "Oracle", "Oracle"), C("mysql", "MySQL", "MySQL"),
                C("postgresql", "PostgreSQL", "PostgreSQL"), C("sqlserver", "SQL Server", "SQL Server"),
                C("dameng", "达梦", "Dameng"), C("kingbase", "人大金仓", "Kingbase"), C("other", "其他", "Other")])),
            A("instance", "实例名", "Instance"), A("port", "端口", "Port", .integer), A("backupPolicy", "备份策略", "Backup policy"),
        ]),
    ]

    static let compute: [CITypeDefinition] = [
        CITypeDefinition("server", "服务器", "Server", .compute, [
            A("form", "形态", "Form", .choice([C("physical", "物理机", "physical"), C("virtual", "虚拟机", "virtual")])),
            A("os", "操作系统", "Operating system"), A("cpuCores", "CPU核数", "CPU cores", .integer),
            A("memoryGB", "内存(GB)", "Memory (GB)", .integer), A("bmcIP", "BMC地址", "BMC address", .ipAddress),
        ]),
        CITypeDefinition("storage", "存储", "Storage array", .compute, [
            A("capacityTB", "容量(TB)", "Capacity (TB)", .decimal), A("raid", "RAID级别", "RAID level"),
        ]),
        CITypeDefinition("fc_switch", "光纤交换机", "FC switch", .compute, [A("ports", "端口数", "Ports", .integer)]),
        CITypeDefinition("backup", "备份系统", "Backup software / job", .compute, [
            A("software", "备份软件", "Software"), A("schedule", "备份计划", "Schedule"),
            A("retentionDays", "保留天数", "Retention (days)", .integer), A("lastRestoreTest", "最近恢复测试", "Last restore test", .date),
        ]),
    ]

    static let network: [CITypeDefinition] = [
        CITypeDefinition("switch", "交换机", "Switch", .network, [
            A("layer", "层级", "Layer", .choice([C("core", "核心", "core"), C("aggregation", "汇聚", "aggregation"),
                                              C("access", "接入", "access")])),
            A("ports", "端口数", "Ports", .integer),
        ]),
        CITypeDefinition("router", "路由器", "Router", .network, [A("wanLinks", "广域链路数", "WAN links", .integer)]),
        CITypeDefinition("firewall", "防火墙", "Firewall", .network, [
            A("haMode", "高可用模式", "HA mode", .choice([C("standalone", "单机", "standalone"),
                C("active_standby", "主备", "active-standby"), C("active_active", "双活", "active-active")])),
        ]),
        CITypeDefinition("av_gateway", "防病毒网关", "Antivirus gateway", .network, [
            A("signatureVersion", "病毒库版本", "Signature version"), A("signatureEnd", "病毒库到期", "Signature end", .date),
        ]),
        CITypeDefinition("network_audit", "网络审计", "Network audit", .network, [
            A("logRetentionDays", "日志保留天数", "Log retention (days)", .integer),
        ]),
        CITypeDefinition("link", "线路", "Link", .network, [
            A("carrier", "运营商", "Carrier"), A("bandwidthMbps", "带宽(Mbps)", "Bandwidth (Mbps)", .integer),
            A("circuitId", "线路编号", "Circuit id"),
        ]),
    ]

    static let video: [CITypeDefinition] = [
        CITypeDefinition("camera", "摄像机", "Camera", .video, [
            A("customsCode", "海关视频编码", "Customs camera code", .customsCameraCode),
            A("form", "类型", "Form", .choice([C("bullet", "枪机", "bullet"), C("dome", "球机", "dome"),
                                             C("ptz", "云台", "PTZ"), C("panoramic", "全景", "panoramic")])),
            A("resolution", "分辨率", "Resolution"), A("rtspURL", "RTSP地址", "RTSP URL"),
        ]),
        CITypeDefinition("nvr", "硬盘录像机", "NVR", .video, [
            A("channels", "通道数", "Channels", .integer), A("diskTB", "硬盘容量(TB)", "Disk (TB)", .decimal),
            A("retentionDays", "录像保存天数", "Retention (days)", .integer),
        ]),
        CITypeDefinition("nvr_channel", "录像通道", "NVR channel", .video, [
            A("channelNo", "通道号", "Channel no.", .integer, required: true),
            A("customsCode", "海关视频编码", "Customs camera code", .customsCameraCode),
        ]),
        CITypeDefinition("video_link", "视频联网链路", "Video link to customs", .video, [
            A("standard", "联网标准", "Standard", .choice([C("gb28181", "GB/T 28181", "GB/T 28181"), C("other", "其他", "other")])),
            A("platformCode", "上级平台编码", "Platform code"),
        ]),
    ]

    static let checkpoint: [CITypeDefinition] = [
        CITypeDefinition("checkpoint", "卡口", "Checkpoint", .checkpoint, [A("areaId", "场所代码", "Site code (areaId)")]),
        CITypeDefinition("lane", "通道", "Lane", .checkpoint, [
            A("chnlNo", "通道编号", "Lane code (chnlNo)", required: true), A("direction", "方向", "Direction", direction),
            A("laneType", "通道类型", "Lane type", .choice([C("truck", "货车", "truck"), C("car", "小车", "car"),
                                                         C("staff", "人员", "staff")])),
            A("gates", "闸口", "Gates", .choice([C("single", "单闸", "single"), C("double", "双闸（验放+复核）", "double")])),
        ]),
        CITypeDefinition("plate_camera", "车牌识别相机", "Plate camera", .checkpoint, [A("position", "位置", "Position", position)]),
        CITypeDefinition("container_ocr", "箱号识别相机", "Container OCR camera", .checkpoint, [A("position", "位置", "Position", position)]),
        CITypeDefinition("rfid_reader", "电子车牌读写器", "RFID e-plate reader", .checkpoint),
        CITypeDefinition("ic_card_reader", "IC卡读卡器", "IC card reader", .checkpoint),
        CITypeDefinition("weighbridge", "地磅", "Weighbridge", .checkpoint, [A("maxTonnes", "最大称重(吨)", "Max (t)", .decimal)]),
        CITypeDefinition("barrier_gate", "道闸", "Barrier gate", .checkpoint, [
            A("gateRole", "闸口作用", "Role", .choice([C("release", "验放闸", "release"), C("recheck", "复核闸", "re-check")])),
        ]),
        CITypeDefinition("loop_sensor", "地感/光栅", "Loop / IR curtain", .checkpoint, [
            A("form", "类型", "Form", .choice([C("loop", "地感线圈", "ground loop"), C("ir", "红外光栅", "IR curtain")])),
        ]),
        CITypeDefinition("traffic_light", "红绿灯", "Traffic light", .checkpoint),
        CITypeDefinition("led_screen", "LED显示屏", "LED screen", .checkpoint),
        CITypeDefinition("intercom", "对讲", "Intercom", .checkpoint),
        CITypeDefinition("lane_controller", "通道控制机", "Lane controller (IPC)", .checkpoint, [A("os", "操作系统", "OS")]),
    ]

    static let machineRoom: [CITypeDefinition] = [
        CITypeDefinition("ups", "UPS", "UPS", .machineRoom, [
            A("capacityKVA", "容量(kVA)", "Capacity (kVA)", .decimal), A("batteryInstalled", "电池安装日期", "Batteries installed", .date),
        ]),
        CITypeDefinition("precision_ac", "精密空调", "Precision air conditioner", .machineRoom, [
            A("coolingKW", "制冷量(kW)", "Cooling (kW)", .decimal), A("modbusUnit", "Modbus站号", "Modbus unit", .integer),
        ]),
        CITypeDefinition("th_sensor", "温湿度传感器", "Temperature/humidity sensor", .machineRoom, [
            A("roomClass", "机房等级", "Room class", .choice([C("A", "A级", "class A"), C("B", "B级", "class B"),
                                                           C("C", "C级", "class C")])),
            A("modbusRegister", "Modbus寄存器", "Modbus register", .integer),
        ]),
        CITypeDefinition("leak_sensor", "漏水传感器", "Leak sensor", .machineRoom),
        CITypeDefinition("smoke_sensor", "烟感", "Smoke sensor", .machineRoom),
        CITypeDefinition("door_sensor", "门磁", "Door sensor", .machineRoom),
        CITypeDefinition("pdu", "PDU", "PDU", .machineRoom, [A("outlets", "插口数", "Outlets", .integer)]),
        CITypeDefinition("cabling", "综合布线", "Cabling link", .machineRoom, [
            A("from", "起点", "From"), A("to", "终点", "To"),
            A("medium", "介质", "Medium", .choice([C("copper", "双绞线", "copper"), C("fibre", "光纤", "fibre")])),
        ]),
    ]
}
