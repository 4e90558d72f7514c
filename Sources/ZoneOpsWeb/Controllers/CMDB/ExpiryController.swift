import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// End dates coming up: a page, the API, and the counts the workbench shows.
struct ExpiryController: RouteCollection {
    struct ItemDTO: Content {
        var ciId: String
        var name: String
        var type: String
        var what: String
        var date: String
        var daysLeft: Int
        var overdue: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.expiring(days: nil).components, use: page)
        routes.get(SiteURL.apiExpiring.components, use: list)
    }

    static func days(_ req: Request) throws -> Int { try req.integer(.days) }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.readCMDB)
        let days = try Self.days(req)
        let items = try await Expiry.upcoming(within: days, today: CalendarDate.today(req.now), on: req.db)
        let types = try await CIQueries.types(on: req.db)
        var attributeNames: [String: String] = [:]
        for type in types { for attribute in type.definition.attributes { attributeNames[attribute.key] = attribute.name(in: req.language) } }
        let page = ExpiringPage(days: days, items: items, typeNames: try await CIQueries.typeNames(on: req.db, req.language),
                                attributeNames: attributeNames)
        return Page.render(page.body(req.view), title: req.t(.expiringTitle), request: req)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<ItemDTO> {
        try req.authorize(.readCMDB)
        let items = try await Expiry.upcoming(within: try Self.days(req), today: CalendarDate.today(req.now), on: req.db)
        return ListDTO(items: items.map {
            ItemDTO(ciId: $0.ciId.uuidString, name: $0.name, type: $0.typeKey, what: $0.field?.rawValue ?? "attributes.\($0.attribute ?? "")",
                    date: $0.date.description, daysLeft: $0.daysLeft, overdue: $0.isOverdue)
        }, total: items.count)
    }
}
