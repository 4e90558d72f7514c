import Foundation
import Vapor
import ZoneOpsServices

extension CIQueries.Filter {
    /// The filter a list, its API and the export read from the query string.
    init(_ req: Request) throws {
        self.init(type: req.query["type"], q: req.query["q"], state: req.query["state"], status: req.query["status"],
                  locationId: req.query[String.self, at: "locationId"].flatMap(UUID.init(uuidString:)),
                  page: try req.integer(.page))
    }
}
