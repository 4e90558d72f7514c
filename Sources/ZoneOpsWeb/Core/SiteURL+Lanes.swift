import Foundation

/// The routes of checkpoint lane traffic, named once (a part of `SiteURL`).
enum LaneURL: Sendable {
    case traffic, apiPasses, apiKPIs

    var path: String {
        switch self {
        case .traffic: "/monitoring/lanes"
        case .apiPasses: "/api/v1/lanes/passes"
        case .apiKPIs: "/api/v1/lanes/kpis"
        }
    }
}
