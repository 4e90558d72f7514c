import Foundation
import ZoneOpsStore

/// The before/after values of small audited records. Built only through `AuditDraft.snapshot`
/// (a JSON encoder), so a name holding quotes or braces stays one string value.
struct LoginSnapshot: Encodable { var channel: String }

struct TokenSnapshot: Encodable {
    var name: String
    var expiresAt: Date
}

struct LocationSnapshot: Encodable {
    var name: String
    var kind: String
    var parentId: String?
    var code: String?
}

struct RelationSnapshot: Encodable {
    var source: String
    var target: String
    var type: String
    var port: String?
}

struct SparePartSnapshot: Encodable {
    var name: String
    var model: String
    var minimum: Int
}

struct StockSnapshot: Encodable {
    var quantity: Int
    var kind: String?
    var location: String?
    var ci: String?
}
