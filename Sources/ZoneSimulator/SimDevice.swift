import Foundation

/// One device of the virtual zone, as the network sees it: what it speaks and where it answers.
///
/// Every device has its own loopback address (127.x.y.z: all of 127/8 is loopback on Linux), so
/// the probes of the demo's CIs reach it exactly as they would reach the real device; only the
/// ports are above 1024 (1161 for SNMP, 1502 for Modbus, 8554 for RTSP), so nothing needs root.
public struct SimDevice: Sendable, Equatable {
    /// The simulated NVRs' ISAPI account (Digest authentication, realm and a nonce per NVR), as a
    /// demo NVR CI's management credential holds it (`user:password`).
    public static let isapiUser = "admin"
    public static let isapiPassword = "Sim-NVR-2026"
    public static let isapiRealm = "DS-SIMNVR"
    public static var isapiCredential: String { isapiUser + ":" + isapiPassword }

    static func isapiNonce(_ tag: String) -> String {
        // Stable per device: a probe's answered challenge stays good, as within a real session.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in tag.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    public enum Kind: String, Sendable, CaseIterable {
        /// An SNMP v2c agent: system group and IF-MIB (switches, routers, firewalls, gateways).
        case snmpAgent
        /// An SNMP v2c agent of a UPS: system group and UPS-MIB (RFC 1628).
        case upsAgent
        /// A temperature and humidity sensor on Modbus TCP: registers 0 and 1 in tenths.
        case modbusSensor
        /// A camera's RTSP server (OPTIONS, DESCRIBE with an SDP).
        case rtspCamera
        /// A business system's HTTP health endpoint (`/health`), answering with a latency.
        case httpService
        /// An NVR answering Hikvision ISAPI: disks, channel status, recording search.
        case isapiNVR
        /// Anything that only accepts TCP connections (servers' SSH, databases' listeners, lane controllers).
        case tcpService
    }

    /// The CI it is (its asset tag).
    public var tag: String
    public var kind: Kind
    public var address: String
    public var port: Int
    /// Tags of the devices it hangs on: when one of them fails, this one stops answering too (a
    /// camera behind its access switch).
    public var upstream: [String]
    /// For a camera: its NVR's tag and channel number; for an NVR: how many channels it records.
    public var nvr: String?
    public var channel: Int?
    public var channels: Int
    /// Interfaces an SNMP agent reports (ifIndex 1…n).
    public var interfaces: Int
    /// A sensor's starting readings.
    public var temperature: Double
    public var humidity: Double

    public init(tag: String, kind: Kind, address: String, port: Int? = nil, upstream: [String] = [], nvr: String? = nil,
                channel: Int? = nil, channels: Int = 0, interfaces: Int = 0, temperature: Double = 23, humidity: Double = 48) {
        self.tag = tag
        self.kind = kind
        self.address = address
        self.port = port ?? kind.defaultPort
        self.upstream = upstream
        self.nvr = nvr
        self.channel = channel
        self.channels = channels
        self.interfaces = interfaces
        self.temperature = temperature
        self.humidity = humidity
    }
}

extension SimDevice.Kind {
    /// The port the simulator answers on (the demo's probes are configured with it).
    public var defaultPort: Int {
        switch self {
        case .snmpAgent, .upsAgent: 1161
        case .modbusSensor: 1502
        case .rtspCamera: 8554
        case .httpService: 8080
        case .isapiNVR: 8000
        case .tcpService: 2222
        }
    }

    /// SNMP is UDP; the rest are TCP.
    public var isUDP: Bool { self == .snmpAgent || self == .upsAgent }
}
