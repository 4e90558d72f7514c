import Foundation
import XCTest
import ZIPFoundation
@testable import ZoneOpsWire

/// Archives that lie: the reader counts what comes out of the inflater, whatever a header says.
final class ZipBombTests: XCTestCase {
    /// A workbook whose parts inflate to the given sizes of zeros while every header declares 4 KB.
    static func lyingWorkbook(_ parts: [(String, Int)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (part, inflated) in parts {
            try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(inflated), compressionMethod: .deflate) { _, size in
                Data(count: size)
            }
        }
        var data = try XCTUnwrap(archive.data)
        // Central directory records (PK\1\2) keep the uncompressed size at offset 24, local
        // headers (PK\3\4) at offset 22: both now claim 4096.
        for (signature, offset) in [([0x50, 0x4B, 0x01, 0x02] as [UInt8], 24), ([0x50, 0x4B, 0x03, 0x04], 22)] {
            var searchFrom = data.startIndex
            while let range = data.range(of: Data(signature), in: searchFrom..<data.endIndex) {
                data.replaceSubrange(range.lowerBound + offset..<range.lowerBound + offset + 4, with: [0x00, 0x10, 0x00, 0x00])
                searchFrom = range.upperBound
            }
        }
        return data
    }

    func testAnEntryThatInflatesPastItsLimitIsRefusedWhileInflating() throws {
        let bomb = try Self.lyingWorkbook([("xl/workbook.xml", XLSXReader.maximumPartSize + 1024 * 1024)])
        XCTAssertLessThan(bomb.count, 200_000, "a small file")
        XCTAssertThrowsError(try XLSXReader.rows(of: bomb)) { XCTAssertEqual($0 as? XLSXReader.Failure, .tooLarge) }
    }

    func testAnEntryThatFitsItsLimitIsReadEvenWhenItsHeaderLies() throws {
        // 1 MB of zeros is no workbook, but it is inflated and parsed, not refused as too large.
        let lying = try Self.lyingWorkbook([("xl/workbook.xml", 1024 * 1024)])
        XCTAssertThrowsError(try XLSXReader.rows(of: lying)) { XCTAssertNotEqual($0 as? XLSXReader.Failure, .tooLarge) }
    }

    /// A stored (uncompressed) sheet whose text was changed after zipping still parses as XML:
    /// only the CRC-32 tells, and the reader checks it.
    func testACorruptedEntryFailsItsChecksum() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        let sheet = Data(#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ABCXYZ</t></is></c></row></sheetData></worksheet>"#.utf8)
        for (path, data) in [("xl/workbook.xml", Data("<workbook/>".utf8)), ("xl/worksheets/sheet1.xml", sheet)] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let good = try XCTUnwrap(archive.data)
        XCTAssertEqual(try XLSXReader.rows(of: good).first?.cells[0], "ABCXYZ")
        var bad = good
        let at = try XCTUnwrap(bad.range(of: Data("ABCXYZ".utf8)))
        bad[at.lowerBound] = UInt8(ascii: "@")
        XCTAssertThrowsError(try XLSXReader.rows(of: bad)) { XCTAssertEqual($0 as? XLSXReader.Failure, .notAWorkbook) }
    }

    /// Parts each under the part limit still add up: the third one is refused.
    func testTheTotalAcrossPartsIsCapped() throws {
        let each = XLSXReader.maximumTotalSize / 3 + 1024 * 1024
        XCTAssertLessThan(each, XLSXReader.maximumPartSize)
        let bomb = try Self.lyingWorkbook([("xl/workbook.xml", each), ("xl/worksheets/sheet1.xml", each),
                                           ("xl/sharedStrings.xml", each)])
        XCTAssertThrowsError(try XLSXReader.rows(of: bomb)) { XCTAssertEqual($0 as? XLSXReader.Failure, .tooLarge) }
    }

    /// Inputs the fuzzer once crashed the reader with (ZIPFoundation's in-memory archive trapped
    /// on their offsets): each is now refused as not a workbook.
    func testInputsTheFuzzerFoundAreRefusedCleanly() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let crashes = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("fuzz-crash-") }
        XCTAssertGreaterThanOrEqual(crashes.count, 2)
        for file in crashes {
            XCTAssertThrowsError(try XLSXReader.rows(of: Data(contentsOf: file)), file.lastPathComponent)
        }
    }

    /// A central directory pointing past the end of the file, and a truncated deflate stream.
    func testOffsetsAndStreamsThatRunPastTheDataAreRefused() throws {
        let good = try XLSXWriter.workbook(sheetName: "表", rows: [["名称"], ["核心交换机"]])
        var pointing = good
        let eocd = try XCTUnwrap(pointing.range(of: Data([0x50, 0x4B, 0x05, 0x06]), options: .backwards))
        pointing.replaceSubrange(eocd.lowerBound + 16..<eocd.lowerBound + 20, with: [0xFF, 0xFF, 0xFF, 0x7F])
        XCTAssertThrowsError(try XLSXReader.rows(of: pointing)) { XCTAssertEqual($0 as? XLSXReader.Failure, .notAWorkbook) }
        let truncated = good.prefix(good.count / 2) + good.suffix(22)
        XCTAssertThrowsError(try XLSXReader.rows(of: Data(truncated)))
    }
}
