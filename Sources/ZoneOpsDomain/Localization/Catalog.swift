import Foundation

/// The one string catalog: every user-visible text in zh-CN and English.
/// Entries live in `Catalog+*.swift` files by area; a test checks that every `TextKey` has
/// both languages and the same placeholders (`%1`, `%2`, …) in each.
public struct Catalog: Sendable {
    public struct Entry: Sendable {
        public let zh: String
        public let en: String
    }

    public static let shared = Catalog()

    public let entries: [TextKey: Entry]

    init() {
        var all: [TextKey: Entry] = [:]
        for table in [Catalog.shell, Catalog.accounts, Catalog.errors, Catalog.cmdb, Catalog.cmdbPages, Catalog.system, Catalog.workbench, Catalog.incidents, Catalog.incidentPages, Catalog.changes, Catalog.problems, Catalog.releases, Catalog.monitoring, Catalog.lanes, Catalog.duty] {
            all.merge(table) { first, _ in first }
        }
        entries = all
    }

    public func text(_ key: TextKey, _ language: AppLanguage) -> String {
        guard let entry = entries[key] else { return key.rawValue }
        return language == .en ? entry.en : entry.zh
    }

    /// Fills `%1`, `%2`, … with the arguments in order.
    public func format(_ key: TextKey, _ language: AppLanguage, _ arguments: String...) -> String {
        var result = text(key, language)
        for (index, argument) in arguments.enumerated() {
            result = result.replacingOccurrences(of: "%\(index + 1)", with: argument)
        }
        return result
    }
}

extension Dictionary where Key == TextKey, Value == Catalog.Entry {
    /// Builds a table from `key: (zh, en)` pairs.
    static func table(_ pairs: [TextKey: (String, String)]) -> Self {
        pairs.mapValues { Catalog.Entry(zh: $0.0, en: $0.1) }
    }
}
