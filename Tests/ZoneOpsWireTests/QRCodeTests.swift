import Foundation
import XCTest
@testable import ZoneOpsWire

final class QRCodeTests: XCTestCase {
    /// ISO/IEC 18004 Annex I's worked example: "01234567" at 1-M has these 10 EC codewords for
    /// its data codewords; our Reed–Solomon must reproduce them.
    func testReedSolomonMatchesTheStandardsExample() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        XCTAssertEqual(ReedSolomon.remainder(data, degree: 10), [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    func testVersionGrowsWithTheText() throws {
        XCTAssertEqual(try QRCode(text: "ZB-NET-001").version, 1)
        let url = "http://10.8.0.10:8080/m/ci/58C214B8-6E98-49C6-8E9D-796D865C9482"
        let code = try QRCode(text: url)
        XCTAssertEqual(url.utf8.count, 63)
        XCTAssertEqual(code.version, 5, "63 bytes need 516 bits; 4-M holds 512")
        XCTAssertEqual(code.size, 37)
        XCTAssertEqual(try QRCode(text: String(url.dropLast(2))).version, 4)
        XCTAssertThrowsError(try QRCode(text: String(repeating: "x", count: 300)))
    }

    func testFinderPatternsSitInThreeCorners() throws {
        let code = try QRCode(text: "hello")
        for (x, y) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            XCTAssertTrue(code.modules[y][x] && code.modules[y + 6][x + 6] && code.modules[y + 3][x + 3])
            XCTAssertFalse(code.modules[y + 1][x + 1])
        }
    }

    /// The real check: zbarimg (Debian zbar-tools, installed by .ci/run) reads what we draw.
    func testZbarDecodesOurPNG() throws {
        let zbar = "/usr/bin/zbarimg"
        guard FileManager.default.isExecutableFile(atPath: zbar) else { throw XCTSkip("zbarimg is not installed (apt-get install zbar-tools)") }
        for text in ["ZB-NET-001", "http://127.0.0.1:8080/m/ci/58C214B8-6E98-49C6-8E9D-796D865C9482",
                     "http://zoneops.example/m/ci/" + String(repeating: "A1", count: 60)] {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID()).png")
            try QRCode(text: text).png(scale: 6).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: zbar)
            process.arguments = ["--quiet", "--raw", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(output.trimmingCharacters(in: .newlines), text)
        }
    }
}
