import Foundation

/// A syslog message as RFC 5424 or RFC 3164 (BSD) writes it; what cannot be read as either is
/// kept whole as the message, with the default priority (user.notice, RFC 3164 §4.3.3).
public struct SyslogMessage: Equatable, Sendable {
    public var facility: Int
    /// 0 emergency … 7 debug.
    public var severity: Int
    public var timestamp: Date?
    public var hostname: String?
    public var appName: String?
    public var message: String
    public var format: Format

    public enum Format: String, Sendable { case rfc5424, rfc3164, unknown }

    /// The most bytes one message may have (RFC 5425 suggests 2048 at least; 8 KB here).
    public static let maxLength = 8192

    public static func parse(_ bytes: ArraySlice<UInt8>, receivedAt: Date) -> SyslogMessage {
        var text = String(decoding: bytes.prefix(maxLength), as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" || last == "\0" { text.removeLast() }
        var facility = 1, severity = 5
        guard text.hasPrefix("<"), let close = text.firstIndex(of: ">"), text.distance(from: text.startIndex, to: close) <= 4,
              let pri = Int(text[text.index(after: text.startIndex)..<close]), (0...191).contains(pri) else {
            return SyslogMessage(facility: facility, severity: severity, timestamp: nil, hostname: nil, appName: nil,
                                 message: text, format: .unknown)
        }
        facility = pri / 8
        severity = pri % 8
        let rest = text[text.index(after: close)...]
        if rest.hasPrefix("1 ") { return rfc5424(rest.dropFirst(2), facility: facility, severity: severity) }
        return rfc3164(rest, facility: facility, severity: severity, receivedAt: receivedAt)
    }

    static func rfc5424(_ rest: Substring, facility: Int, severity: Int) -> SyslogMessage {
        var fields: [Substring] = []
        var remainder = rest
        for _ in 0..<5 {
            guard let space = remainder.firstIndex(of: " ") else { fields.append(remainder); remainder = ""; break }
            fields.append(remainder[..<space])
            remainder = remainder[remainder.index(after: space)...]
        }
        func value(_ index: Int) -> String? {
            guard index < fields.count, fields[index] != "-", !fields[index].isEmpty else { return nil }
            return String(fields[index].prefix(255))
        }
        // Structured data: "-" or one or more [..] elements (with escaped \] inside).
        var message = remainder
        if message.hasPrefix("-") {
            message = message.dropFirst()
        } else {
            while message.hasPrefix("[") {
                var index = message.index(after: message.startIndex)
                var escaped = false
                while index < message.endIndex {
                    let character = message[index]
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "]" { break }
                    index = message.index(after: index)
                }
                message = index < message.endIndex ? message[message.index(after: index)...] : ""
            }
        }
        if message.hasPrefix(" ") { message = message.dropFirst() }
        var body = String(message)
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        return SyslogMessage(facility: facility, severity: severity, timestamp: value(0).flatMap(AlertmanagerWebhook.date), hostname: value(1),
                             appName: value(2), message: body, format: .rfc5424)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func rfc3164(_ rest: Substring, facility: Int, severity: Int, receivedAt: Date) -> SyslogMessage {
        // "Mmm dd hh:mm:ss HOST TAG[pid]: message" — the year and zone are not sent: the receiver's are used.
        var timestamp: Date?
        var remainder = rest
        if rest.count >= 16, let month = months.firstIndex(of: String(rest.prefix(3))) {
            let stamp = rest.prefix(15)
            let parts = stamp.dropFirst(4).split(separator: " ", omittingEmptySubsequences: true)
            let clock = parts.count == 2 ? parts[1].split(separator: ":") : []
            if parts.count == 2, let day = Int(parts[0]), clock.count == 3, let h = Int(clock[0]), let m = Int(clock[1]), let s = Int(clock[2]) {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
                var components = calendar.dateComponents([.year], from: receivedAt)
                components.month = month + 1
                components.day = day
                components.hour = h
                components.minute = m
                components.second = s
                timestamp = calendar.date(from: components)
                // December's message read in January belongs to last year.
                if let found = timestamp, found.timeIntervalSince(receivedAt) > 86_400 * 2 {
                    components.year = (components.year ?? 2000) - 1
                    timestamp = calendar.date(from: components)
                }
                remainder = rest.dropFirst(16)
            }
        }
        var hostname: String?
        if timestamp != nil, let space = remainder.firstIndex(of: " ") {
            hostname = String(remainder[..<space].prefix(255))
            remainder = remainder[remainder.index(after: space)...]
        }
        var appName: String?
        if let colon = remainder.firstIndex(of: ":"), remainder.distance(from: remainder.startIndex, to: colon) <= 48 {
            let tag = remainder[..<colon]
            if !tag.contains(" ") || tag.hasSuffix("]") {
                appName = String(tag.split(separator: "[").first ?? tag)
                remainder = remainder[remainder.index(after: colon)...]
                if remainder.hasPrefix(" ") { remainder = remainder.dropFirst() }
            }
        }
        return SyslogMessage(facility: facility, severity: severity, timestamp: timestamp, hostname: hostname, appName: appName,
                             message: String(remainder), format: .rfc3164)
    }

    /// Splits a TCP stream into messages (RFC 6587): octet-counted frames ("LEN SP MSG") or
    /// LF-terminated lines. Answers the messages and how many bytes were used; a frame that
    /// declares more than `maxLength` is refused (`nil`), so the connection can be closed.
    public static func frames(_ buffer: [UInt8]) -> (messages: [ArraySlice<UInt8>], consumed: Int)? {
        var messages: [ArraySlice<UInt8>] = []
        var index = 0
        while index < buffer.count {
            if let first = buffer[index...].first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first) {
                var cursor = index
                var length = 0
                while cursor < buffer.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buffer[cursor]), cursor - index < 6 {
                    length = length * 10 + Int(buffer[cursor] - UInt8(ascii: "0"))
                    cursor += 1
                }
                guard cursor < buffer.count else { break }
                if buffer[cursor] == UInt8(ascii: " ") {
                    guard length <= maxLength else { return nil }
                    guard cursor + 1 + length <= buffer.count else { break }
                    messages.append(buffer[(cursor + 1)..<(cursor + 1 + length)])
                    index = cursor + 1 + length
                    continue
                }
            }
            guard let newline = buffer[index...].firstIndex(of: 10) else {
                if buffer.count - index > maxLength { return nil }
                break
            }
            if newline > index { messages.append(buffer[index..<newline]) }
            index = newline + 1
        }
        return (messages, index)
    }
}
