import Foundation
import FuzzSupport
import ZoneOpsWire

/// libFuzzer entry: any bytes as an uploaded CSV ledger. The reader may refuse them, never crash,
/// hang or grow past its limits. `fuzz/run.sh` builds this with `-sanitize=fuzzer,address`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? CSVReader.rows(of: bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

@main
struct FuzzCSV {
    static func main() throws {
        #if FUZZING
        exit(FuzzDriver.run(fuzzCSV))
        #else
        try FuzzDriver.replay(CommandLine.arguments.dropFirst(), through: fuzzCSV)
        #endif
    }
}
