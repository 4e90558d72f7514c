import Foundation
import FuzzSupport
import ZoneOpsWire

/// libFuzzer entry: any bytes as an uploaded workbook. The reader may refuse them, never crash,
/// hang or grow past its limits. `fuzz/run.sh` builds this with `-sanitize=fuzzer,address`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? XLSXReader.rows(of: bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

@main
struct FuzzXLSX {
    static func main() throws {
        #if FUZZING
        exit(FuzzDriver.run(fuzzXLSX))
        #else
        try FuzzDriver.replay(CommandLine.arguments.dropFirst(), through: fuzzXLSX)
        #endif
    }
}
