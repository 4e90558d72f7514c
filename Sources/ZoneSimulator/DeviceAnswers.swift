import Foundation
import ZoneOpsWire

/// What a device sends back for the bytes it received: the protocols spoken with ZoneOpsWire's
/// codecs, the values from `DeviceReadings`. Pure functions, tested without sockets.
public enum DeviceAnswers {
    /// The answer to bytes read so far on a stream.
    public enum Reply: Equatable, Sendable {
        /// Not a whole request yet: read more.
        case more
        /// Send these bytes after `delay` milliseconds; close afterwards when `close`.
        case send([UInt8], delay: Int = 0, close: Bool)
        /// Close without answering (garbage, or a request this device does not take).
        case hangUp
    }

    /// The most bytes a request may take before the device hangs up.
    public static let maxRequest = 65_536

    public static func stream(_ bytes: [UInt8], device: SimDevice, readings: DeviceReadings) -> Reply {
        guard bytes.count <= maxRequest else { return .hangUp }
        switch device.kind {
        case .modbusSensor: return modbus(bytes, device: device, readings: readings)
        case .rtspCamera: return rtsp(bytes)
        case .httpService: return health(bytes, device: device, readings: readings)
        case .isapiNVR: return isapi(bytes, device: device, readings: readings)
        case .tcpService, .snmpAgent, .upsAgent: return .hangUp
        }
    }

    // MARK: Modbus

    static func modbus(_ bytes: [UInt8], device: SimDevice, readings: DeviceReadings) -> Reply {
        let parsed: Modbus.ReadRequest?
        do { parsed = try Modbus.parseRequest(bytes) } catch { return .hangUp }
        guard let request = parsed else { return .more }
        // Holding and input registers both hold the readings; any other address is illegal.
        let all = readings.registers(device)
        let start = Int(request.address), end = start + Int(request.count)
        let registers = end <= all.count ? Array(all[start..<end]) : nil
        return .send(Modbus.response(to: request, registers: registers), close: false)
    }

    // MARK: RTSP

    static func rtsp(_ bytes: [UInt8]) -> Reply {
        guard let head = RequestHead.parse(bytes) else { return bytes.count > 16_384 ? .hangUp : .more }
        let cseq = head.headers["cseq"] ?? "1"
        switch head.method {
        case "OPTIONS":
            return .send(Array("RTSP/1.0 200 OK\r\nCSeq: \(cseq)\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n".utf8), close: false)
        case "DESCRIBE":
            let sdp = "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=Media Presentation\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            return .send(Array(("RTSP/1.0 200 OK\r\nCSeq: \(cseq)\r\nContent-Type: application/sdp\r\nContent-Length: \(sdp.utf8.count)\r\n\r\n" + sdp).utf8),
                         close: false)
        default:
            return .send(Array("RTSP/1.0 405 Method Not Allowed\r\nCSeq: \(cseq)\r\n\r\n".utf8), close: true)
        }
    }

    // MARK: HTTP

    static func http(_ status: Int, _ body: String, type: String = "application/json", delay: Int = 0, extra: String = "") -> Reply {
        let reason = [200: "OK", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"][status] ?? "Error"
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n\(extra)Connection: close\r\n\r\n"
        return .send(Array((head + body).utf8), delay: delay, close: true)
    }

    static func health(_ bytes: [UInt8], device: SimDevice, readings: DeviceReadings) -> Reply {
        guard let head = RequestHead.parse(bytes) else { return .more }
        guard head.path.hasPrefix("/health") else { return http(404, "{\"error\":\"not found\"}") }
        let (status, ms) = readings.health(device)
        return http(status, status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}", delay: ms)
    }

    // MARK: ISAPI (NVR)

    static func isapi(_ bytes: [UInt8], device: SimDevice, readings: DeviceReadings) -> Reply {
        guard let head = RequestHead.parse(bytes) else { return .more }
        guard bytes.count >= head.bodyOffset + head.contentLength else { return .more }
        let body = String(decoding: bytes[head.bodyOffset...], as: UTF8.self)
        let xml = "application/xml"
        // Like a real NVR, every ISAPI request needs Digest authentication.
        let nonce = SimDevice.isapiNonce(device.tag)
        guard let authorization = head.headers["authorization"],
              HTTPAuth.verifyDigest(authorization, method: head.method, uri: head.path, user: SimDevice.isapiUser, password: SimDevice.isapiPassword,
                                    realm: SimDevice.isapiRealm, nonce: nonce) else {
            return http(401, "<ResponseStatus><statusCode>4</statusCode><statusString>Invalid Operation</statusString>"
                        + "<subStatusCode>notAuthenticated</subStatusCode></ResponseStatus>", type: xml,
                        extra: "WWW-Authenticate: Digest qop=\"auth\", realm=\"\(SimDevice.isapiRealm)\", nonce=\"\(nonce)\", stale=\"FALSE\"\r\n")
        }
        let channels = max(device.channels, 1)
        switch (head.method, head.path) {
        case ("GET", ISAPI.hddPath):
            let free = readings.freeSpaceMB(nvr: device.tag)
            let disks = (1...4).map { "<hdd version=\"2.0\"><id>\($0)</id><hddName>hdd\($0)</hddName><status>ok</status>"
                + "<capacity>7630885</capacity><freeSpace>\(Int(free / 4))</freeSpace></hdd>" }.joined()
            return http(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hddList version=\"2.0\">\(disks)</hddList>", type: xml)
        case ("GET", ISAPI.channelsPath):
            let items = (1...channels).map { number in
                "<InputProxyChannelStatus><id>\(number)</id><name>D\(number)</name>"
                    + "<online>\(readings.channelOnline(nvr: device.tag, channel: number))</online></InputProxyChannelStatus>"
            }.joined()
            return http(200, "<InputProxyChannelStatusList>\(items)</InputProxyChannelStatusList>", type: xml)
        case ("POST", ISAPI.searchPath):
            let track = ISAPI.blocks("trackID", in: body).first.flatMap { Int($0) } ?? 0
            let channel = track / 100
            guard (1...channels).contains(channel) else {
                return http(200, "<CMSearchResult><responseStatus>true</responseStatus><numOfMatches>0</numOfMatches></CMSearchResult>", type: xml)
            }
            let format = ISO8601DateFormatter()
            let start = format.string(from: readings.now.addingTimeInterval(-readings.retentionDays(nvr: device.tag, channel: channel) * 86_400))
            let end = format.string(from: readings.now)
            return http(200, "<CMSearchResult><responseStatus>true</responseStatus><numOfMatches>1</numOfMatches><matchList><searchMatchItem>"
                + "<trackID>\(track)</trackID><timeSpan><startTime>\(start)</startTime><endTime>\(end)</endTime></timeSpan>"
                + "</searchMatchItem></matchList></CMSearchResult>", type: xml)
        default:
            return http(404, "<ResponseStatus><statusCode>4</statusCode><statusString>Invalid Operation</statusString></ResponseStatus>", type: xml)
        }
    }

    // MARK: SNMP

    /// The answer to a datagram (nil: not SNMP v2c, the wrong community, or not a request).
    public static func snmp(_ bytes: [UInt8], device: SimDevice, readings: DeviceReadings, community: String = "public") -> [UInt8]? {
        guard let request = try? SNMPMessage(decoding: bytes), request.community == Array(community.utf8) else { return nil }
        let mib = MIB.table(for: device, readings: readings)
        var binds: [VarBind] = []
        switch request.type {
        case .get:
            binds = request.varBinds.map { VarBind($0.oid, mib.value(at: $0.oid) ?? .noSuchObject) }
        case .getNext:
            binds = request.varBinds.map { mib.next(after: $0.oid) ?? VarBind($0.oid, .endOfMibView) }
        case .getBulk:
            let nonRepeaters = max(0, min(request.errorStatus, request.varBinds.count))
            let repetitions = max(0, min(request.errorIndex, 50))
            binds = request.varBinds.prefix(nonRepeaters).map { mib.next(after: $0.oid) ?? VarBind($0.oid, .endOfMibView) }
            var cursors = request.varBinds.dropFirst(nonRepeaters).map(\.oid)
            for _ in 0..<repetitions where !cursors.isEmpty {
                var row: [VarBind] = []
                for (index, cursor) in cursors.enumerated() {
                    let bind = mib.next(after: cursor) ?? VarBind(cursor, .endOfMibView)
                    row.append(bind)
                    cursors[index] = bind.oid
                }
                binds += row
                if row.allSatisfy({ $0.value == .endOfMibView }) { break }
            }
        default:
            return nil
        }
        return SNMPMessage(community: community, type: .response, requestId: request.requestId, varBinds: binds).encoded
    }
}

/// A request head of HTTP/1.x or RTSP/1.0, as the simulated devices read it.
struct RequestHead: Equatable {
    var method: String
    var path: String
    var headers: [String: String]
    var bodyOffset: Int
    var contentLength: Int

    static func parse(_ bytes: [UInt8]) -> RequestHead? {
        guard let end = ResponseHead.find(Array("\r\n\r\n".utf8), in: bytes) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let first = lines[0].split(separator: " ")
        guard first.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var path = String(first[1])
        // RTSP and absolute HTTP forms name the whole URL; the path is what follows the authority.
        if let scheme = path.range(of: "://") {
            path = path[scheme.upperBound...].firstIndex(of: "/").map { String(path[$0...]) } ?? "/"
        }
        let length = min(max(Int(headers["content-length"] ?? "0") ?? 0, 0), DeviceAnswers.maxRequest)
        return RequestHead(method: String(first[0]), path: path, headers: headers, bodyOffset: end + 4, contentLength: length)
    }
}
