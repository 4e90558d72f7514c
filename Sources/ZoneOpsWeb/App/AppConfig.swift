import Foundation
import Vapor

/// All configuration, read once from the environment. Every variable ZoneOps reads is named here.
public struct AppConfig: Sendable {
    public var dataDirectory: URL
    /// PostgreSQL when set; SQLite in the data directory otherwise.
    public var databaseURL: String?
    /// Password of `admin` when the database is first created; random and printed when nil.
    public var adminPassword: String?
    /// 32 bytes; from the environment, or a 0600 key file in the data directory.
    public var secretKey: Data?
    /// The address phones reach the server at, for QR labels (e.g. http://10.8.0.10:8080);
    /// nil uses the Host of the request that prints the labels.
    public var publicURL: String?
    /// Take the client address from X-Forwarded-For (only behind a reverse proxy you run).
    public var trustProxy: Bool = false
    /// Tests use an in-memory SQLite database.
    public var inMemoryDatabase: Bool = false
    /// bcrypt cost; tests lower it to keep the suite fast.
    public var bcryptCost: Int = 12
    public var version: String = "0.1.0"
    /// Syslog over UDP and TCP on this port (0: off). 514 needs root; 5514 by default.
    public var syslogPort: Int = 5514
    /// SNMP traps over UDP on this port (0: off). 162 needs root; 5162 by default.
    public var trapPort: Int = 5162
    /// The address the syslog and trap listeners bind (devices send to it).
    public var listenHost: String = "0.0.0.0"
    /// The demo's simulated lane traffic: vehicles an hour through each lane (0: none).
    public var laneRatePerHour: Double = 60

    public init(dataDirectory: URL, databaseURL: String? = nil, adminPassword: String? = nil, secretKey: Data? = nil) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.adminPassword = adminPassword
        self.secretKey = secretKey
    }

    public enum Variable: String, CaseIterable {
        case dataDirectory = "ZONEOPS_DATA_DIR"
        case databaseURL = "DATABASE_URL"
        case adminPassword = "ZONEOPS_ADMIN_PASSWORD"
        case secretKey = "ZONEOPS_SECRET_KEY"
        case trustProxy = "ZONEOPS_TRUST_PROXY"
        /// `json` for one JSON object per log line; anything else is the console format.
        case logFormat = "ZONEOPS_LOG_FORMAT"
        case publicURL = "ZONEOPS_PUBLIC_URL"
        case syslogPort = "ZONEOPS_SYSLOG_PORT"
        case trapPort = "ZONEOPS_TRAP_PORT"
        case listenHost = "ZONEOPS_LISTEN_HOST"
        case laneRate = "ZONEOPS_SIM_LANE_RATE"
    }

    /// Logging is set up before the rest of the configuration is read.
    public static var wantsJSONLogs: Bool {
        ProcessInfo.processInfo.environment[Variable.logFormat.rawValue]?.lowercased() == "json"
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        func value(_ variable: Variable) -> String? {
            env[variable.rawValue].flatMap { $0.isEmpty ? nil : $0 }
        }
        var key: Data?
        if let raw = value(.secretKey) {
            guard let data = Data(base64Encoded: raw), data.count == 32 else {
                throw ConfigError("ZONEOPS_SECRET_KEY 必须是 32 字节数据的 base64 编码（例如 openssl rand -base64 32 的输出）。")
            }
            key = data
        }
        if let url = value(.databaseURL), !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            throw ConfigError("DATABASE_URL 必须以 postgres:// 开头；不设置则使用数据目录中的 SQLite。")
        }
        let dir = URL(fileURLWithPath: value(.dataDirectory) ?? "./data", isDirectory: true).standardizedFileURL
        var config = AppConfig(dataDirectory: dir, databaseURL: value(.databaseURL),
                               adminPassword: value(.adminPassword), secretKey: key)
        config.trustProxy = ["1", "true", "yes"].contains(value(.trustProxy)?.lowercased() ?? "")
        config.publicURL = value(.publicURL).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        for (variable, keyPath) in [(Variable.syslogPort, \AppConfig.syslogPort), (.trapPort, \AppConfig.trapPort)] {
            guard let raw = value(variable) else { continue }
            guard let port = Int(raw), (0...65_535).contains(port) else {
                throw ConfigError("\(variable.rawValue) 必须是 0–65535 的端口号（0 表示关闭）。")
            }
            config[keyPath: keyPath] = port
        }
        if let host = value(.listenHost) { config.listenHost = host }
        if let raw = value(.laneRate) {
            guard let rate = Double(raw), rate >= 0, rate <= 3600 else {
                throw ConfigError("ZONEOPS_SIM_LANE_RATE 必须是 0–3600 之间的数（每条通道每小时过车数，0 表示不模拟过车）。")
            }
            config.laneRatePerHour = rate
        }
        return config
    }

    public var databaseKind: String { databaseURL == nil ? "sqlite" : "postgres" }
    public var sqliteFile: URL { dataDirectory.appendingPathComponent("zoneops.sqlite") }
}

/// A configuration value that cannot be used; the message says what to fix.
public struct ConfigError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
