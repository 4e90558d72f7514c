/// IPv4 and IPv6 address checks without the network stack (Domain is Foundation-only).
public enum IPAddress {
    /// The address in canonical text (IPv4 without leading zeros, IPv6 lower-case), or nil.
    public static func normalize(_ text: String) -> String? {
        if let v4 = ipv4(text) { return v4.map(String.init).joined(separator: ".") }
        if isIPv6(text) { return text.lowercased() }
        return nil
    }

    public static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    public static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":"), text.count <= 45 else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        var groups: [String] = []
        for half in halves where !half.isEmpty { groups += half.components(separatedBy: ":") }
        var count = groups.count
        // An IPv4 tail (::ffff:192.0.2.1) stands for two groups.
        if let last = groups.last, last.contains(".") {
            guard ipv4(last) != nil else { return false }
            groups.removeLast()
            count += 1
        }
        guard groups.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }) else { return false }
        return halves.count == 2 ? count <= 7 : count == 8
    }
}
