import Foundation
import NIOCore
import NIOPosix
import ZoneOpsWire

/// SNMPv2c over UDP for the probes: GET of a few objects and a WALK of a subtree by GETBULK.
/// Each exchange uses its own ephemeral socket, resends on a timeout up to `retries` times with
/// the same request id, and takes only a response from the target's address that carries that id.
/// Targets are IP addresses (the CMDB's), so nothing here waits on name resolution.
public struct SNMPClient: Sendable {
    public struct Target: Sendable, Equatable {
        public var address: String
        public var port: Int
        public var community: String
        public var timeout: Duration
        public var retries: Int

        public init(address: String, port: Int = 161, community: String = "public", timeout: Duration = .seconds(2), retries: Int = 1) {
            self.address = address
            self.port = port
            self.community = community
            self.timeout = timeout
            self.retries = retries
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        /// No answer within the timeout, after every retry.
        case timeout
        /// The agent answered with an error (RFC 3416 error-status), at variable `index` (1-based).
        case agentError(status: Int, index: Int)
        /// The target is not an IP address.
        case badAddress
    }

    /// Rows a walk reads at most, so a looping agent cannot keep a probe busy.
    public static let maxWalkRows = 10_000

    let group: any EventLoopGroup

    public init(group: any EventLoopGroup) {
        self.group = group
    }

    /// The values of `oids` (exceptions such as `noSuchObject` come back as values).
    public func get(_ oids: [OID], from target: Target) async throws -> [VarBind] {
        let response = try await exchange(.get(oids, community: target.community, requestId: Self.newRequestId()), with: target)
        return response.varBinds
    }

    /// Every object below `root`, in order, read `perRequest` rows a time with GETBULK.
    public func walk(_ root: OID, from target: Target, perRequest: Int = 25) async throws -> [VarBind] {
        var rows: [VarBind] = []
        var cursor = root
        while rows.count < Self.maxWalkRows {
            let response = try await exchange(.getBulk([cursor], maxRepetitions: perRequest, community: target.community,
                                                       requestId: Self.newRequestId()), with: target)
            var advanced = false
            for bind in response.varBinds {
                guard bind.oid.isWithin(root), !bind.value.isException else { return rows }
                // An agent that does not move forward would loop for ever.
                guard bind.oid > cursor else { return rows }
                rows.append(bind)
                cursor = bind.oid
                advanced = true
            }
            if !advanced { return rows }
        }
        return rows
    }

    static func newRequestId() -> Int32 { Int32.random(in: 1...Int32.max) }

    func exchange(_ request: SNMPMessage, with target: Target) async throws -> SNMPMessage {
        guard let remote = try? SocketAddress(ipAddress: target.address, port: target.port) else { throw Failure.badAddress }
        let loop = group.next()
        let promise = loop.makePromise(of: SNMPMessage.self)
        let requestId = request.requestId
        let bootstrap = DatagramBootstrap(group: loop).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ResponseHandler(remote: remote, requestId: requestId, promise: promise))
            }
        }
        let local = remote.protocol == .inet6 ? "::" : "0.0.0.0"
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: local, port: 0).get()
        } catch {
            promise.fail(error)
            throw error
        }
        defer {
            promise.fail(Failure.timeout)
            channel.close(promise: nil)
        }
        let datagram = AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: request.encoded))
        for _ in 0...max(0, target.retries) {
            try await channel.writeAndFlush(datagram).get()
            if let response = try await Self.wait(for: promise.futureResult, at: target.timeout) {
                guard response.errorStatus == 0 else { throw Failure.agentError(status: response.errorStatus, index: response.errorIndex) }
                return response
            }
        }
        throw Failure.timeout
    }

    /// The future's value, or nil when `limit` passes first. (A task group would wait for the
    /// losing `future.get()`, which cancellation does not end; the event loop's timer does not.)
    static func wait(for future: EventLoopFuture<SNMPMessage>, at limit: Duration) async throws -> SNMPMessage? {
        let loop = future.eventLoop
        let attempt = loop.makePromise(of: SNMPMessage?.self)
        future.whenComplete { result in
            switch result {
            case .success(let message): attempt.succeed(message)
            case .failure(let error): attempt.fail(error)
            }
        }
        let (seconds, attoseconds) = limit.components
        let timer = loop.scheduleTask(in: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) { attempt.succeed(nil) }
        defer { timer.cancel() }
        return try await attempt.futureResult.get()
    }
}

/// Completes the exchange's promise with the first response from the target that carries the
/// request's id; anything else (other senders, stale ids, bytes that do not decode) is dropped.
private final class ResponseHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    let remote: SocketAddress
    let requestId: Int32
    let promise: EventLoopPromise<SNMPMessage>

    init(remote: SocketAddress, requestId: Int32, promise: EventLoopPromise<SNMPMessage>) {
        self.remote = remote
        self.requestId = requestId
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.remoteAddress == remote else { return }
        var buffer = envelope.data
        guard let bytes = buffer.readBytes(length: buffer.readableBytes),
              let message = try? SNMPMessage(decoding: bytes), message.type == .response, message.requestId == requestId else { return }
        promise.succeed(message)
    }
}
