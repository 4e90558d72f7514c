import FluentKit
import FluentSQL
import Foundation
import SQLKit
import ZoneOpsDomain
import ZoneOpsStore

/// The CMDB reads the pages, the API and the exports share.
public enum CIQueries {
    public struct Filter: Sendable {
        public var type: String?
        public var q: String?
        public var state: String?
        public var status: String?
        public var locationId: UUID?
        public var page: Int = 1
        public static let pageSize = 50

        public init(type: String? = nil, q: String? = nil, state: String? = nil, status: String? = nil, locationId: UUID? = nil, page: Int = 1) {
            self.type = type
            self.q = q
            self.state = state
            self.status = status
            self.locationId = locationId
            self.page = page
        }
    }

    /// One page of CIs matching the filter, and how many match in all. `q` matches name, asset
    /// tag, serial, IP, hostname, vendor, model, notes and attribute values as a substring.
    public static func search(_ filter: Filter, on db: any Database) async throws -> (items: [CIModel], total: Int) {
        let query = try await matching(filter, on: db)
        let total = try await query.count()
        let items = try await query.sort(\.$name).range(lower: (filter.page - 1) * Filter.pageSize,
                                                          upper: filter.page * Filter.pageSize).all()
        return (items, total)
    }

    /// Every CI matching the filter (for the ledger export), by name.
    public static func all(_ filter: Filter, on db: any Database) async throws -> [CIModel] {
        try await matching(filter, on: db).sort(\.$name).all()
    }

    public static func matching(_ filter: Filter, on db: any Database) async throws -> QueryBuilder<CIModel> {
        var query = CIModel.query(on: db)
        if let type = filter.type, !type.isEmpty { query = query.filter(\.$typeKey == type) }
        if let state = filter.state, !state.isEmpty { query = query.filter(\.$state == state) }
        if let status = filter.status, !status.isEmpty { query = query.filter(\.$status == status) }
        if let location = filter.locationId {
            query = query.filter(\.$location.$id ~~ (try await Locations.subtree(of: location, on: db)))
        }
        if let q = filter.q?.trimmingCharacters(in: .whitespaces).lowercased(), !q.isEmpty {
            // "摄像机" or "switch" also finds every CI of a type so named, whatever its own name says.
            let typeKeys = try await CITypeModel.query(on: db).all()
                .filter { $0.nameZh.lowercased().contains(q) || $0.nameEn.lowercased().contains(q) }.map(\.key)
            let text = "%" + escapeLike(q) + "%"
            query = query.group(.or) { either in
                either.filter(.sql(embed: "\(ident: "search_text") LIKE \(bind: text) ESCAPE '!'"))
                if !typeKeys.isEmpty { either.filter(\.$typeKey ~~ typeKeys) }
            }
        }
        return query
    }

    /// `%` and `_` typed by a user are literal characters, not wildcards (escaped with `!`).
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
            .replacingOccurrences(of: "_", with: "!_")
    }

    public static func find(_ raw: String?, on db: any Database) async throws -> CIModel {
        guard let raw, let id = UUID(uuidString: raw), let ci = try await CIModel.find(id, on: db) else {
            throw AppError.notFound
        }
        return ci
    }

    public static func types(on db: any Database) async throws -> [CITypeModel] {
        try await CITypeModel.query(on: db).all().sorted {
            (CIDomain.allCases.firstIndex(of: CIDomain(rawValue: $0.domain) ?? .application) ?? 0, $0.key)
                < (CIDomain.allCases.firstIndex(of: CIDomain(rawValue: $1.domain) ?? .application) ?? 0, $1.key)
        }
    }

    /// Type names by key in the request's language.
    public static func typeNames(on db: any Database, _ language: AppLanguage) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await CITypeModel.query(on: db).all().map {
            ($0.key, language == .en ? $0.nameEn : $0.nameZh)
        })
    }

    /// "Site/Building/Room" by location id.
    public static func locationPaths(on db: any Database) async throws -> [UUID: String] {
        let all = try await LocationModel.query(on: db).all()
        return Dictionary(uniqueKeysWithValues: all.compactMap { l in l.id.map { ($0, Locations.path(of: l, in: all)) } })
    }

    public static func history(of id: UUID, on db: any Database) async throws -> [CIStatusChangeModel] {
        try await CIStatusChangeModel.query(on: db).filter(\.$ci.$id == id).sort(\.$at, .descending).all()
    }

    /// Relations in which the CI is the source (what it depends on) and the target (what depends on it).
    public static func relations(of id: UUID, on db: any Database) async throws -> (outgoing: [CIRelationModel], incoming: [CIRelationModel]) {
        let outgoing = try await CIRelationModel.query(on: db).filter(\.$source.$id == id).with(\.$target).all()
        let incoming = try await CIRelationModel.query(on: db).filter(\.$target.$id == id).with(\.$source).all()
        return (outgoing, incoming)
    }
}
