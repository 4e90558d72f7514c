import Foundation

extension UUID {
    /// A version 4 UUID from the system generator (`getrandom`). Foundation's `UUID()` on Linux
    /// opens and reads `/dev/urandom` for each one, which had cost a twentieth of the event
    /// intake's CPU at a hundred ids a request; use this on hot paths.
    public static func random() -> UUID {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        var bytes = (UInt8(truncatingIfNeeded: high >> 56), UInt8(truncatingIfNeeded: high >> 48), UInt8(truncatingIfNeeded: high >> 40),
                     UInt8(truncatingIfNeeded: high >> 32), UInt8(truncatingIfNeeded: high >> 24), UInt8(truncatingIfNeeded: high >> 16),
                     UInt8(truncatingIfNeeded: high >> 8), UInt8(truncatingIfNeeded: high), UInt8(truncatingIfNeeded: low >> 56),
                     UInt8(truncatingIfNeeded: low >> 48), UInt8(truncatingIfNeeded: low >> 40), UInt8(truncatingIfNeeded: low >> 32),
                     UInt8(truncatingIfNeeded: low >> 24), UInt8(truncatingIfNeeded: low >> 16), UInt8(truncatingIfNeeded: low >> 8),
                     UInt8(truncatingIfNeeded: low))
        bytes.6 = (bytes.6 & 0x0F) | 0x40 // version 4
        bytes.8 = (bytes.8 & 0x3F) | 0x80 // RFC 4122 variant
        return UUID(uuid: bytes)
    }
}

extension UUID {
    /// A version 7 UUID (RFC 9562): the Unix time in milliseconds, then random bits. Ids of rows
    /// written in bulk (events, probe results) take these so each insert lands at the end of the
    /// primary-key index, as a row id would, instead of on a random page of it: with random ids
    /// a batch of events had dirtied most of the index's pages.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var id = random().uuid
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        id.0 = UInt8(truncatingIfNeeded: millis >> 40)
        id.1 = UInt8(truncatingIfNeeded: millis >> 32)
        id.2 = UInt8(truncatingIfNeeded: millis >> 24)
        id.3 = UInt8(truncatingIfNeeded: millis >> 16)
        id.4 = UInt8(truncatingIfNeeded: millis >> 8)
        id.5 = UInt8(truncatingIfNeeded: millis)
        id.6 = (id.6 & 0x0F) | 0x70 // version 7
        return UUID(uuid: id)
    }
}
