import Foundation
import NIOCore
import NIOTLS
import NIOPosix
import NIOSSL

/// One request and its answer over TCP (optionally TLS), for the probes: connect within the
/// timeout, write, collect bytes until `isComplete` says so, the peer closes, `readLimit` is
/// reached or the deadline passes. Over TLS the server's certificate expiry is kept (the
/// certificate is not verified: internal systems often carry their own; expiry is what the
/// probe checks).
public struct TCPExchange: Sendable {
    public struct Answer: Sendable {
        public var bytes: [UInt8]
        public var certificateNotAfter: Date?
        public var milliseconds: Double
        /// The peer closed or the message completed (false: the deadline cut it short).
        public var finished: Bool
    }

    public enum Failure: Error, Equatable, Sendable { case timeout, refused(String), badAddress }

    let group: any EventLoopGroup

    public init(group: any EventLoopGroup) { self.group = group }

    public func run(host: String, port: Int, tls: Bool = false, serverName: String? = nil, send: [UInt8], readLimit: Int = 65_536,
                    timeout: Duration, isComplete: @escaping @Sendable ([UInt8]) -> Bool = { _ in false },
                    connectOnly: Bool = false) async throws -> Answer {
        guard (1...65_535).contains(port), !host.isEmpty else { throw Failure.badAddress }
        let started = ContinuousClock.now
        let loop = group.next()
        let promise = loop.makePromise(of: Answer.self)
        let collector = Collector(readLimit: readLimit, isComplete: isComplete, promise: promise, started: started)
        let (seconds, attoseconds) = timeout.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let tlsContext: NIOSSLContext? = try tls ? {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return try NIOSSLContext(configuration: configuration)
        }() : nil
        let name = serverName ?? host
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.nanoseconds(nanos))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: name.first?.isNumber == true ? nil : name)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
        let timer = loop.scheduleTask(in: .nanoseconds(nanos)) { collector.finish(context: nil, finished: false) }
        defer { timer.cancel() }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch let error as ChannelError where error == .connectTimeout(.nanoseconds(nanos)) {
            promise.fail(Failure.timeout)
            throw Failure.timeout
        } catch {
            promise.fail(Failure.refused(String(describing: error)))
            throw Failure.refused(String(describing: error))
        }
        defer { channel.close(promise: nil) }
        if connectOnly {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            promise.succeed(.init(bytes: [], certificateNotAfter: nil, milliseconds: ms, finished: true))
            return try await promise.futureResult.get()
        }
        if !send.isEmpty {
            channel.writeAndFlush(ByteBuffer(bytes: send), promise: nil)
        }
        let answer = try await promise.futureResult.get()
        if !answer.finished && answer.bytes.isEmpty { throw Failure.timeout }
        return answer
    }
}

/// Collects the answer; completes the promise once (message complete, peer closed, limit, deadline).
private final class Collector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    let readLimit: Int
    let isComplete: @Sendable ([UInt8]) -> Bool
    let promise: EventLoopPromise<TCPExchange.Answer>
    let started: ContinuousClock.Instant
    private var bytes: [UInt8] = []
    private var done = false
    private var notAfter: Date?
    private weak var channel: (any Channel)?

    init(readLimit: Int, isComplete: @escaping @Sendable ([UInt8]) -> Bool, promise: EventLoopPromise<TCPExchange.Answer>,
         started: ContinuousClock.Instant) {
        self.readLimit = readLimit
        self.isComplete = isComplete
        self.promise = promise
        self.started = started
    }

    func handlerAdded(context: ChannelHandlerContext) { channel = context.channel }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
            if let certificate = handler?.peerCertificate { notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter)) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let room = max(0, readLimit - bytes.count)
        if let chunk = buffer.readBytes(length: min(room, buffer.readableBytes)) { bytes += chunk }
        if bytes.count >= readLimit || isComplete(bytes) { finish(context: context, finished: true) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(context: context, finished: true)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if bytes.isEmpty, !done {
            done = true
            promise.fail(TCPExchange.Failure.refused(String(describing: error)))
        } else {
            finish(context: context, finished: true)
        }
        context.close(promise: nil)
    }

    /// On the channel's loop (the timer runs on the same loop).
    func finish(context: ChannelHandlerContext?, finished: Bool) {
        guard !done else { return }
        done = true
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        promise.succeed(.init(bytes: bytes, certificateNotAfter: notAfter, milliseconds: ms, finished: finished))
    }
}
