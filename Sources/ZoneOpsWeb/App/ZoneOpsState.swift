import Fluent
import Vapor
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore
import ZoneOpsWire

/// What the app keeps for its lifetime: configuration, the audit chain, the writer, clients.
final class ZoneOpsState: Sendable {
    let config: AppConfig
    let clients: AppClients
    let chain: AuditChain
    let writer: Writer
    let anchor: AuditAnchor
    let hasher: PasswordHashing
    let secrets: SecretBox
    let throttle = ThrottleStore()
    let metrics = RequestMetrics()
    let identities = IdentityCache()
    let relationGraph = RelationGraphCache()
    let ciDirectory = CIDirectoryCache()
    /// The live channel pages subscribe to (`/live`).
    let live = LiveHub()
    /// The SLA calendar and targets, shared by every request's service context.
    let levels = ServiceLevelsCache()
    /// Attachments and other files by content, under the data dir (in every backup).
    let files: FileStore

    init(config: AppConfig, clients: AppClients, chain: AuditChain, hasher: PasswordHashing, secrets: SecretBox) {
        self.config = config
        self.clients = clients
        self.chain = chain
        self.hasher = hasher
        self.secrets = secrets
        anchor = AuditAnchor(file: config.dataDirectory.appendingPathComponent("audit.head"))
        files = FileStore(root: config.dataDirectory.appendingPathComponent("files"))
        writer = Writer(anchor: anchor)
    }

    func context(on db: any Database) -> ServiceContext {
        ServiceContext(db: db, writer: writer, chain: chain, now: clients.now, hasher: hasher, secrets: secrets, levels: levels) { [identities, relationGraph, ciDirectory, live] type in
            if IdentityCache.invalidatedBy.contains(type) { identities.clear() }
            if RelationGraphCache.invalidatedBy.contains(type) { relationGraph.clear() }
            if CIDirectoryCache.invalidatedBy.contains(type) { ciDirectory.clear() }
            if let topic = LiveTopic.changed(by: type) { live.publish(topic) }
        }
    }
}

extension Application {
    private struct StateKey: StorageKey { typealias Value = ZoneOpsState }

    var zoneOps: ZoneOpsState {
        get {
            guard let state = storage[StateKey.self] else { fatalError("configure(_:config:) has not run") }
            return state
        }
        set { storage[StateKey.self] = newValue }
    }

    /// A service context on the app's database, for commands and startup work.
    public var services: ServiceContext { zoneOps.context(on: db) }
}

extension Request {
    /// A service context on this request's database connection.
    var services: ServiceContext { application.zoneOps.context(on: db) }
    var now: Date { application.zoneOps.clients.now() }
    /// The CMDB's relation graph (impact and collisions).
    var graphs: RelationGraphCache { application.zoneOps.relationGraph }
    /// Uploaded files by content.
    var files: FileStore { application.zoneOps.files }
}
