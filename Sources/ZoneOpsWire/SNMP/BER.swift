import Foundation

/// The subset of ASN.1 BER that SNMP speaks (X.690): definite lengths, primitive integers, octet
/// strings, NULL, object identifiers and constructed sequences. The reader trusts nothing a packet
/// declares: every length is checked against the bytes that are really there, lengths take at
/// most four bytes, and integers at most nine.
public enum BER {
    public enum Failure: Error, Equatable, Sendable {
        /// The packet ends before what it declares.
        case truncated
        /// An indefinite length, a length of more than four bytes, or a non-minimal one that overflows.
        case badLength
        /// A tag other than the one the structure needs here.
        case unexpected(tag: UInt8, expected: UInt8)
        /// An integer too long for its type, an empty one, or an OID arc over 32 bits.
        case badValue
        /// Bytes left over after the message.
        case trailing
    }

    /// Reads TLVs one after another from a slice.
    public struct Reader {
        private let bytes: ArraySlice<UInt8>
        private var position: Int

        public init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        public var isAtEnd: Bool { position >= bytes.endIndex }

        /// The next tag and its contents.
        public mutating func next() throws -> (tag: UInt8, contents: ArraySlice<UInt8>) {
            guard position < bytes.endIndex else { throw Failure.truncated }
            let tag = bytes[position]
            // High-tag-number form (tag & 0x1F == 0x1F) does not occur in SNMP.
            guard tag & 0x1F != 0x1F else { throw Failure.badValue }
            position += 1
            guard position < bytes.endIndex else { throw Failure.truncated }
            let first = bytes[position]
            position += 1
            var length = 0
            if first < 0x80 {
                length = Int(first)
            } else {
                let count = Int(first & 0x7F)
                guard count >= 1, count <= 4 else { throw Failure.badLength }
                guard bytes.endIndex - position >= count else { throw Failure.truncated }
                for _ in 0..<count {
                    length = length << 8 | Int(bytes[position])
                    position += 1
                }
            }
            guard length <= bytes.endIndex - position else { throw Failure.truncated }
            let contents = bytes[position..<position + length]
            position += length
            return (tag, contents)
        }

        /// The next TLV, which must carry `tag`.
        public mutating func next(_ tag: UInt8) throws -> ArraySlice<UInt8> {
            let (found, contents) = try next()
            guard found == tag else { throw Failure.unexpected(tag: found, expected: tag) }
            return contents
        }
    }

    // MARK: Writing

    public static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    public static func tlv(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        [tag] + length(contents.count) + contents
    }

    /// A signed integer in the fewest two's-complement bytes.
    public static func signed(_ value: Int64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: value.bigEndian, Array.init)
        while bytes.count > 1, (bytes[0] == 0x00 && bytes[1] & 0x80 == 0) || (bytes[0] == 0xFF && bytes[1] & 0x80 != 0) {
            bytes.removeFirst()
        }
        return bytes
    }

    /// An unsigned integer (Counter, Gauge, TimeTicks): a leading zero keeps it positive.
    public static func unsigned(_ value: UInt64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: value.bigEndian, Array.init)
        while bytes.count > 1, bytes[0] == 0 { bytes.removeFirst() }
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }

    // MARK: Reading values

    public static func signed(from contents: ArraySlice<UInt8>) throws -> Int64 {
        guard !contents.isEmpty, contents.count <= 8 else { throw Failure.badValue }
        var value: Int64 = contents.first! & 0x80 != 0 ? -1 : 0
        for byte in contents { value = value << 8 | Int64(byte) }
        return value
    }

    /// An unsigned value of at most `bits` bits (a leading zero byte allowed).
    public static func unsigned(from contents: ArraySlice<UInt8>, bits: Int) throws -> UInt64 {
        var contents = contents
        guard !contents.isEmpty else { throw Failure.badValue }
        if contents.count > 1, contents.first == 0 { contents = contents.dropFirst() }
        guard contents.count <= bits / 8 else { throw Failure.badValue }
        // A negative encoding is tolerated as agents send it (some encode 0xFFFFFFFF without the zero).
        return contents.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}
