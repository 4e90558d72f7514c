import FluentKit
import Foundation
import XCTest
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// A repair slip takes parts out of the existing stock in its own transaction, never below zero.
final class RepairSlipsTests: XCTestCase {
    func testPartsComeOutOfStockWithTheirSerialsAndTimesMustBeInOrder() async throws {
        let harness = try await ServiceHarness()
        let desk = Actor(userId: nil, name: "eng1", address: nil)
        harness.set("2026-03-02 09:00")
        let room = LocationModel(parentId: nil, kind: .room, name: "备件库")
        try await room.create(on: harness.db)
        let part = try await SpareParts.createPart(name: "光模块", partModel: "SFP-10G", typeKey: nil, unit: "个", minimum: 1,
                                                   by: desk, in: harness.ctx)
        let partId = try part.requireID()
        try await SpareParts.move(part: partId, kind: .receive, location: "备件库", quantity: 2, ci: nil, note: nil, by: desk, in: harness.ctx)
        let incident = try await Incidents.create(NewIncident(title: "汇聚交换机端口down", description: "光口不亮", channel: .api,
                                                              requesterName: "x"), by: desk, in: harness.ctx)
        let id = try incident.requireID()
        do {
            try await RepairSlips.useParts(incident: id, part: partId, location: "备件库", quantity: 1, serials: "", by: desk, in: harness.ctx)
            XCTFail("parts without a slip")
        } catch let error as AppError {
            XCTAssertEqual(error, .conflict(.slipNeedsSlip))
        }
        do {
            try await RepairSlips.save(incident: id, .init(arrivedAt: harness.now.addingTimeInterval(-3600), restoredAt: nil, symptom: "",
                                                           diagnosis: "", action: "", followUp: nil), by: desk, in: harness.ctx)
            XCTFail("arrived before the report")
        } catch let error as AppError {
            XCTAssertEqual(error, .invalid(field: "arrivedAt", .slipTimeOrder))
        }
        try await RepairSlips.save(incident: id, .init(arrivedAt: harness.now.addingTimeInterval(1800), restoredAt: harness.now.addingTimeInterval(5400),
                                                       symptom: "光口不亮", diagnosis: "光模块损坏", action: "更换光模块", followUp: nil),
                                   by: desk, in: harness.ctx)
        try await RepairSlips.useParts(incident: id, part: partId, location: "备件库", quantity: 1, serials: "SN123", by: desk, in: harness.ctx)
        do {
            try await RepairSlips.useParts(incident: id, part: partId, location: "备件库", quantity: 5, serials: "", by: desk, in: harness.ctx)
            XCTFail("more than in stock")
        } catch let error as AppError {
            XCTAssertEqual(error.code, "not_enough_stock")
        }
        let slip = try await RepairSlips.slip(incident: id, on: harness.db)
        XCTAssertEqual(slip.parts.count, 1, "the refused take left no line")
        XCTAssertEqual(slip.parts.first?.serials, "SN123")
        XCTAssertEqual(slip.downtimeMinutes, 90)
        let stock = try await SpareParts.overview(on: harness.db).first { $0.part.id == partId }
        XCTAssertEqual(stock?.total, 1)
        try await RepairSlips.confirm(incident: id, by: desk, name: "张三", in: harness.ctx)
        let confirmed = try await RepairSlips.slip(incident: id, on: harness.db)
        XCTAssertEqual(confirmed.confirmedBy, "张三")
        await harness.shutdown()
    }
}
