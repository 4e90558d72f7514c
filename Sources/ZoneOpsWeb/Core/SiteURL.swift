import Foundation
import Vapor
import ZoneOpsServices

/// Every route of the web and the API, named once: handlers register with `components`,
/// views link with `path`. Pass `SiteURL.idParameter` as an id to get the route pattern.
enum SiteURL: Sendable {
    static let idParameter = ":id"
    static let secondParameter = ":relation"

    case home, login(next: String?), logout, language
    case users, newUser, user(String), organizations, audit, jobs, settings, profile, profilePassword, tokens, revokeToken(String)
    case area(Area)
    case healthz, metrics, openAPI
    case apiTokens, apiToken(String), apiMe, apiUsers, apiUser(String), apiOrganizations, apiAudit, apiJobs
    case cis, cisFiltered(type: String), newCI, ci(String), editCI(String), deleteCI(String), ciRelations(String), ciRelationDelete(String, String)
    case ciCredential(String), apiCICredential(String)
    case ciQR(String), labels, spares, sparePart(String), spareMove(String), apiSpares, apiSpareMovements(String), apiCISpareMovements(String)
    case ciImport, ciImportCommit, ciImportTemplate, ciExport, apiCIImport, apiCIExport
    case ciImpact(String), mobileCI(String), locations, ciTypes, ciTypeAttributes(String), expiring(days: Int?), apiExpiring
    case apiCITypes, apiCITypeAttributes(String), apiLocations, apiCIs, apiCI(String), apiCIRelations(String)
    case apiCIRelation(String, String), apiCIImpact(String), apiCIHistory(String)
    /// The service desk: incidents, the portal, the hotline, the live channel (`SiteURL+Desk.swift`).
    case desk(DeskURL)
    case change(ChangeURL)
    case problem(ProblemURL)
    case release(ReleaseURL)
    case monitoring(MonitoringURL)
    /// Checkpoint lane traffic: pass intake, KPIs, the traffic page (`SiteURL+Lanes.swift`).
    case lanes(LaneURL)
    /// Duty rosters, shifts, swaps, who is on duty (`SiteURL+Duty.swift`).
    case duty(DutyURL)

    var path: String {
        switch self {
        case .home: "/"
        case .login(let next):
            if let next, Self.localTarget(next) != "/", !next.hasPrefix("/login") {
                Self.query("/login", ["next": next])
            } else { "/login" }
        case .logout: "/logout"
        case .language: "/language"
        case .users: "/admin/users"
        case .newUser: "/admin/users/new"
        case .user(let id): "/admin/users/\(id)"
        case .organizations: "/admin/organizations"
        case .audit: "/admin/audit"
        case .jobs: "/admin/jobs"
        case .settings: "/admin/settings"
        case .profile: "/profile"
        case .profilePassword: "/profile/password"
        case .tokens: "/profile/tokens"
        case .revokeToken(let id): "/profile/tokens/\(id)/revoke"
        case .area(let area): "/\(area.rawValue)"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .openAPI: "/api/openapi.yaml"
        case .apiTokens: "/api/v1/tokens"
        case .apiToken(let id): "/api/v1/tokens/\(id)"
        case .apiMe: "/api/v1/me"
        case .apiUsers: "/api/v1/users"
        case .apiUser(let id): "/api/v1/users/\(id)"
        case .apiOrganizations: "/api/v1/organizations"
        case .apiAudit: "/api/v1/audit"
        case .apiJobs: "/api/v1/jobs"
        case .cis: "/cmdb"
        case .cisFiltered(let type): Self.query("/cmdb", ["type": type])
        case .newCI: "/cmdb/new"
        case .ci(let id): "/cmdb/ci/\(id)"
        case .editCI(let id): "/cmdb/ci/\(id)/edit"
        case .deleteCI(let id): "/cmdb/ci/\(id)/delete"
        case .ciRelations(let id): "/cmdb/ci/\(id)/relations"
        case .ciRelationDelete(let id, let relation): "/cmdb/ci/\(id)/relations/\(relation)/delete"
        case .ciImpact(let id): "/cmdb/ci/\(id)/impact"
        case .mobileCI(let id): "/m/ci/\(id)"
        case .locations: "/cmdb/locations"
        case .ciTypes: "/cmdb/types"
        case .ciQR(let id): "/cmdb/ci/\(id)/qr.svg"
        case .labels: "/cmdb/labels"
        case .ciCredential(let id): "/cmdb/ci/\(id)/credential"
        case .apiCICredential(let id): "/api/v1/cis/\(id)/credential"
        case .spares: "/cmdb/spares"
        case .sparePart(let id): "/cmdb/spares/\(id)"
        case .spareMove(let id): "/cmdb/spares/\(id)/movements"
        case .apiSpares: "/api/v1/spare-parts"
        case .apiSpareMovements(let id): "/api/v1/spare-parts/\(id)/movements"
        case .apiCISpareMovements(let id): "/api/v1/cis/\(id)/spare-movements"
        case .ciImport: "/cmdb/import"
        case .ciImportCommit: "/cmdb/import/commit"
        case .ciImportTemplate: "/cmdb/import/template.xlsx"
        case .ciExport: "/cmdb/export.xlsx"
        case .apiCIImport: "/api/v1/cis/import"
        case .apiCIExport: "/api/v1/cis/export.xlsx"
        case .expiring(let days): Self.query("/cmdb/expiring", ["days": days.map(String.init)])
        case .apiExpiring: "/api/v1/cis/expiring"
        case .ciTypeAttributes(let key): "/cmdb/types/\(key)/attributes"
        case .apiCITypes: "/api/v1/ci-types"
        case .apiCITypeAttributes(let key): "/api/v1/ci-types/\(key)/attributes"
        case .apiLocations: "/api/v1/locations"
        case .apiCIs: "/api/v1/cis"
        case .apiCI(let id): "/api/v1/cis/\(id)"
        case .apiCIRelations(let id): "/api/v1/cis/\(id)/relations"
        case .apiCIRelation(let id, let relation): "/api/v1/cis/\(id)/relations/\(relation)"
        case .apiCIImpact(let id): "/api/v1/cis/\(id)/impact"
        case .apiCIHistory(let id): "/api/v1/cis/\(id)/history"
        case .desk(let route): route.path
        case .change(let route): route.path
        case .problem(let route): route.path
        case .release(let route): route.path
        case .monitoring(let route): route.path
        case .lanes(let route): route.path
        case .duty(let route): route.path
        }
    }

    /// `path` with a query string, each value percent-encoded; keys in order, empty values left out.
    static func query(_ path: String, _ items: KeyValuePairs<String, String?>) -> String {
        let pairs = items.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return key + "=" + (value.addingPercentEncoding(withAllowedCharacters: Self.queryValue) ?? "")
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// A CMDB list, export or label sheet with the list's filters (and a page).
    static func filtered(_ url: SiteURL, _ filter: CIQueries.Filter, page: Int? = nil) -> String {
        query(url.path, ["q": filter.q, "type": filter.type, "state": filter.state, "status": filter.status,
                         "locationId": filter.locationId?.uuidString, "page": page.map(String.init)])
    }

    /// Characters a query value keeps as they are (RFC 3986 unreserved).
    static let queryValue = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// A redirect target that stays on this site (no open redirect); "/" otherwise. Browsers drop
    /// tabs and newlines from a URL and read "\\" as "/", so "/\t/evil.example" means
    /// "//evil.example" to them: any control character, space or backslash is refused outright,
    /// and what is left must parse as a path with no scheme and no host.
    static func localTarget(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), raw.utf8.count <= 2048,
              !raw.unicodeScalars.contains(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\\" }),
              let parsed = URLComponents(string: raw), parsed.scheme == nil, parsed.host == nil, parsed.path.hasPrefix("/")
        else { return "/" }
        return raw
    }

    /// The route pattern for registration (query strings dropped).
    var components: [PathComponent] {
        let bare = path.split(separator: "?").first.map(String.init) ?? path
        return bare.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }
}
