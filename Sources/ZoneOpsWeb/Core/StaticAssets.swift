import Foundation
import Vapor
import ZoneOpsWire

/// The shell's CSS, JS, icon, manifest and service worker, read from the binary's resources once
/// at start and served from memory with an ETag: no file system work on the request path.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: HTTPMediaType
        let etag: String
    }

    let assets: [String: Asset]

    static let types: [String: HTTPMediaType] = [
        "css": HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]),
        "js": HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]),
        "svg": HTTPMediaType(type: "image", subType: "svg+xml"),
        "webmanifest": HTTPMediaType(type: "application", subType: "manifest+json"),
        "yaml": HTTPMediaType(type: "application", subType: "yaml"),
    ]

    /// Every file directly in `directory` whose extension is listed in `types`.
    init(directory: URL) throws {
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let ext = (name as NSString).pathExtension
            guard let type = Self.types[ext] else { continue }
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            assets[name] = Asset(body: ByteBuffer(data: data), contentType: type,
                                 etag: "\"" + String(SecureDigest.sha256Hex(String(decoding: data, as: UTF8.self)).prefix(16)) + "\"")
        }
        self.assets = assets
    }

    func response(for name: String, request: Request) -> Response? {
        guard let asset = assets[name] else { return nil }
        var headers = HTTPHeaders()
        headers.contentType = asset.contentType
        headers.replaceOrAdd(name: .eTag, value: asset.etag)
        // The service worker must be revalidated so updates reach phones; the rest may be cached briefly.
        headers.replaceOrAdd(name: .cacheControl, value: name == "sw.js" ? "no-cache" : "public, max-age=3600")
        if request.headers.first(name: .ifNoneMatch) == asset.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: asset.body))
    }

    /// Registers `GET /<name>` for each asset (openapi.yaml has its own route).
    func register(on routes: any RoutesBuilder) {
        for name in assets.keys where name != "openapi.yaml" {
            routes.get(PathComponent(stringLiteral: name)) { request -> Response in
                guard let response = self.response(for: name, request: request) else { throw Abort(.notFound) }
                return response
            }
        }
    }
}
