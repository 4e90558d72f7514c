import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import ZoneOpsWire

/// The virtual bonded zone at run time: every simulated device listening on its loopback
/// address, and the fault scenarios that change what they answer.
///
/// Devices answer from `DeviceReadings`, computed per request from the running scenarios and the
/// clock, so at rest the zone costs only the probes' own requests. A device that has failed (or
/// hangs on one that has) closes connections at once and ignores datagrams, which the probes
/// report as a silent device.
public final class VirtualZone: Sendable {
    static let logger = Logger(label: "zoneops.simulator")
    public let devices: [String: SimDevice]
    public let scenarios: [Scenario]
    let now: @Sendable () -> Date
    let started: Date
    private let state = Mutex(State())

    struct State {
        var conditions = ZoneConditions()
        var channels: [any Channel] = []
    }

    public init(devices: [SimDevice], scenarios: [Scenario], now: @escaping @Sendable () -> Date = { Date() }) {
        self.devices = Dictionary(devices.map { ($0.tag, $0) }, uniquingKeysWith: { first, _ in first })
        self.scenarios = scenarios
        self.now = now
        started = now()
    }

    /// The readings of this instant.
    public func readings() -> DeviceReadings {
        DeviceReadings(devices: devices, conditions: state.withLock { $0.conditions }, now: now(), started: started)
    }

    public var conditions: ZoneConditions { state.withLock { $0.conditions } }

    // MARK: Scenarios

    public enum Failure: Error, Equatable {
        case unknownScenario(String)
    }

    /// Starts (or with `clear`, ends) a scenario; answers the scenarios running afterwards.
    @discardableResult
    public func apply(_ key: String, clear: Bool) throws -> [String: Date] {
        guard let scenario = scenarios.first(where: { $0.key == key }) else { throw Failure.unknownScenario(key) }
        let at = now()
        let running = state.withLock { state -> [String: Date] in
            if clear { state.conditions.clear(scenario, others: scenarios) } else { state.conditions.start(scenario, at: at) }
            return state.conditions.running
        }
        Self.logger.info("模拟场景 scenario \(clear ? "cleared" : "started"): \(key)")
        return running
    }

    // MARK: Listening

    /// Binds every device (loopback addresses only; anything else is refused). Devices whose
    /// address cannot be bound are logged and skipped, so one taken port does not stop the demo.
    /// Answers how many devices listen.
    @discardableResult
    public func start(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> Int {
        var bound: [any Channel] = []
        var failures = 0
        for device in devices.values.sorted(by: { $0.tag < $1.tag }) {
            guard device.address.hasPrefix("127.") else { failures += 1; continue }
            do {
                bound.append(try await bind(device, group: group))
            } catch {
                failures += 1
                Self.logger.warning("模拟设备无法监听 simulated device not bound: \(device.tag) \(device.address):\(device.port): \(error)")
            }
        }
        state.withLock { $0.channels += bound }
        Self.logger.info("虚拟园区已启动 virtual zone listening: \(bound.count) devices, \(failures) skipped")
        return bound.count
    }

    func bind(_ device: SimDevice, group: any EventLoopGroup) async throws -> any Channel {
        if device.kind.isUDP {
            return try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(AgentHandler(zone: self, device: device)) }
                }
                .bind(host: device.address, port: device.port).get()
        }
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 64)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(StreamHandler(zone: self, device: device)) }
            }
            .bind(host: device.address, port: device.port).get()
    }

    public func stop() async {
        let channels = state.withLock { state in defer { state.channels = [] }; return state.channels }
        for channel in channels { try? await channel.close() }
    }
}

/// A TCP connection to a simulated device: bytes in, `DeviceAnswers.stream` out.
private final class StreamHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let zone: VirtualZone
    let device: SimDevice
    var buffer: [UInt8] = []

    init(zone: VirtualZone, device: SimDevice) {
        self.zone = zone
        self.device = device
    }

    func channelActive(context: ChannelHandlerContext) {
        if !zone.readings().answers(device.tag) { context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer += bytes.readBytes(length: bytes.readableBytes) ?? []
        let readings = zone.readings()
        guard readings.answers(device.tag) else { return context.close(promise: nil) }
        switch DeviceAnswers.stream(buffer, device: device, readings: readings) {
        case .more:
            return
        case .hangUp:
            context.close(promise: nil)
        case .send(let answer, let delay, let close):
            buffer = []
            let channel = context.channel
            let write: @Sendable () -> Void = {
                let out = channel.allocator.buffer(bytes: answer)
                let done = channel.writeAndFlush(out)
                if close { done.whenComplete { _ in channel.close(promise: nil) } }
            }
            if delay > 0 {
                channel.eventLoop.scheduleTask(in: .milliseconds(Int64(delay))) { write() }
            } else {
                write()
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// An SNMP agent of the virtual zone (UDP).
private final class AgentHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let zone: VirtualZone
    let device: SimDevice

    init(zone: VirtualZone, device: SimDevice) {
        self.zone = zone
        self.device = device
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var envelope = unwrapInboundIn(data)
        let readings = zone.readings()
        guard readings.answers(device.tag),
              let bytes = envelope.data.readBytes(length: min(envelope.data.readableBytes, SNMPMessage.maxSize)),
              let answer = DeviceAnswers.snmp(bytes, device: device, readings: readings) else { return }
        let out = AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: context.channel.allocator.buffer(bytes: answer))
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
}
