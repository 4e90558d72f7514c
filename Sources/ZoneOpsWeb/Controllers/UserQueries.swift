import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The user queries the pages and the API share.
enum UserQueries {
    static func all(on db: any Database) async throws -> [UserModel] {
        try await UserModel.query(on: db).with(\.$organization).sort(\.$username).all()
    }

    static func find(_ raw: String?, on db: any Database) async throws -> UserModel {
        guard let raw, let id = UUID(uuidString: raw), let user = try await UserModel.find(id, on: db) else {
            throw AppError.notFound
        }
        return user
    }
}
