import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// End dates that need attention: warranty, licence/subscription, TLS certificate, and any
/// date attribute of a type whose key ends in `End` (an antivirus gateway's `signatureEnd`).
public enum Expiry {
    public struct Item: Sendable, Equatable {
        public var ciId: UUID
        public var name: String
        public var typeKey: String
        /// The common field, or nil for an attribute (then `attribute` names it).
        public var field: CIField?
        public var attribute: String?
        public var date: CalendarDate
        public var daysLeft: Int
        public var isOverdue: Bool { daysLeft < 0 }
    }

    /// Everything ending within `days` of `today`, overdue ones included, soonest first.
    public static func upcoming(within days: Int, today: CalendarDate, on db: any Database) async throws -> [Item] {
        let limit = today.adding(days: days).description
        let byColumns = try await CIModel.query(on: db).group(.or) { group in
            group.filter(\.$warrantyEnd <= limit).filter(\.$licenceEnd <= limit).filter(\.$certificateEnd <= limit)
        }.filter(\.$status != LifecycleStatus.retired.rawValue).all()
        var items: [Item] = []
        for ci in byColumns {
            for field in CIField.expiring {
                guard let text = ci.value(of: field), let date = CalendarDate(parsing: text) else { continue }
                let left = today.days(until: date)
                if left <= days { items.append(Item(ciId: try ci.requireID(), name: ci.name, typeKey: ci.typeKey, field: field,
                                                    attribute: nil, date: date, daysLeft: left)) }
            }
        }
        let types = try await CITypeModel.query(on: db).all().compactMap { type -> (String, [String])? in
            let keys = type.definition.attributes.filter { $0.kind == .date && $0.key.hasSuffix("End") }.map(\.key)
            return keys.isEmpty ? nil : (type.key, keys)
        }
        for (typeKey, keys) in types {
            for ci in try await CIModel.query(on: db).filter(\.$typeKey == typeKey)
                .filter(\.$status != LifecycleStatus.retired.rawValue).all() {
                for key in keys {
                    guard let text = ci.attributes[key], let date = CalendarDate(parsing: text) else { continue }
                    let left = today.days(until: date)
                    if left <= days { items.append(Item(ciId: try ci.requireID(), name: ci.name, typeKey: ci.typeKey, field: nil,
                                                        attribute: key, date: date, daysLeft: left)) }
                }
            }
        }
        return items.sorted { ($0.daysLeft, $0.name) < ($1.daysLeft, $1.name) }
    }
}
