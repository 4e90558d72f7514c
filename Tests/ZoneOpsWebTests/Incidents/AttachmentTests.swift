import Foundation
import Vapor
import XCTVapor
@testable import ZoneOpsWeb

/// Attachments: the type from the bytes, the size counted, stored by content, seen by policy.
final class AttachmentTests: XCTestCase {
    var t: TestApp!
    override func setUp() async throws { t = try await TestApp.make() }
    override func tearDown() async throws { try await t.shutdown() }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 200)

    func upload(_ path: String, token: String, name: String, data: Data, isPublic: Bool = false) async throws -> XCTHTTPResponse {
        let boundary = "zoneops-test-boundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        body += data
        body += Data("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"isPublic\"\r\n\r\n\(isPublic)\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await t.app.sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    func testScreenshotsAreCheckedStoredByContentAndScopedByThePolicy() async throws {
        let acme = try await t.organization("甲企业", kind: "enterprise")
        let other = try await t.organization("乙企业", kind: "enterprise")
        let requester = try await t.user("ent-a", role: "enterprise", organizationId: acme)
        let stranger = try await t.user("ent-b", role: "enterprise", organizationId: other)
        let duty = try await t.user("duty1", role: "duty")
        let id = try await t.json(.POST, "/api/v1/incidents", token: requester, body: ["title": "截图见附件"]).content.get(String.self, at: "id")
        let path = "/api/v1/incidents/\(id)/attachments"

        let shot = try await upload(path, token: requester, name: "../../etc/截图.png", data: Self.png)
        XCTAssertEqual(shot.status, .created, shot.body.string)
        XCTAssertEqual(try shot.content.get(String.self, at: "filename"), "截图.png", "no path survives in the name")
        XCTAssertEqual(try shot.content.get(Bool.self, at: "isPublic"), true, "a requester's file is public")
        let fake = try await upload(path, token: requester, name: "virus.png", data: Data("MZ this is not an image".utf8))
        XCTAssertEqual(fake.status, .badRequest)
        XCTAssertTrue(try fake.content.get(String.self, at: "error", "message").contains("PNG"))
        let big = try await upload(path, token: requester, name: "big.png", data: Self.png + Data(count: 5 * 1024 * 1024))
        XCTAssertTrue([.badRequest, .payloadTooLarge].contains(big.status), "\(big.status)")
        let value1 = try await upload(path, token: stranger, name: "x.png", data: Self.png).status
        XCTAssertEqual(value1, .forbidden)
        let note = try await upload(path, token: duty, name: "交换机日志.pdf", data: Data("%PDF-1.4 internal".utf8))
        XCTAssertEqual(note.status, .created)
        XCTAssertEqual(try note.content.get(Bool.self, at: "isPublic"), false)

        let seen = try await t.json(.GET, path, token: requester).content.get([AttachmentController.ItemDTO].self, at: "items")
        XCTAssertEqual(seen.map(\.filename), ["截图.png"], "internal files stay internal")
        let all = try await t.json(.GET, path, token: duty).content.get([AttachmentController.ItemDTO].self, at: "items")
        XCTAssertEqual(all.count, 2)
        let file = try await t.json(.GET, "/incidents/\(id)/attachments/\(all[0].id)", token: requester)
        XCTAssertEqual(file.status, .ok)
        XCTAssertEqual(file.headers.contentType?.description, "image/png")
        XCTAssertEqual(Data(buffer: file.body), Self.png)
        let hidden = try await t.json(.GET, "/incidents/\(id)/attachments/\(all[1].id)", token: requester)
        XCTAssertEqual(hidden.status, .notFound)

        let stored = try FileManager.default.subpathsOfDirectory(atPath: t.app.zoneOps.files.root.path).filter { !$0.contains("/.") && $0.count > 60 }
        XCTAssertEqual(stored.count, 2)
        let mode = try FileManager.default.attributesOfItem(atPath: t.app.zoneOps.files.root.appendingPathComponent(stored[0]).path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }
}
