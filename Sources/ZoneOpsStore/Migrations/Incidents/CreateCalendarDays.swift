import FluentKit
import Foundation
import SQLKit

struct CreateCalendarDays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CalendarDayModel.schema)
            .id()
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("effective_from", .datetime, .required)
            .unique(on: "day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CalendarDayModel.schema).delete()
    }
}

/// The State Council General Office notice of 2025-11-04 for 2026 (DOMAIN.md), as seed data.
/// Later years are imported from a file on the calendar page, never written into code.
struct SeedCalendar2026: AsyncMigration {
    static let notice: [(name: String, off: [String], work: [String])] = [
        ("元旦", ["2026-01-01", "2026-01-02", "2026-01-03"], ["2026-01-04"]),
        ("春节", (15...23).map { "2026-02-\($0)" }, ["2026-02-14", "2026-02-28"]),
        ("清明节", ["2026-04-04", "2026-04-05", "2026-04-06"], []),
        ("劳动节", (1...5).map { "2026-05-0\($0)" }, ["2026-05-09"]),
        ("端午节", ["2026-06-19", "2026-06-20", "2026-06-21"], []),
        ("中秋节", ["2026-09-25", "2026-09-26", "2026-09-27"], []),
        ("国庆节", (1...7).map { "2026-10-0\($0)" }, ["2026-09-20", "2026-10-10"]),
    ]

    func prepare(on database: any Database) async throws {
        let published = Date(timeIntervalSince1970: 1_762_185_600) // 2025-11-04 00:00 +08:00
        for holiday in Self.notice {
            for day in holiday.off {
                try await CalendarDayModel(day: day, kind: "holiday", name: holiday.name, effectiveFrom: published).create(on: database)
            }
            for day in holiday.work {
                try await CalendarDayModel(day: day, kind: "workday", name: holiday.name + "调休", effectiveFrom: published)
                    .create(on: database)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await CalendarDayModel.query(on: database).filter(\.$day >= "2026-01-01").filter(\.$day <= "2026-12-31").delete()
    }
}
