import Foundation

/// The languages of the catalog. zh-CN is the default everywhere.
public enum AppLanguage: String, CaseIterable, Codable, Sendable {
    case zh = "zh-CN"
    case en = "en"

    public static let `default`: AppLanguage = .zh

    /// Picks the best language from an Accept-AppLanguage header value; zh-CN when none fits.
    public static func negotiate(acceptLanguage header: String?) -> AppLanguage {
        guard let header else { return .default }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q)
        }.sorted { $0.1 > $1.1 }
        for (tag, q) in ranked where q > 0 {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .default
    }
}
