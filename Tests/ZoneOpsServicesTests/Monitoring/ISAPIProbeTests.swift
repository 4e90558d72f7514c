import Crypto
import Foundation
import NIOPosix
import XCTest
@testable import ZoneOpsServices
import ZoneOpsDomain
import ZoneOpsWire

/// The NVR probe against a stand-in that answers ISAPI as a Hikvision NVR does, behind HTTP Digest
/// authentication: a failed disk, an offline channel and a channel keeping only 60 days of video.
final class ISAPIProbeTests: XCTestCase {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Answers each request once it is complete; 401 with a Digest challenge unless the
    /// Authorization header carries the right response for admin / nvr-pass.
    static func nvr(_ bytes: [UInt8]) -> [UInt8]? {
        guard let end = ResponseHead.find([13, 10, 13, 10], in: bytes) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let length = lines.first { $0.lowercased().hasPrefix("content-length:") }.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        guard bytes.count >= end + 4 + length else { return nil }
        let parts = lines[0].split(separator: " ")
        let method = String(parts[0]), path = String(parts[1])
        let body = String(decoding: bytes[(end + 4)...], as: UTF8.self)
        let auth = lines.first { $0.hasPrefix("Authorization: ") }.map { String($0.dropFirst("Authorization: ".count)) }
        func md5(_ text: String) -> String { Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        var authorized = false
        if let auth, auth.hasPrefix("Digest ") {
            let fields = HTTPAuth.parameters(String(auth.dropFirst(7)))
            let ha1 = md5("admin:nvr:nvr-pass"), ha2 = md5("\(method):\(path)")
            let expected = md5("\(ha1):n0nce:\(fields["nc"] ?? ""):\(fields["cnonce"] ?? ""):auth:\(ha2)")
            authorized = fields["username"] == "admin" && fields["response"] == expected
        }
        func reply(_ status: String, _ text: String, _ extra: String = "") -> [UInt8] {
            Array("HTTP/1.1 \(status)\r\n\(extra)Content-Type: application/xml\r\nContent-Length: \(text.utf8.count)\r\nConnection: close\r\n\r\n\(text)".utf8)
        }
        guard authorized else {
            return reply("401 Unauthorized", "", "WWW-Authenticate: Digest qop=\"auth\", realm=\"nvr\", nonce=\"n0nce\", stale=\"FALSE\"\r\n")
        }
        switch path {
        case ISAPI.hddPath:
            return reply("200 OK", """
                <?xml version="1.0" encoding="UTF-8"?><hddList version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
                <hdd version="2.0"><id>1</id><hddName>hdde</hddName><status>ok</status><capacity>7630885</capacity><freeSpace>1024</freeSpace></hdd>
                <hdd version="2.0"><id>2</id><status>smartFailed</status><capacity>7630885</capacity><freeSpace>0</freeSpace></hdd></hddList>
                """)
        case ISAPI.channelsPath:
            return reply("200 OK", """
                <InputProxyChannelStatusList><InputProxyChannelStatus><id>1</id><name>卡口入区</name><online>true</online></InputProxyChannelStatus>
                <InputProxyChannelStatus><id>2</id><name>仓库北</name><online>true</online></InputProxyChannelStatus>
                <InputProxyChannelStatus><id>3</id><name>周界东</name><online>false</online></InputProxyChannelStatus></InputProxyChannelStatusList>
                """)
        case ISAPI.searchPath:
            let track = ISAPI.blocks("trackID", in: body).first.flatMap { Int($0) } ?? 0
            let days = track == 101 ? 120.0 : 60.0
            let start = ISO8601DateFormatter().string(from: now.addingTimeInterval(-days * 86_400))
            return reply("200 OK", """
                <CMSearchResult><responseStatus>true</responseStatus><numOfMatches>1</numOfMatches><matchList><searchMatchItem>
                <trackID>\(track)</trackID><timeSpan><startTime>\(start)</startTime><endTime>\(start)</endTime></timeSpan></searchMatchItem></matchList></CMSearchResult>
                """)
        default:
            return reply("404 Not Found", "")
        }
    }

    func testDisksChannelsAndRetentionBehindDigestAuth() async throws {
        let server = try await LoopbackServer(respond: Self.nvr)
        defer { Task { try? await server.close() } }
        let runner = ProbeRunner(group: MultiThreadedEventLoopGroup.singleton, now: { Self.now })
        var target = ProbeTarget(id: UUID(), ciId: UUID(), kind: .isapi, host: "127.0.0.1", port: server.port, spec: ProbeSpec(),
                                 interval: 300, timeout: .seconds(2), retries: 0, password: "admin:nvr-pass")
        let outcome = await runner.run(target)
        let byCheck = Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.check, $0) })
        XCTAssertEqual(byCheck["reachable"]?.severity, .ok, "\(outcome.results)")
        XCTAssertEqual(byCheck["disks"]?.severity, .critical)
        XCTAssertTrue(byCheck["disks"]?.summary.contains("2 smartFailed") ?? false, byCheck["disks"]?.summary ?? "")
        XCTAssertEqual(byCheck["channels"]?.severity, .major)
        XCTAssertTrue(byCheck["channels"]?.summary.contains("周界东") ?? false)
        // All three channels counted: the first one inside the list's wrapper was once skipped.
        XCTAssertTrue(byCheck["channels"]?.summary.hasPrefix("1/3 ") ?? false, byCheck["channels"]?.summary ?? "")
        XCTAssertEqual(byCheck["retention"]?.severity, .major)
        XCTAssertEqual(byCheck["retention"]?.value ?? 0, 60, accuracy: 0.01)
        XCTAssertTrue(byCheck["retention"]?.summary.contains("D2") ?? false, byCheck["retention"]?.summary ?? "")

        target.password = "admin:wrong"
        let refused = await runner.run(target)
        XCTAssertEqual(refused.results.map(\.check), ["reachable"])
        XCTAssertTrue(refused.results[0].summary.contains("401"))
    }
}
