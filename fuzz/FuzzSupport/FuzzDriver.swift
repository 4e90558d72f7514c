import Foundation

/// Starts libFuzzer from a Swift `main` (SwiftPM gives every executable its own entry point, so
/// libFuzzer's `main` cannot be used), or, in a plain build, replays files through the target.
public enum FuzzDriver {
    public typealias Target = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    #if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    static func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                          _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                          _ target: Target) -> CInt

    public static func run(_ target: Target) -> CInt {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return runDriver(&argc, &argv, target)
    }
    #endif

    /// Runs each file (a corpus entry, a crash to reproduce) through the target once.
    public static func replay(_ paths: ArraySlice<String>, through target: Target) throws {
        for path in paths {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            _ = data.withUnsafeBytes { target($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
            print("ok \(path)")
        }
    }
}
