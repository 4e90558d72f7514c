import Foundation
import FuzzSupport
import ZoneOpsWire

/// libFuzzer entry: any bytes as an SNMP datagram (a response to a probe, or a trap). The
/// decoder may refuse them, never crash, hang or allocate past its limits; what it accepts
/// encodes and decodes back to the same message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSNMP(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    if let message = try? SNMPMessage(decoding: input) {
        guard let again = try? SNMPMessage(decoding: message.encoded), again == message else { fatalError("re-encoding changed the message") }
    }
    return 0
}

@main
struct FuzzSNMP {
    static func main() throws {
        #if FUZZING
        exit(FuzzDriver.run(fuzzSNMP))
        #else
        try FuzzDriver.replay(CommandLine.arguments.dropFirst(), through: fuzzSNMP)
        #endif
    }
}
