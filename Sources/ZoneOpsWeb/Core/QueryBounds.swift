import Vapor
import ZoneOpsDomain

/// Every whole number a request carries in its query string, with the range it may take.
/// Handlers read numbers only through `Request.integer(_:)`, so no page, day count or limit
/// reaches arithmetic unchecked: nonsense and extremes answer 400 with what to fix.
struct QueryBound: Sendable {
    let name: String
    let range: ClosedRange<Int>
    let fallback: Int

    static let page = QueryBound(name: "page", range: 1...100_000, fallback: 1)
    static let days = QueryBound(name: "days", range: 1...3650, fallback: 30)
    static let impactLimit = QueryBound(name: "limit", range: 1...5000, fallback: 200)
}

extension Request {
    /// The bounded number named by `bound`, its fallback when absent or empty; 400 otherwise.
    func integer(_ bound: QueryBound) throws -> Int {
        guard let raw = query[String.self, at: bound.name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return bound.fallback
        }
        guard raw.count <= 12, let value = Int(raw), bound.range.contains(value) else {
            throw AppError.outOfRange(field: bound.name, lower: bound.range.lowerBound, upper: bound.range.upperBound)
        }
        return value
    }
}
