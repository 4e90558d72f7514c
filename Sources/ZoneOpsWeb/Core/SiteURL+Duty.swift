import Foundation

/// The routes of duty: rosters, shifts, swaps, who is on duty, calendar feeds (a part of `SiteURL`).
enum DutyURL: Sendable {
    case overview, newRoster, roster(String, week: String?), editRoster(String), generate(String)
    case shifts(String), shift(String, String), deleteShift(String, String)
    case swaps, swapDecision(String, String), feed, feedToken(String), myCalendar
    case apiOnCallNow, apiRosters, apiRoster(String), apiGenerate(String), apiShifts, apiShift(String), apiGaps
    case apiSwaps, apiSwapDecision(String, String)

    var path: String {
        switch self {
        case .overview: "/duty"
        case .newRoster: "/duty/rosters/new"
        case .roster(let id, let week): SiteURL.query("/duty/rosters/\(id)", ["week": week])
        case .editRoster(let id): "/duty/rosters/\(id)/edit"
        case .generate(let id): "/duty/rosters/\(id)/generate"
        case .shifts(let id): "/duty/rosters/\(id)/shifts"
        case .shift(let id, let shift): "/duty/rosters/\(id)/shifts/\(shift)"
        case .deleteShift(let id, let shift): "/duty/rosters/\(id)/shifts/\(shift)/delete"
        case .swaps: "/duty/swaps"
        case .swapDecision(let id, let decision): "/duty/swaps/\(id)/\(decision)"
        case .feed: "/duty/feed"
        case .feedToken(let token): "/duty/feed/\(token)"
        case .myCalendar: "/duty/my.ics"
        case .apiOnCallNow: "/api/v1/oncall/now"
        case .apiRosters: "/api/v1/duty/rosters"
        case .apiRoster(let id): "/api/v1/duty/rosters/\(id)"
        case .apiGenerate(let id): "/api/v1/duty/rosters/\(id)/generate"
        case .apiShifts: "/api/v1/duty/shifts"
        case .apiShift(let id): "/api/v1/duty/shifts/\(id)"
        case .apiGaps: "/api/v1/duty/gaps"
        case .apiSwaps: "/api/v1/duty/swaps"
        case .apiSwapDecision(let id, let decision): "/api/v1/duty/swaps/\(id)/\(decision)"
        }
    }
}
