import Foundation
import NIOCore
import NIOPosix
import XCTest
@testable import ZoneOpsServices
import ZoneOpsDomain
import ZoneOpsWire

/// A TCP server on loopback that answers each request with what `respond` makes of the bytes
/// received so far (nil: wait for more). Stands in for a Modbus sensor, a camera's RTSP server
/// or a web page in these tests.
final class LoopbackServer: @unchecked Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    init(respond: @escaping @Sendable ([UInt8]) -> [UInt8]?) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Responder(respond: respond)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func close() async throws { try await channel.close() }

    final class Responder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let respond: @Sendable ([UInt8]) -> [UInt8]?
        var received: [UInt8] = []
        init(respond: @escaping @Sendable ([UInt8]) -> [UInt8]?) { self.respond = respond }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            received += buffer.readBytes(length: buffer.readableBytes) ?? []
            if let answer = respond(received) {
                received = []
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: answer)), promise: nil)
            }
        }
    }
}

final class ProbeRunnerTests: XCTestCase {
    let runner = ProbeRunner(group: MultiThreadedEventLoopGroup.singleton)

    func probe(_ kind: ProbeKind, port: Int, spec: ProbeSpec = ProbeSpec(), host: String = "127.0.0.1") -> ProbeTarget {
        ProbeTarget(id: UUID(), ciId: UUID(), kind: kind, host: host, port: port, spec: spec, interval: 60, timeout: .milliseconds(800), retries: 0)
    }

    func testTCPConnectsAndAClosedPortIsAProblem() async throws {
        let server = try await LoopbackServer { _ in nil }
        let open = await runner.run(probe(.tcp, port: server.port))
        XCTAssertEqual(open.worst, .ok)
        let port = server.port
        try await server.close()
        let closed = await runner.run(probe(.tcp, port: port))
        XCTAssertEqual(closed.worst, .critical)
        XCTAssertEqual(closed.results.first?.check, "reachable")
    }

    func testHTTPChecksStatusAndBody() async throws {
        let server = try await LoopbackServer { bytes in
            guard ResponseHead.find([13, 10, 13, 10], in: bytes) != nil else { return nil }
            let path = String(decoding: bytes, as: UTF8.self).split(separator: " ")[1]
            let body = path == "/health" ? "{\"status\":\"ok\"}" : "not here"
            let status = path == "/health" ? "200 OK" : "404 Not Found"
            return Array("HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
        }
        defer { Task { try? await server.close() } }
        var spec = ProbeSpec()
        spec.path = "/health"
        spec.bodyContains = "\"ok\""
        let healthy = await runner.run(probe(.http, port: server.port, spec: spec))
        XCTAssertEqual(healthy.worst, .ok, "\(healthy.results)")
        XCTAssertEqual(healthy.results.map(\.check), ["reachable", "content"])
        spec.path = "/missing"
        let missing = await runner.run(probe(.http, port: server.port, spec: spec))
        XCTAssertEqual(missing.worst, .major)
        XCTAssertTrue(missing.results[0].summary.contains("404"))
    }

    func testModbusReadsARegisterWithScaleAndThresholdsAndReadsAnException() async throws {
        // A temperature sensor: holding register 0 = 287 (28.7 ℃), register 9 does not exist.
        let server = try await LoopbackServer { bytes in
            guard bytes.count >= 12 else { return nil }
            let address = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
            if address == 9 { return Array(bytes[0..<4]) + [0, 3, bytes[6], 0x83, 0x02] }
            return Array(bytes[0..<4]) + [0, 5, bytes[6], 0x03, 2, 0x01, 0x1f]
        }
        defer { Task { try? await server.close() } }
        var spec = ProbeSpec()
        spec.register = 0
        spec.scale = 0.1
        spec.label = "温度"
        spec.thresholds = Thresholds(warnAbove: 27, criticalAbove: 32)
        let warm = await runner.run(probe(.modbus, port: server.port, spec: spec))
        XCTAssertEqual(warm.worst, .warning)
        XCTAssertEqual(warm.results.last?.value ?? 0, 28.7, accuracy: 0.001)
        XCTAssertEqual(warm.results.last?.summary, "温度 = 28.7")
        spec.register = 9
        let missing = await runner.run(probe(.modbus, port: server.port, spec: spec))
        XCTAssertEqual(missing.worst, .critical)
        XCTAssertTrue(missing.results[0].summary.contains("exception(2)"), missing.results[0].summary)
    }

    func testRTSPAnswersOptionsAndDescribeAndA404IsAProblem() async throws {
        let server = try await LoopbackServer { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.hasSuffix("\r\n\r\n") else { return nil }
            let cseq = text.components(separatedBy: "\r\n").first { $0.hasPrefix("CSeq:") } ?? "CSeq: 1"
            if text.hasPrefix("DESCRIBE") && text.contains("/missing") { return Array("RTSP/1.0 404 Not Found\r\n\(cseq)\r\n\r\n".utf8) }
            if text.hasPrefix("DESCRIBE") {
                let sdp = "v=0\r\nm=video 0 RTP/AVP 96\r\n"
                return Array("RTSP/1.0 200 OK\r\n\(cseq)\r\nContent-Type: application/sdp\r\nContent-Length: \(sdp.utf8.count)\r\n\r\n\(sdp)".utf8)
            }
            return Array("RTSP/1.0 200 OK\r\n\(cseq)\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n".utf8)
        }
        defer { Task { try? await server.close() } }
        var spec = ProbeSpec()
        spec.path = "/Streaming/Channels/101"
        let ok = await runner.run(probe(.rtsp, port: server.port, spec: spec))
        XCTAssertEqual(ok.worst, .ok, "\(ok.results)")
        spec.path = "/missing"
        let missing = await runner.run(probe(.rtsp, port: server.port, spec: spec))
        XCTAssertEqual(missing.worst, .major)
    }

    func testICMPToLoopback() async throws {
        let outcome = await runner.run(probe(.icmp, port: 0))
        if outcome.results.first?.summary.contains("失败") == true {
            throw XCTSkip("no ICMP socket here (neither a ping socket nor CAP_NET_RAW): \(outcome.results)")
        }
        XCTAssertEqual(outcome.worst, .ok, "\(outcome.results)")
        // TEST-NET-1 never answers on a real network (some sandboxes answer every address).
        let unreachable = await runner.run(probe(.icmp, port: 0, host: "192.0.2.1"))
        if unreachable.worst == .ok { throw XCTSkip("this network answers pings to TEST-NET-1") }
        XCTAssertEqual(unreachable.worst, .critical)
    }

    func testTheSchedulersSlotsAreFixedPhasesSpreadOverTheInterval() {
        var phases: [Int64] = []
        for _ in 0..<1000 { phases.append(ProbeScheduler.phase(UUID(), intervalMilliseconds: 60_000)) }
        // Spread: every 6-second tenth of the minute gets some probes.
        let tenths = Set(phases.map { $0 / 6000 })
        XCTAssertEqual(tenths.count, 10)
        // No drift: a probe's slot advances by one per interval, whenever it is asked.
        let target = ProbeTarget(id: UUID(), ciId: UUID(), kind: .tcp, host: "127.0.0.1", port: 1, spec: ProbeSpec(), interval: 60,
                                 timeout: .seconds(1), retries: 0)
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let first = ProbeScheduler.slot(target, at: start)
        XCTAssertEqual(ProbeScheduler.slot(target, at: start + 60 * 100), first + 100)
        // Within one interval the slot changes exactly once.
        let slots = Set(stride(from: 0.0, to: 60, by: 0.5).map { ProbeScheduler.slot(target, at: start + $0) })
        XCTAssertEqual(slots.count, 2)
    }

    func testSpecValidationNamesEachBadField() {
        var spec = ProbeSpec()
        spec.path = "health"
        spec.objects = [SNMPObject(oid: "not.an.oid", label: "x", scale: nil, thresholds: nil)]
        spec.scale = .infinity
        XCTAssertThrowsError(try spec.validated(for: .http)) { error in
            guard case AppError.invalidFields(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(Set(problems.map(\.field)), ["config.path", "config.objects", "config.scale"])
        }
        XCTAssertThrowsError(try ProbeSpec().validated(for: .modbus))
    }
}
