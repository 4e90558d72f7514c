import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The user queries the pages and the API share.
enum UserQueries {
    static func all(on db: any Database) async throws -> [UserModel] {
        try await UserModel.query(on: db).with(\.$organization).sort(\.$username).all()
    }

    /// The organizations the subject may see: all of them, or only their own (`Policy.scope`).
    static func organizations(visibleTo subject: Subject, on db: any Database) async throws -> [OrganizationModel] {
        let query = OrganizationModel.query(on: db).sort(\.$name)
        switch Policy.scope(subject, .readOrganizations) {
        case .all, .customs: return try await query.all()
        case .organization(let raw):
            guard let id = raw.flatMap(UUID.init(uuidString:)) else { return [] }
            return try await query.filter(\.$id == id).all()
        case nil: throw AppError.forbidden(.denyRole)
        }
    }

    static func find(_ raw: String?, on db: any Database) async throws -> UserModel {
        guard let raw, let id = UUID(uuidString: raw), let user = try await UserModel.find(id, on: db) else {
            throw AppError.notFound
        }
        return user
    }
}
