import Foundation

/// An object identifier, as arcs: `1.3.6.1.2.1.1.3.0`.
public struct OID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let arcs: [UInt32]

    /// At most this many arcs (far beyond any MIB; a longer one is refused).
    public static let maxArcs = 128

    public init?(_ arcs: [UInt32]) {
        guard arcs.count >= 2, arcs.count <= Self.maxArcs, arcs[0] <= 2, arcs[0] == 2 || arcs[1] < 40 else { return nil }
        self.arcs = arcs
    }

    /// Dotted text, with or without the leading dot.
    public init?(_ text: String) {
        let trimmed = text.hasPrefix(".") ? String(text.dropFirst()) : text
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= Self.maxArcs else { return nil }
        var arcs: [UInt32] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 10, part.allSatisfy(\.isASCII), let arc = UInt32(part) else { return nil }
            arcs.append(arc)
        }
        self.init(arcs)
    }

    public var description: String { arcs.map(String.init).joined(separator: ".") }

    /// Whether `self` is `other` or lies below it (a walk stays inside its subtree).
    public func isWithin(_ other: OID) -> Bool { arcs.count >= other.arcs.count && Array(arcs.prefix(other.arcs.count)) == other.arcs }

    public func appending(_ more: UInt32...) -> OID { OID(arcs + more) ?? self }

    public static func < (a: OID, b: OID) -> Bool { a.arcs.lexicographicallyPrecedes(b.arcs) }

    /// X.690 8.19: the first two arcs share a sub-identifier; each is base 128, high bit = more.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        for arc in [UInt64(arcs[0]) * 40 + UInt64(arcs[1])] + arcs.dropFirst(2).map(UInt64.init) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            bytes += chunk
        }
        return bytes
    }

    public init(decoding contents: ArraySlice<UInt8>) throws {
        guard !contents.isEmpty, contents.last! & 0x80 == 0 else { throw BER.Failure.badValue }
        var arcs: [UInt32] = []
        var value: UInt64 = 0
        var started = false
        for byte in contents {
            // A sub-identifier may not start with 0x80 (a non-minimal encoding).
            if !started && byte == 0x80 { throw BER.Failure.badValue }
            started = byte & 0x80 != 0
            value = value << 7 | UInt64(byte & 0x7F)
            guard value <= UInt64(UInt32.max) * 40 else { throw BER.Failure.badValue }
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    let first: UInt64 = value < 40 ? 0 : (value < 80 ? 1 : 2)
                    let second = value - first * 40
                    guard second <= UInt64(UInt32.max) else { throw BER.Failure.badValue }
                    arcs += [UInt32(first), UInt32(second)]
                } else {
                    guard value <= UInt64(UInt32.max) else { throw BER.Failure.badValue }
                    arcs.append(UInt32(value))
                }
                guard arcs.count <= Self.maxArcs else { throw BER.Failure.badValue }
                value = 0
            }
        }
        self.arcs = arcs
    }

    // Well-known objects the probes and the trap intake read.
    public static let sysUpTime = OID([1, 3, 6, 1, 2, 1, 1, 3, 0])!
    public static let sysName = OID([1, 3, 6, 1, 2, 1, 1, 5, 0])!
    public static let ifOperStatus = OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 8])!
    /// In a v2c trap: which trap it is.
    public static let snmpTrapOID = OID([1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0])!
    public static let linkDown = OID([1, 3, 6, 1, 6, 3, 1, 1, 5, 3])!
    public static let linkUp = OID([1, 3, 6, 1, 6, 3, 1, 1, 5, 4])!
}

/// A variable's value as SNMPv2-SMI defines it, and the three exceptions of RFC 3416.
public enum SNMPValue: Equatable, Sendable {
    case integer(Int64)
    case octets([UInt8])
    case null
    case oid(OID)
    case ipAddress([UInt8])
    case counter32(UInt32)
    case gauge32(UInt32)
    case timeTicks(UInt32)
    case opaque([UInt8])
    case counter64(UInt64)
    case noSuchObject, noSuchInstance, endOfMibView

    enum Tag {
        static let integer: UInt8 = 0x02, octets: UInt8 = 0x04, null: UInt8 = 0x05, oid: UInt8 = 0x06
        static let ipAddress: UInt8 = 0x40, counter32: UInt8 = 0x41, gauge32: UInt8 = 0x42, timeTicks: UInt8 = 0x43
        static let opaque: UInt8 = 0x44, counter64: UInt8 = 0x46
        static let noSuchObject: UInt8 = 0x80, noSuchInstance: UInt8 = 0x81, endOfMibView: UInt8 = 0x82
    }

    /// A number to compare with thresholds, when the value is one.
    public var number: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .counter32(let v), .gauge32(let v), .timeTicks(let v): Double(v)
        case .counter64(let v): Double(v)
        case .octets(let bytes): String(bytes: bytes, encoding: .utf8).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        default: nil
        }
    }

    /// Text for octet strings (UTF-8 when it is, else hex), the dotted form for the rest.
    public var text: String {
        switch self {
        case .integer(let v): String(v)
        case .octets(let bytes): String(bytes: bytes, encoding: .utf8) ?? bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
        case .null: ""
        case .oid(let oid): oid.description
        case .ipAddress(let bytes): bytes.map(String.init).joined(separator: ".")
        case .counter32(let v), .gauge32(let v), .timeTicks(let v): String(v)
        case .opaque(let bytes): bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
        case .counter64(let v): String(v)
        case .noSuchObject: "noSuchObject"
        case .noSuchInstance: "noSuchInstance"
        case .endOfMibView: "endOfMibView"
        }
    }

    /// Whether the agent answered with an exception instead of a value.
    public var isException: Bool { self == .noSuchObject || self == .noSuchInstance || self == .endOfMibView }

    var encoded: [UInt8] {
        switch self {
        case .integer(let v): BER.tlv(Tag.integer, BER.signed(v))
        case .octets(let bytes): BER.tlv(Tag.octets, bytes)
        case .null: BER.tlv(Tag.null, [])
        case .oid(let oid): BER.tlv(Tag.oid, oid.encoded)
        case .ipAddress(let bytes): BER.tlv(Tag.ipAddress, bytes)
        case .counter32(let v): BER.tlv(Tag.counter32, BER.unsigned(UInt64(v)))
        case .gauge32(let v): BER.tlv(Tag.gauge32, BER.unsigned(UInt64(v)))
        case .timeTicks(let v): BER.tlv(Tag.timeTicks, BER.unsigned(UInt64(v)))
        case .opaque(let bytes): BER.tlv(Tag.opaque, bytes)
        case .counter64(let v): BER.tlv(Tag.counter64, BER.unsigned(v))
        case .noSuchObject: BER.tlv(Tag.noSuchObject, [])
        case .noSuchInstance: BER.tlv(Tag.noSuchInstance, [])
        case .endOfMibView: BER.tlv(Tag.endOfMibView, [])
        }
    }

    init(tag: UInt8, contents: ArraySlice<UInt8>) throws {
        switch tag {
        case Tag.integer: self = .integer(try BER.signed(from: contents))
        case Tag.octets: self = .octets(Array(contents))
        case Tag.null: self = .null
        case Tag.oid: self = .oid(try OID(decoding: contents))
        case Tag.ipAddress:
            guard contents.count == 4 else { throw BER.Failure.badValue }
            self = .ipAddress(Array(contents))
        case Tag.counter32: self = .counter32(UInt32(try BER.unsigned(from: contents, bits: 32)))
        case Tag.gauge32: self = .gauge32(UInt32(try BER.unsigned(from: contents, bits: 32)))
        case Tag.timeTicks: self = .timeTicks(UInt32(try BER.unsigned(from: contents, bits: 32)))
        case Tag.opaque: self = .opaque(Array(contents))
        case Tag.counter64: self = .counter64(try BER.unsigned(from: contents, bits: 64))
        case Tag.noSuchObject: self = .noSuchObject
        case Tag.noSuchInstance: self = .noSuchInstance
        case Tag.endOfMibView: self = .endOfMibView
        default: throw BER.Failure.unexpected(tag: tag, expected: Tag.null)
        }
    }
}

public struct VarBind: Equatable, Sendable {
    public var oid: OID
    public var value: SNMPValue

    public init(_ oid: OID, _ value: SNMPValue = .null) {
        self.oid = oid
        self.value = value
    }
}

/// An SNMPv2c message (RFC 1901, RFC 3416): version, community and one PDU.
public struct SNMPMessage: Equatable, Sendable {
    public enum PDUType: UInt8, Sendable {
        case get = 0xA0, getNext = 0xA1, response = 0xA2, set = 0xA3, getBulk = 0xA5, inform = 0xA6, trap = 0xA7, report = 0xA8
    }

    public enum Failure: Error, Equatable, Sendable {
        /// Only v2c (version field 1) is spoken here.
        case unsupportedVersion(Int64)
        case unknownPDU(UInt8)
        case tooManyVarBinds
        case tooLarge
    }

    /// The largest message read (a UDP datagram's payload).
    public static let maxSize = 65_507
    /// The most variables a message may carry.
    public static let maxVarBinds = 2_048

    public var community: [UInt8]
    public var type: PDUType
    public var requestId: Int32
    /// `non-repeaters` in a GetBulk.
    public var errorStatus: Int
    /// `max-repetitions` in a GetBulk.
    public var errorIndex: Int
    public var varBinds: [VarBind]

    public init(community: String, type: PDUType, requestId: Int32, errorStatus: Int = 0, errorIndex: Int = 0, varBinds: [VarBind]) {
        self.community = Array(community.utf8)
        self.type = type
        self.requestId = requestId
        self.errorStatus = errorStatus
        self.errorIndex = errorIndex
        self.varBinds = varBinds
    }

    public static func get(_ oids: [OID], community: String, requestId: Int32) -> SNMPMessage {
        SNMPMessage(community: community, type: .get, requestId: requestId, varBinds: oids.map { VarBind($0) })
    }

    public static func getNext(_ oids: [OID], community: String, requestId: Int32) -> SNMPMessage {
        SNMPMessage(community: community, type: .getNext, requestId: requestId, varBinds: oids.map { VarBind($0) })
    }

    /// A GetBulk walking `oids` (all repeaters) `maxRepetitions` rows at a time.
    public static func getBulk(_ oids: [OID], maxRepetitions: Int, community: String, requestId: Int32) -> SNMPMessage {
        SNMPMessage(community: community, type: .getBulk, requestId: requestId, errorStatus: 0, errorIndex: max(0, min(maxRepetitions, 1000)),
                    varBinds: oids.map { VarBind($0) })
    }

    public var encoded: [UInt8] {
        let binds = varBinds.flatMap { BER.tlv(0x30, BER.tlv(SNMPValue.Tag.oid, $0.oid.encoded) + $0.value.encoded) }
        let pdu = BER.tlv(type.rawValue, BER.tlv(0x02, BER.signed(Int64(requestId))) + BER.tlv(0x02, BER.signed(Int64(errorStatus)))
                          + BER.tlv(0x02, BER.signed(Int64(errorIndex))) + BER.tlv(0x30, binds))
        return BER.tlv(0x30, BER.tlv(0x02, BER.signed(1)) + BER.tlv(0x04, community) + pdu)
    }

    public init(decoding bytes: [UInt8]) throws {
        guard bytes.count <= Self.maxSize else { throw Failure.tooLarge }
        var outer = BER.Reader(bytes[...])
        let message = try outer.next(0x30)
        guard outer.isAtEnd else { throw BER.Failure.trailing }
        var fields = BER.Reader(message)
        let version = try BER.signed(from: try fields.next(0x02))
        guard version == 1 else { throw Failure.unsupportedVersion(version) }
        community = Array(try fields.next(0x04))
        let (tag, pduContents) = try fields.next()
        guard let type = PDUType(rawValue: tag) else { throw Failure.unknownPDU(tag) }
        self.type = type
        var pdu = BER.Reader(pduContents)
        let id = try BER.signed(from: try pdu.next(0x02))
        guard let requestId = Int32(exactly: id) else { throw BER.Failure.badValue }
        self.requestId = requestId
        let status = try BER.signed(from: try pdu.next(0x02)), index = try BER.signed(from: try pdu.next(0x02))
        guard let errorStatus = Int(exactly: status), let errorIndex = Int(exactly: index) else { throw BER.Failure.badValue }
        self.errorStatus = errorStatus
        self.errorIndex = errorIndex
        var list = BER.Reader(try pdu.next(0x30))
        var binds: [VarBind] = []
        while !list.isAtEnd {
            guard binds.count < Self.maxVarBinds else { throw Failure.tooManyVarBinds }
            var bind = BER.Reader(try list.next(0x30))
            let oid = try OID(decoding: try bind.next(SNMPValue.Tag.oid))
            let (valueTag, valueContents) = try bind.next()
            guard bind.isAtEnd else { throw BER.Failure.trailing }
            binds.append(VarBind(oid, try SNMPValue(tag: valueTag, contents: valueContents)))
        }
        varBinds = binds
    }

    /// The value of `oid` among the variables, if present.
    public func value(of oid: OID) -> SNMPValue? { varBinds.first { $0.oid == oid }?.value }

    /// In a v2c trap or inform: which trap it is (`snmpTrapOID.0`).
    public var trapOID: OID? {
        guard case .oid(let oid)? = value(of: .snmpTrapOID) else { return nil }
        return oid
    }
}
