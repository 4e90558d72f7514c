import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneSimulator

/// The demo zone's estate: places, CIs of every domain with realistic names and addresses
/// (about 420: 240 cameras on 8 NVRs, 6 lanes, the network, servers, business systems, two
/// machine rooms), their relations, some end dates coming up, and probes pointed at each
/// device's simulated twin (`DemoSimulation`). Loading twice changes nothing:
/// CIs are matched by asset tag, places by path, relations by their ends.
enum DemoEstate {
    struct Item {
        var tag: String
        var type: String
        var name: String
        var place: String?
        var fields: [CIField: String] = [:]
        var attributes: [String: String] = [:]
    }

    static let places: [(path: String, kind: LocationKind)] = [
        ("郑州经开综保区", .site), ("郑州经开综保区/监管中心", .building), ("郑州经开综保区/监管中心/1号机房", .room),
        ("郑州经开综保区/监管中心/1号机房/A01机柜", .rack), ("郑州经开综保区/监管中心/1号机房/A02机柜", .rack),
        ("郑州经开综保区/1号卡口", .checkpoint), ("郑州经开综保区/1号卡口/1号通道（进区）", .lane),
    ]

    static func load(in ctx: ServiceContext) async throws {
        var placeIds: [String: UUID] = [:]
        for place in places + zonePlaces {
            let parentPath = place.path.split(separator: "/").dropLast().joined(separator: "/")
            let name = String(place.path.split(separator: "/").last ?? "")
            if let id = try? await Locations.resolve(place.path, on: ctx.db) { placeIds[place.path] = id; continue }
            let created = try await Locations.create(name: name, kind: place.kind, parentId: placeIds[parentPath], code: nil,
                                                     by: .system, in: ctx)
            placeIds[place.path] = created.id
        }
        var ids: [String: UUID] = [:]
        for item in items(today: ctx.now()) + zoneItems + videoItems + laneItemsMore {
            if let existing = try await CIModel.query(on: ctx.db).filter(\.$assetTag == item.tag).first() {
                ids[item.tag] = existing.id
                continue
            }
            var fields = item.fields
            fields[.type] = item.type
            fields[.name] = item.name
            fields[.assetTag] = item.tag
            if let place = item.place { fields[.location] = placeIds[place]?.uuidString }
            // The NVRs' ISAPI account, as their simulated twins demand it (Digest).
            let credential = item.type == "nvr" ? SimDevice.isapiCredential : nil
            let ci = try await CMDB.createCI(.init(fields: fields, attributes: item.attributes, credential: credential), by: .system, in: ctx)
            ids[item.tag] = ci.id
        }
        try await loadSpares(placeIds: placeIds, in: ctx)
        let existing = Set(try await CIRelationModel.query(on: ctx.db).all().map { "\($0.$source.id)>\($0.$target.id)" })
        for (source, type, target) in relations + zoneRelations + videoRelations + laneRelationsMore {
            guard let s = ids[source], let t = ids[target], !existing.contains("\(s)>\(t)") else { continue }
            _ = try await Relations.add(source: s, target: t.uuidString, type: type.rawValue, port: nil, by: .system, in: ctx)
        }
        try await DemoSimulation.attachProbes(ids: ids, in: ctx)
    }

    /// A few spares in the machine room; the UPS batteries sit below their minimum.
    static func loadSpares(placeIds: [String: UUID], in ctx: ServiceContext) async throws {
        guard try await SparePartModel.query(on: ctx.db).count() == 0, let room = placeIds[room]?.uuidString else { return }
        for (name, model, type, unit, minimum, stock) in [
            ("网络摄像机备机", "海康威视 DS-2CD3T47", "camera", "台", 2, 3), ("千兆多模光模块", "H3C SFP-GE-SX-MM850", "switch", "个", 4, 6),
            ("UPS 蓄电池", "山特 12V100AH", "ups", "节", 8, 4), ("车牌识别相机备机", "海康威视 iDS-TCM403", "plate_camera", "台", 1, 1),
        ] {
            let part = try await SpareParts.createPart(name: name, partModel: model, typeKey: type, unit: unit, minimum: minimum,
                                                       by: .system, in: ctx)
            try await SpareParts.move(part: try part.requireID(), kind: .receive, location: room, quantity: stock, ci: nil,
                                      note: "初始库存", by: .system, in: ctx)
        }
    }

    static func day(_ offset: Int, from today: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let date = calendar.date(byAdding: .day, value: offset, to: today) ?? today
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
