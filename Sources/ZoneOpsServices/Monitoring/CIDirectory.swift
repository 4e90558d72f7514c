import FluentKit
import Foundation
import SQLKit
import Synchronization
import ZoneOpsStore

/// How events find their CI (API.md): by id or asset tag (`ciId`, or label `ci`), else by the
/// host (its host part, a port dropped) against a mapping someone made, a CI's IP, hostname or
/// name, else by a label mapping. Read once per pipeline round.
struct CIDirectory: Sendable {
    var ids: Set<UUID> = []
    var byTag: [String: UUID] = [:]
    var byHost: [String: UUID] = [:]
    var mappedHosts: [String: UUID] = [:]
    var mappedLabels: [String: UUID] = [:]

    static func load(on db: any Database) async throws -> CIDirectory {
        var directory = CIDirectory()
        let rows = try await db.sql().select().columns("id", "asset_tag", "ip", "hostname", "name").from(CIModel.schema).all()
        var names: [String: UUID] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            directory.ids.insert(id)
            if let tag = try row.decode(column: "asset_tag", as: String?.self) { directory.byTag[tag.lowercased()] = id }
            for column in ["ip", "hostname"] {
                if let value = try row.decode(column: column, as: String?.self), !value.isEmpty { directory.byHost[value.lowercased()] = id }
            }
            names[try row.decode(column: "name", as: String.self).lowercased()] = id
        }
        // Addresses and host names win over names when both match.
        for (name, id) in names where directory.byHost[name] == nil { directory.byHost[name] = id }
        for mapping in try await EventMappingModel.query(on: db).all() {
            if mapping.kind == "host" {
                directory.mappedHosts[mapping.value.lowercased()] = mapping.ciId
            } else {
                directory.mappedLabels[mapping.key + "=" + mapping.value] = mapping.ciId
            }
        }
        return directory
    }

    func match(ref: String?, host: String?, labels: [String: String]) -> UUID? {
        for candidate in [ref, labels["ci"]].compactMap({ $0 }) {
            if let id = UUID(uuidString: candidate), ids.contains(id) { return id }
            if let id = byTag[candidate.lowercased()] { return id }
        }
        // The host the message names, then the address it came from (syslog, traps).
        for candidate in [host, labels["sender"]].compactMap({ $0 }) {
            let name = Self.hostPart(candidate).lowercased()
            if let id = mappedHosts[name] ?? byHost[name] { return id }
        }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            if let id = mappedLabels[key + "=" + value] { return id }
        }
        return nil
    }

    /// `10.1.2.3:9100` → `10.1.2.3`, `[fe80::1]:9100` → `fe80::1`, `http://h:80/x` → `h`.
    static func hostPart(_ text: String) -> String {
        var host = text.trimmedWhitespace
        if let scheme = host.range(of: "://") { host = String(host[scheme.upperBound...]) }
        if let slash = host.firstIndex(of: "/") { host = String(host[..<slash]) }
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
        if host.filter({ $0 == ":" }).count == 1, let colon = host.lastIndex(of: ":"),
           host[host.index(after: colon)...].allSatisfy(\.isNumber) {
            host = String(host[..<colon])
        }
        return host
    }
}

/// The directory as last read, kept between pipeline rounds: a storm's rounds had each decoded
/// every CI again. It is dropped when a CI or a mapping changes here (`clear`, through
/// `ServiceContext.didCommit` like the relation graph), and re-read when the CIs or mappings
/// counted, or the newest `updated_at`/`created_at` among them, differ (one small statement a
/// round, which also sees what another instance changed) or after 30 s.
public final class CIDirectoryCache: Sendable {
    public static let invalidatedBy: Set<String> = ["ci", "monitor_mapping"]
    static let lifetime: Duration = .seconds(30)

    private struct Stamp: Equatable, Sendable {
        var cis: Int, updated: Date?, mappings: Int, mapped: Date?
    }
    private let kept = Mutex<(stamp: Stamp, at: ContinuousClock.Instant, directory: CIDirectory)?>(nil)

    public init() {}

    public func clear() { kept.withLock { $0 = nil } }

    func current(on db: any Database) async throws -> CIDirectory {
        let row = try await db.sql().raw("""
            SELECT (SELECT count(*) FROM cis) AS cis, (SELECT max(updated_at) FROM cis) AS updated,
                   (SELECT count(*) FROM monitor_mappings) AS mappings, (SELECT max(created_at) FROM monitor_mappings) AS mapped
            """).first()
        let stamp = try row.map {
            Stamp(cis: try $0.decode(column: "cis", as: Int.self), updated: try $0.optional("updated", as: Date.self),
                  mappings: try $0.decode(column: "mappings", as: Int.self), mapped: try $0.optional("mapped", as: Date.self))
        }
        let now = ContinuousClock.now
        if let stamp, let kept = kept.withLock({ $0 }), kept.stamp == stamp, now - kept.at < Self.lifetime { return kept.directory }
        let directory = try await CIDirectory.load(on: db)
        if let stamp { kept.withLock { $0 = (stamp, now, directory) } }
        return directory
    }
}
