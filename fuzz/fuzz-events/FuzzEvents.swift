import Foundation
import FuzzSupport
import ZoneOpsWire

/// libFuzzer entry for the event intake's decoders: the first byte picks one, the rest is its
/// input — a syslog datagram, a TCP syslog stream, an Alertmanager webhook body, a Modbus
/// response, an HTTP/RTSP response head. Each may refuse its input, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvents(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    guard let selector = input.first else { return 0 }
    let body = Array(input.dropFirst())
    switch selector % 5 {
    case 0:
        _ = SyslogMessage.parse(body[...], receivedAt: Date(timeIntervalSince1970: 1_795_000_000))
    case 1:
        if let (messages, consumed) = SyslogMessage.frames(body) {
            guard consumed <= body.count else { fatalError("consumed more than given") }
            for message in messages { _ = SyslogMessage.parse(message, receivedAt: Date()) }
        }
    case 2:
        if let hook = try? AlertmanagerWebhook.decode(Data(body)) {
            guard hook.alerts.count <= AlertmanagerWebhook.maxAlerts else { fatalError("alert bound not kept") }
        }
    case 3:
        if let registers = try? Modbus.registers(body, transaction: 1) {
            guard registers.count <= 128 else { fatalError("more registers than a frame holds") }
        }
    default:
        _ = ResponseHead.parse(body)
        _ = ResponseHead.isComplete(body)
    }
    return 0
}

@main
struct FuzzEvents {
    static func main() throws {
        #if FUZZING
        exit(FuzzDriver.run(fuzzEvents))
        #else
        try FuzzDriver.replay(CommandLine.arguments.dropFirst(), through: fuzzEvents)
        #endif
    }
}
