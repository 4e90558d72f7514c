import FluentKit

/// The category tree, seeded from the contract's service domains (§二, §四).
struct CreateIncidentCategories: AsyncMigration {
    static let seed: [(key: String, zh: String, en: String, children: [(String, String, String)])] = [
        ("software", "业务软件", "Business software", [
            ("software.logistics", "企业物流服务平台", "Enterprise logistics service platform"),
            ("software.transmission", "传输平台", "Transmission platform"),
            ("software.customs", "海关端系统", "Customs-side system"),
            ("software.declaration", "企业申报系统", "Enterprise declaration system"),
            ("software.database", "数据库", "Database"),
        ]),
        ("network", "网络与服务器", "Network and servers", [
            ("network.server", "服务器与存储", "Servers and storage"),
            ("network.switching", "交换与路由", "Switching and routing"),
            ("network.security", "防火墙与安全设备", "Firewalls and security devices"),
        ]),
        ("lane", "智能卡口", "Checkpoint lanes", [
            ("lane.recognition", "车牌/箱号识别", "Plate and container recognition"),
            ("lane.gate", "道闸与地感", "Barrier gates and loops"),
            ("lane.weighbridge", "地磅", "Weighbridge"),
        ]),
        ("video", "视频监控", "Video surveillance", [
            ("video.camera", "摄像机", "Cameras"),
            ("video.nvr", "录像与存储", "Recording and storage"),
        ]),
        ("cabling", "综合布线", "Structured cabling", []),
        ("room", "机房环境", "Machine room", [
            ("room.power", "UPS与供电", "UPS and power"),
            ("room.cooling", "精密空调与温湿度", "Cooling and climate"),
        ]),
        ("consultation", "咨询", "Consultation", []),
        ("training", "培训", "Training", []),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(IncidentCategoryModel.schema)
            .id()
            .field("parent_id", .uuid, .references(IncidentCategoryModel.schema, .id))
            .field("key", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("sort", .int, .required)
            .unique(on: "key")
            .create()
        for (index, top) in Self.seed.enumerated() {
            let parent = IncidentCategoryModel(parentId: nil, key: top.key, nameZh: top.zh, nameEn: top.en, sort: index * 100)
            try await parent.create(on: database)
            for (childIndex, child) in top.children.enumerated() {
                try await IncidentCategoryModel(parentId: parent.id, key: child.0, nameZh: child.1, nameEn: child.2,
                                                sort: index * 100 + childIndex + 1).create(on: database)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IncidentCategoryModel.schema).delete()
    }
}
