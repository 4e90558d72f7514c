import Foundation

/// Modbus TCP (the open Modbus TCP spec): read holding (0x03) or input (0x04) registers.
public enum Modbus {
    public enum Failure: Error, Equatable, Sendable {
        case malformed
        /// The device answered with an exception (its code: 1 illegal function, 2 illegal address, …).
        case exception(UInt8)
    }

    public static let maxRegisters = 125

    /// The request ADU: MBAP header (transaction, protocol 0, length, unit) and the PDU.
    public static func readRequest(transaction: UInt16, unit: UInt8, input: Bool, address: UInt16, count: UInt16) -> [UInt8] {
        let count = min(max(count, 1), UInt16(maxRegisters))
        return [UInt8(transaction >> 8), UInt8(transaction & 0xff), 0, 0, 0, 6, unit, input ? 0x04 : 0x03,
                UInt8(address >> 8), UInt8(address & 0xff), UInt8(count >> 8), UInt8(count & 0xff)]
    }

    /// Bytes a complete response takes, once the MBAP header is in (nil before that).
    public static func expectedLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 6 else { return nil }
        return 6 + Int(UInt16(bytes[4]) << 8 | UInt16(bytes[5]))
    }

    /// The registers of a response to `transaction`; its declared lengths are checked against the bytes.
    public static func registers(_ bytes: [UInt8], transaction: UInt16) throws -> [UInt16] {
        guard let total = expectedLength(bytes), bytes.count >= total, total >= 9, total <= 260,
              UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == transaction, bytes[2] == 0, bytes[3] == 0 else { throw Failure.malformed }
        let function = bytes[7]
        if function & 0x80 != 0 { throw Failure.exception(bytes[8]) }
        guard function == 0x03 || function == 0x04 else { throw Failure.malformed }
        let byteCount = Int(bytes[8])
        guard byteCount % 2 == 0, 9 + byteCount <= total else { throw Failure.malformed }
        return stride(from: 9, to: 9 + byteCount, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }

    /// A read request as a device sees it (the simulated sensors answer with `readResponse`).
    public struct ReadRequest: Equatable, Sendable {
        public var transaction: UInt16
        public var unit: UInt8
        public var function: UInt8
        public var address: UInt16
        public var count: UInt16
    }

    /// The request in `bytes` once complete: nil while more is needed; a function other than
    /// 0x03/0x04 or a count outside 1…125 is still returned, for an exception answer.
    public static func parseRequest(_ bytes: [UInt8]) throws -> ReadRequest? {
        guard let total = expectedLength(bytes) else { return nil }
        guard total >= 8, total <= 260, bytes[2] == 0, bytes[3] == 0 else { throw Failure.malformed }
        guard bytes.count >= total else { return nil }
        guard total >= 12 else { throw Failure.malformed }
        return ReadRequest(transaction: UInt16(bytes[0]) << 8 | UInt16(bytes[1]), unit: bytes[6], function: bytes[7],
                           address: UInt16(bytes[8]) << 8 | UInt16(bytes[9]), count: UInt16(bytes[10]) << 8 | UInt16(bytes[11]))
    }

    /// The answer to `request`: its registers, or an exception (1 illegal function, 2 illegal address, 3 illegal value).
    public static func response(to request: ReadRequest, registers: [UInt16]?) -> [UInt8] {
        let head = [UInt8(request.transaction >> 8), UInt8(request.transaction & 0xff), 0, 0]
        let exception: UInt8? = request.function != 0x03 && request.function != 0x04 ? 1
            : !(1...UInt16(maxRegisters)).contains(request.count) ? 3 : registers == nil ? 2 : nil
        if let exception { return head + [0, 3, request.unit, request.function | 0x80, exception] }
        let values = (registers ?? []).prefix(Int(request.count))
        let body = values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
        let length = 3 + body.count
        return head + [UInt8(length >> 8), UInt8(length & 0xff), request.unit, request.function, UInt8(body.count)] + body
    }
}

/// A response head of HTTP/1.x or RTSP/1.0: status and headers, and where the body starts.
public struct ResponseHead: Equatable, Sendable {
    public var protocolName: String
    public var status: Int
    public var headers: [String: String]
    public var bodyOffset: Int

    public static let maxHeadBytes = 16_384

    /// Parses the head once it is complete (nil while the blank line has not arrived).
    public static func parse(_ bytes: [UInt8]) -> ResponseHead? {
        guard let end = find([13, 10, 13, 10], in: bytes), end <= maxHeadBytes else { return nil }
        let text = String(decoding: bytes[..<end], as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, let status = Int(statusLine[1]), (100...599).contains(status) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return ResponseHead(protocolName: String(statusLine[0]), status: status, headers: headers, bodyOffset: end + 4)
    }

    /// Whether the whole message is in: the head, and Content-Length bytes of body when given.
    public static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let head = parse(bytes) else { return bytes.count > maxHeadBytes }
        guard let length = head.headers["content-length"].flatMap(Int.init) else { return false }
        return bytes.count - head.bodyOffset >= min(length, 65_536)
    }

    public static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for index in 0...(bytes.count - needle.count) where bytes[index] == needle[0] && Array(bytes[index..<index + needle.count]) == needle {
            return index
        }
        return nil
    }
}

/// ICMP echo (RFC 792) for the ping probe: the request, the internet checksum, and reading a reply.
public enum ICMPEcho {
    public static func request(identifier: UInt16, sequence: UInt16, payload: [UInt8] = Array("zoneops-probe".utf8)) -> [UInt8] {
        var packet: [UInt8] = [8, 0, 0, 0, UInt8(identifier >> 8), UInt8(identifier & 0xff), UInt8(sequence >> 8), UInt8(sequence & 0xff)] + payload
        let sum = checksum(packet)
        packet[2] = UInt8(sum >> 8)
        packet[3] = UInt8(sum & 0xff)
        return packet
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xffff) + (sum >> 16) }
        return ~UInt16(sum)
    }

    /// Whether `bytes` (an IPv4 packet from a raw socket, or the bare ICMP message from a ping
    /// socket) is the echo reply to (identifier, sequence).
    public static func isReply(_ bytes: [UInt8], identifier: UInt16, sequence: UInt16, checkIdentifier: Bool = true) -> Bool {
        var icmp = bytes[...]
        if let first = bytes.first, first >> 4 == 4 {
            let headerLength = Int(first & 0x0f) * 4
            guard headerLength >= 20, bytes.count >= headerLength + 8 else { return false }
            icmp = bytes[headerLength...]
        }
        guard icmp.count >= 8 else { return false }
        let start = icmp.startIndex
        guard icmp[start] == 0, icmp[start + 1] == 0 else { return false }
        let id = UInt16(icmp[start + 4]) << 8 | UInt16(icmp[start + 5])
        let seq = UInt16(icmp[start + 6]) << 8 | UInt16(icmp[start + 7])
        return seq == sequence && (!checkIdentifier || id == identifier)
    }
}
