import Foundation

/// The routes of releases, named once (a part of `SiteURL`).
enum ReleaseURL: Sendable {
    case list, export, new, release(String), deploy(String), rollback(String)
    case apiReleases, apiRelease(String), apiDeploy(String), apiRollback(String), apiCIVersions(String)

    var path: String {
        switch self {
        case .list: "/releases"
        case .export: "/releases/export.xlsx"
        case .new: "/releases/new"
        case .release(let id): "/releases/\(id)"
        case .deploy(let id): "/releases/\(id)/deploy"
        case .rollback(let id): "/releases/\(id)/rollback"
        case .apiReleases: "/api/v1/releases"
        case .apiRelease(let id): "/api/v1/releases/\(id)"
        case .apiDeploy(let id): "/api/v1/releases/\(id)/deploy"
        case .apiRollback(let id): "/api/v1/releases/\(id)/rollback"
        case .apiCIVersions(let id): "/api/v1/cis/\(id)/versions"
        }
    }
}
