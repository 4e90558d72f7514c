import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import ZoneOpsDomain
import ZoneOpsWire

/// Syslog (UDP and TCP, RFC 3164 and 5424, RFC 6587 framing) and SNMP v2c traps (UDP) into the
/// intake. Datagrams are gathered and written a batch at a time; a TCP connection is not read
/// further until what it sent is committed, so TCP syslog is acknowledged only by durable
/// writes (the intake refusing a burst slows the sender instead of losing its messages).
/// Malformed input is dropped and counted, never fatal. Rules are re-read every 30 s and on `reloadRules`.
public final class EventListeners: Sendable {
    static let logger = Logger(label: "zoneops.listeners")

    public struct Counters: Sendable, Equatable {
        public var syslog = 0
        public var traps = 0
        public var malformed = 0
        /// UDP messages dropped because the intake stayed busy (UDP has no way to slow a sender).
        public var dropped = 0
    }

    struct State {
        var rules: [EventRules.Rule] = []
        var rulesRead = Date.distantPast
        var pending: [IncomingEvent] = []
        var counters = Counters()
        var channels: [any Channel] = []
    }

    let intake: EventIntake
    private let state = Mutex(State())
    public static let maxPending = 20_000

    public init(intake: EventIntake) { self.intake = intake }

    public var counters: Counters { state.withLock { $0.counters } }

    /// Binds the listeners; answers the bound ports (syslog, trap) — useful with port 0 in tests.
    @discardableResult
    public func start(host: String, syslogPort: Int, trapPort: Int) async throws -> (syslog: Int?, trap: Int?) {
        try await reloadRules()
        let group = MultiThreadedEventLoopGroup.singleton
        var bound: (Int?, Int?) = (nil, nil)
        var channels: [any Channel] = []
        if syslogPort > 0 || syslogPort == -1 {
            let port = max(0, syslogPort)
            let udp = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(SyslogDatagramHandler(listeners: self)) }
                }
                .bind(host: host, port: port).get()
            let actual = udp.localAddress?.port ?? port
            let tcp = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.autoRead, value: true)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(SyslogStreamHandler(listeners: self)) }
                }
                .bind(host: host, port: actual).get()
            channels += [udp, tcp]
            bound.0 = actual
        }
        if trapPort > 0 || trapPort == -1 {
            let trap = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(TrapHandler(listeners: self)) }
                }
                .bind(host: host, port: max(0, trapPort)).get()
            channels.append(trap)
            bound.1 = trap.localAddress?.port
        }
        state.withLock { $0.channels += channels }
        return bound
    }

    public func stop() async {
        let channels = state.withLock { state in defer { state.channels = [] }; return state.channels }
        for channel in channels { try? await channel.close() }
        try? await flush()
    }

    public func reloadRules() async throws {
        let rules = try await EventRules.all(on: intake.ctx.db)
        state.withLock { $0.rules = rules; $0.rulesRead = Date() }
    }

    var rules: [EventRules.Rule] {
        let (rules, stale) = state.withLock { ($0.rules, Date().timeIntervalSince($0.rulesRead) > 30) }
        if stale {
            state.withLock { $0.rulesRead = Date() }
            Task { try? await reloadRules() }
        }
        return rules
    }

    func note(_ update: (inout Counters) -> Void) { state.withLock { update(&$0.counters) } }

    /// Queues events from datagrams (bounded) for the next flush.
    func queue(_ events: [IncomingEvent]) {
        state.withLock { state in
            let room = Self.maxPending - state.pending.count
            state.pending += events.prefix(max(0, room))
            if events.count > room { state.counters.dropped += events.count - max(0, room) }
        }
    }

    /// Writes what datagrams brought; kept for the next flush when the intake is busy.
    public func flush() async throws {
        let batch = state.withLock { state in defer { state.pending = [] }; return state.pending }
        guard !batch.isEmpty else { return }
        do {
            for start in stride(from: 0, to: batch.count, by: IncomingEvent.maxBatch) {
                try await intake.accept(Array(batch[start..<min(batch.count, start + IncomingEvent.maxBatch)]))
            }
        } catch {
            queue(batch)
            throw error
        }
    }

    /// Flushes datagram events every `interval` until cancelled.
    public func run(interval: Duration = .milliseconds(100)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            do { try await flush() } catch { Self.logger.warning("事件接收繁忙，稍后重试 / listener flush deferred", metadata: ["error": "\(error)"]) }
        }
    }

    static func sender(_ address: SocketAddress?) -> String { address?.ipAddress ?? "unknown" }
}

private final class SyslogDatagramHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let listeners: EventListeners
    init(listeners: EventListeners) { self.listeners = listeners }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var envelope = unwrapInboundIn(data)
        guard let bytes = envelope.data.readBytes(length: min(envelope.data.readableBytes, SyslogMessage.maxLength)), !bytes.isEmpty else { return }
        let now = listeners.intake.ctx.now()
        let message = SyslogMessage.parse(bytes[...], receivedAt: now)
        if let event = EventRules.event(from: message, sender: EventListeners.sender(envelope.remoteAddress), rules: listeners.rules, receivedAt: now) {
            listeners.queue([event])
            listeners.note { $0.syslog += 1 }
        } else {
            listeners.note { $0.malformed += 1 }
        }
    }
}

/// TCP syslog: frames are written before more is read from the connection.
private final class SyslogStreamHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let listeners: EventListeners
    var buffer: [UInt8] = []
    init(listeners: EventListeners) { self.listeners = listeners }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffer += chunk.readBytes(length: chunk.readableBytes) ?? []
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard let (messages, consumed) = SyslogMessage.frames(buffer) else {
            listeners.note { $0.malformed += 1 }
            context.close(promise: nil)
            return
        }
        buffer.removeFirst(consumed)
        guard !messages.isEmpty else { return }
        let now = listeners.intake.ctx.now()
        let sender = EventListeners.sender(context.remoteAddress)
        let rules = listeners.rules
        let events = messages.compactMap { EventRules.event(from: SyslogMessage.parse($0, receivedAt: now), sender: sender, rules: rules, receivedAt: now) }
        listeners.note { $0.syslog += events.count }
        let channel = context.channel
        let loop = context.eventLoop
        channel.setOption(.autoRead, value: false).whenComplete { _ in }
        let listeners = listeners
        Task {
            var delay = Duration.milliseconds(100)
            while true {
                do {
                    for start in stride(from: 0, to: events.count, by: IncomingEvent.maxBatch) {
                        try await listeners.intake.accept(Array(events[start..<min(events.count, start + IncomingEvent.maxBatch)]))
                    }
                    break
                } catch {
                    if !channel.isActive { return }
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(5))
                }
            }
            loop.execute { channel.setOption(.autoRead, value: true).whenComplete { _ in channel.read() } }
        }
    }
}

private final class TrapHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    let listeners: EventListeners
    init(listeners: EventListeners) { self.listeners = listeners }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var envelope = unwrapInboundIn(data)
        guard let bytes = envelope.data.readBytes(length: envelope.data.readableBytes),
              let message = try? SNMPMessage(decoding: bytes), message.type == .trap else {
            listeners.note { $0.malformed += 1 }
            return
        }
        let now = listeners.intake.ctx.now()
        let events = EventRules.events(from: message, sender: EventListeners.sender(envelope.remoteAddress), rules: listeners.rules, receivedAt: now)
        listeners.queue(events)
        listeners.note { $0.traps += 1 }
    }
}
