import XCTest
final class PTests: XCTestCase { func testP() {} }
