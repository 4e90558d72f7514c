import Foundation
import ZoneOpsWire
#if canImport(Glibc)
import Glibc
#endif

/// ICMP echo to an IPv4 address: through an unprivileged ping socket where the kernel allows it
/// (net.ipv4.ping_group_range), else a raw socket (root or CAP_NET_RAW). Blocking calls run
/// off the cooperative pool, one short-lived socket a ping.
public enum ICMPPing {
    public enum Failure: Error, Equatable, Sendable { case badAddress, noSocket, timeout }

    private static let queue = DispatchQueue(label: "zoneops.icmp", attributes: .concurrent)

    /// The round trip in milliseconds.
    public static func ping(_ address: String, timeout: Duration) async throws -> Double {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try blockingPing(address, timeout: timeout) }) }
        }
    }

    static func blockingPing(_ address: String, timeout: Duration) throws -> Double {
        #if canImport(Glibc)
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        guard inet_pton(AF_INET, address, &target.sin_addr) == 1 else { throw Failure.badAddress }
        var datagram = true
        var fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), Int32(IPPROTO_ICMP))
        if fd < 0 {
            datagram = false
            fd = socket(AF_INET, Int32(SOCK_RAW.rawValue), Int32(IPPROTO_ICMP))
        }
        guard fd >= 0 else { throw Failure.noSocket }
        defer { close(fd) }
        let identifier = UInt16.random(in: 1...UInt16.max), sequence = UInt16.random(in: 1...UInt16.max)
        let packet = ICMPEcho.request(identifier: identifier, sequence: sequence)
        let started = ContinuousClock.now
        let sent = packet.withUnsafeBytes { bytes in
            withUnsafePointer(to: &target) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard sent == packet.count else { throw Failure.noSocket }
        let deadline = started + timeout
        var buffer = [UInt8](repeating: 0, count: 1500)
        while true {
            let left = deadline - ContinuousClock.now
            let ms = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard ms > 0 else { throw Failure.timeout }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, ms) > 0 else { throw Failure.timeout }
            var from = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &from) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, bytes.baseAddress, bytes.count, 0, $0, &length) }
                }
            }
            guard count > 0, from.sin_addr.s_addr == target.sin_addr.s_addr else { continue }
            // A ping socket rewrites the identifier to its own port; match the sequence there.
            if ICMPEcho.isReply(Array(buffer[0..<count]), identifier: identifier, sequence: sequence, checkIdentifier: !datagram) {
                let elapsed = ContinuousClock.now - started
                return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            }
        }
        #else
        throw Failure.noSocket
        #endif
    }
}
