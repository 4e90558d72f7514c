import Foundation
import XCTest
@testable import ZoneOpsWire
import ZoneOpsDomain

final class XLSXTests: XCTestCase {
    func testWrittenWorkbookReadsBackCellForCell() throws {
        let rows = [["类型", "名称", "IP地址", "备注"], ["摄像机", "1号卡口<入区>&全景", "10.8.20.101", ""],
                    ["交换机", "核心交换机", "", "带\"引号\"与换行\n第二行"]]
        let data = try XLSXWriter.workbook(sheetName: "资产台账", rows: rows)
        let read = try XLSXReader.rows(of: data)
        XCTAssertEqual(read.map(\.number), [1, 2, 3])
        XCTAssertEqual(read[1].cells, [0: "摄像机", 1: "1号卡口<入区>&全景", 2: "10.8.20.101"])
        XCTAssertEqual(read[2].cells[3], "带\"引号\"与换行\n第二行")
    }

    func testDatesAreWrittenAsExcelDatesAndReadBack() throws {
        let day = try XCTUnwrap(CalendarDate(year: 2026, month: 6, day: 30))
        XCTAssertEqual(XLSXWriter.serial(of: day), 46203)
        let data = try XLSXWriter.workbook(sheetName: "台账", cells: [[.text("名称"), .text("保修到期")],
                                                                     [.text("核心交换机"), .date(day)]])
        let read = try XLSXReader.rows(of: data)
        XCTAssertEqual(read[1].cells[1], "2026-06-30", "a date style, so it reads back as a date")
        let sheet = String(decoding: try XCTUnwrap(ZipReader(data).read("xl/worksheets/sheet1.xml", limit: 1 << 20)), as: UTF8.self)
        XCTAssertTrue(sheet.contains(#"<v>46203</v>"#))
        XCTAssertTrue(sheet.contains(#"<col min="1" max="1" width="12" customWidth="1"/>"#), "核心交换机 is 10 wide, plus 2")
    }

    func testColumnNames() {
        XCTAssertEqual((0..<3).map(XLSXWriter.columnName), ["A", "B", "C"])
        XCTAssertEqual(XLSXWriter.columnName(25), "Z")
        XCTAssertEqual(XLSXWriter.columnName(26), "AA")
        XCTAssertEqual(XLSXWriter.columnName(701), "ZZ")
        XCTAssertEqual(SheetParser.columnIndex("AA12"), 26)
        XCTAssertEqual(SheetParser.columnIndex("B3"), 1)
    }

    func testExcelSerialDates() {
        XCTAssertEqual(XLSXReader.date(fromSerial: 1, uses1904: false), "1900-01-01")
        XCTAssertEqual(XLSXReader.date(fromSerial: 59, uses1904: false), "1900-02-28")
        XCTAssertEqual(XLSXReader.date(fromSerial: 61, uses1904: false), "1900-03-01")
        XCTAssertEqual(XLSXReader.date(fromSerial: 46203, uses1904: false), "2026-06-30")
        XCTAssertEqual(XLSXReader.date(fromSerial: 46203.75, uses1904: false), "2026-06-30")
        XCTAssertEqual(XLSXReader.date(fromSerial: 0, uses1904: true), "1904-01-01")
        XCTAssertNil(XLSXReader.date(fromSerial: -3, uses1904: false))
    }

    func testDateFormatCodes() {
        XCTAssertTrue(DateStyles.isDateFormat("yyyy-mm-dd"))
        XCTAssertTrue(DateStyles.isDateFormat("yyyy\"年\"m\"月\"d\"日\""))
        XCTAssertFalse(DateStyles.isDateFormat("0.00%"))
        XCTAssertFalse(DateStyles.isDateFormat("[h]:mm:ss"))
        XCTAssertFalse(DateStyles.isDateFormat("\"mm\"0"))
    }

    func testWhatIsNotAWorkbookIsRefused() {
        XCTAssertThrowsError(try XLSXReader.rows(of: Data("名称,类型\n".utf8))) { XCTAssertEqual($0 as? XLSXReader.Failure, .notAWorkbook) }
        XCTAssertThrowsError(try XLSXReader.rows(of: Data([0x50, 0x4B, 0x03, 0x04, 0, 0]))) {
            XCTAssertEqual($0 as? XLSXReader.Failure, .notAWorkbook)
        }
        XCTAssertThrowsError(try XLSXReader.rows(of: Data())) { XCTAssertEqual($0 as? XLSXReader.Failure, .notAWorkbook) }
    }

    func testCSVWithQuotesLineBreaksBOMAndCRLF() throws {
        let text = "\u{FEFF}名称,类型,备注\r\n\"核心,交换机\",switch,\"说\"\"明\"\r\n\"两行\n备注\",camera,\r\n,,\r\nUPS,ups"
        let rows = try CSVReader.rows(of: Data(text.utf8))
        XCTAssertEqual(rows.count, 4, "the empty row is skipped")
        XCTAssertEqual(rows[0].cells, [0: "名称", 1: "类型", 2: "备注"])
        XCTAssertEqual(rows[1].cells, [0: "核心,交换机", 1: "switch", 2: "说\"明"])
        XCTAssertEqual(rows[2].cells[0], "两行\n备注")
        XCTAssertEqual(rows[3].number, 5, "row numbers count the blank line, as a spreadsheet would")
        XCTAssertThrowsError(try CSVReader.rows(of: Data([0xC4, 0xFA, 0xBA, 0xC3]))) { // GBK "您好"
            XCTAssertEqual($0 as? CSVReader.Failure, .notUTF8)
        }
    }
}
