import Crypto
import Foundation

/// Hikvision ISAPI as NVRs expose it (DOMAIN.md): disks, channel online state, and the recording
/// search from which each channel's earliest recording (and so its retention) follows. Read by
/// scanning for elements, tolerant of namespaces and of fields other firmware adds.
public enum ISAPI {
    public struct Disk: Equatable, Sendable {
        public var id: String
        public var status: String
        public var capacityMB: Double?
        public var freeMB: Double?
    }

    public struct Channel: Equatable, Sendable {
        public var id: Int
        public var online: Bool
        public var name: String?
    }

    public static let hddPath = "/ISAPI/ContentMgmt/Storage/hdd"
    public static let channelsPath = "/ISAPI/ContentMgmt/InputProxy/channels/status"
    public static let searchPath = "/ISAPI/ContentMgmt/search"

    /// The blocks `<name …>…</name>` in order (namespace prefixes allowed).
    public static func blocks(_ name: String, in xml: String) -> [Substring] {
        var result: [Substring] = []
        var rest = xml[...]
        while let open = rest.range(of: "<" + name), let openEnd = rest[open.upperBound...].firstIndex(of: ">"),
              let close = rest[openEnd...].range(of: "</" + name + ">") {
            let next = rest[open.upperBound]
            guard next == ">" || next == " " || next == "/" || next == "\n" || next == "\t" else {
                // A longer name with this prefix (`<InputProxyChannelStatusList>` around the
                // `<InputProxyChannelStatus>` items): look on inside it, not past its first item.
                rest = rest[open.upperBound...]
                continue
            }
            result.append(rest[rest.index(after: openEnd)..<close.lowerBound])
            rest = rest[close.upperBound...]
            if result.count > 4096 { break }
        }
        return result
    }

    static func value(_ name: String, in xml: Substring) -> String? {
        blocks(name, in: String(xml)).first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    public static func disks(_ xml: String) -> [Disk] {
        blocks("hdd", in: xml).compactMap { block in
            guard let id = value("id", in: block) else { return nil }
            return Disk(id: id, status: value("status", in: block) ?? "unknown", capacityMB: value("capacity", in: block).flatMap(Double.init),
                        freeMB: value("freeSpace", in: block).flatMap(Double.init))
        }
    }

    public static func channels(_ xml: String) -> [Channel] {
        blocks("InputProxyChannelStatus", in: xml).compactMap { block in
            guard let id = value("id", in: block).flatMap(Int.init) else { return nil }
            return Channel(id: id, online: value("online", in: block) == "true", name: value("name", in: block))
        }
    }

    /// The search for the first recording of a track (channel × 100 + 1) between two times.
    public static func searchRequest(track: Int, from: Date, to: Date, searchID: String) -> String {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime]
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <CMSearchDescription><searchID>\(searchID)</searchID><trackList><trackID>\(track)</trackID></trackList>\
            <timeSpanList><timeSpan><startTime>\(format.string(from: from))</startTime><endTime>\(format.string(from: to))</endTime></timeSpan></timeSpanList>\
            <maxResults>1</maxResults><searchResultPostion>0</searchResultPostion><metadataList><metadataDescriptor>//recordType.meta.std-cgi.com</metadataDescriptor></metadataList></CMSearchDescription>
            """
    }

    /// The earliest recording's start in a search answer (nil when it found none).
    public static func earliestRecording(_ xml: String) -> Date? {
        blocks("searchMatchItem", in: xml).compactMap { item -> Date? in
            guard let span = blocks("timeSpan", in: String(item)).first, let start = value("startTime", in: span) else { return nil }
            return AlertmanagerWebhook.date(start)
        }.min()
    }
}

/// HTTP Digest access authentication (RFC 7616 with MD5, as NVRs and cameras use it) and Basic.
public enum HTTPAuth {
    /// The Authorization header answering `challenge` (the WWW-Authenticate value).
    public static func authorization(challenge: String, method: String, uri: String, user: String, password: String,
                                     count: Int = 1, cnonce: String = String(UInt64.random(in: 1...UInt64.max), radix: 16)) -> String? {
        let lower = challenge.lowercased()
        if lower.hasPrefix("basic") {
            return "Basic " + Data((user + ":" + password).utf8).base64EncodedString()
        }
        guard lower.hasPrefix("digest") else { return nil }
        let fields = parameters(String(challenge.dropFirst(6)))
        guard let realm = fields["realm"], let nonce = fields["nonce"] else { return nil }
        func md5(_ text: String) -> String { Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        let ha1 = md5("\(user):\(realm):\(password)"), ha2 = md5("\(method):\(uri)")
        let nc = String(format: "%08x", count)
        let qop = fields["qop"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains("auth") == true ? "auth" : nil
        let response = qop == nil ? md5("\(ha1):\(nonce):\(ha2)") : md5("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)")
        var header = "Digest username=\"\(user)\", realm=\"\(realm)\", nonce=\"\(nonce)\", uri=\"\(uri)\", response=\"\(response)\""
        if let opaque = fields["opaque"] { header += ", opaque=\"\(opaque)\"" }
        if qop != nil { header += ", qop=auth, nc=\(nc), cnonce=\"\(cnonce)\"" }
        return header
    }

    /// Whether an `Authorization: Digest …` header answers this realm and nonce for this request
    /// (method and URI) with the right password (RFC 7616, MD5, with or without qop=auth): what a
    /// device checks.
    public static func verifyDigest(_ authorization: String, method: String, uri: String, user: String, password: String, realm: String,
                                    nonce: String) -> Bool {
        guard authorization.lowercased().hasPrefix("digest") else { return false }
        let fields = parameters(String(authorization.dropFirst(6)))
        guard fields["username"] == user, fields["realm"] == realm, fields["nonce"] == nonce, fields["uri"] == uri,
              let given = fields["response"] else { return false }
        func md5(_ text: String) -> String { Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        let ha1 = md5("\(user):\(realm):\(password)"), ha2 = md5("\(method):\(uri)")
        let expected: String
        if fields["qop"] == "auth" {
            guard let nc = fields["nc"], let cnonce = fields["cnonce"] else { return false }
            expected = md5("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)")
        } else {
            expected = md5("\(ha1):\(nonce):\(ha2)")
        }
        return expected == given.lowercased()
    }

    /// `key="value", key=value` pairs.
    public static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text[...]
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            if rest.hasPrefix("\"") {
                rest = rest.dropFirst()
                let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                result[key] = String(rest[..<end])
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                result[key] = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
        }
        return result
    }
}
