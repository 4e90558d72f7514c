import Foundation
import Vapor
import XCTVapor

/// A browser stand-in: keeps cookies, reads the CSRF token from the last page, posts forms.
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    var acceptLanguage: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> XCTHTTPResponse {
        let response = try await app.sendRequest(.GET, path, headers: headers())
        absorb(response)
        return response
    }

    @discardableResult
    func post(_ path: String, form: [String: String], includeCSRF: Bool = true) async throws -> XCTHTTPResponse {
        var fields = form
        if includeCSRF, let csrf { fields["_csrf"] = csrf }
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        let response = try await app.sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    /// Any body (a multipart upload, say) with the cookies; the CSRF token rides in the header.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, contentType: String, body: Data) async throws -> XCTHTTPResponse {
        var headers = headers()
        headers.add(name: .contentType, value: contentType)
        if let csrf { headers.add(name: "X-CSRF-Token", value: csrf) }
        let response = try await app.sendRequest(method, path, headers: headers, body: ByteBuffer(data: body))
        absorb(response)
        return response
    }

    func login(_ username: String, _ password: String) async throws -> XCTHTTPResponse {
        try await get("/login")
        return try await post("/login", form: ["username": username, "password": password, "next": "/"])
    }

    private func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let acceptLanguage { headers.add(name: .acceptLanguage, value: acceptLanguage) }
        headers.add(name: "X-Forwarded-For", value: "198.51.100.7")
        return headers
    }

    private func absorb(_ response: XCTHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if header.lowercased().contains("expires=thu, 01 jan 1970") || parts[1].isEmpty {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        let body = response.body.string
        if let range = body.range(of: #"name="_csrf" value=""#) {
            csrf = String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
