import Foundation
import ZIPFoundation

/// Reads the entries of an uploaded zip (an .xlsx) with every offset and length checked against
/// the bytes actually there. ZIPFoundation's in-memory archive trusts them and traps on a
/// crafted file (found by fuzz/fuzz-xlsx), so the structure is parsed here and only raw
/// inflating is left to zlib (through ZIPFoundation's `Data.decompress`).
struct ZipReader {
    enum Failure: Error, Equatable {
        case malformed
        case tooLarge
    }

    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var localHeaderOffset: Int
    }

    let data: Data
    private(set) var entries: [String: Entry] = [:]

    /// Most entries read from the central directory (a workbook has a few dozen).
    static let maximumEntries = 10_000

    init(_ data: Data) throws {
        self.data = data
        let eocd = try Self.endOfCentralDirectory(in: data)
        let count = Int(try read16(eocd + 10)), size = Int(try read32(eocd + 12)), offset = Int(try read32(eocd + 16))
        guard count <= Self.maximumEntries, offset >= 0, size >= 0, offset + size <= eocd else { throw Failure.malformed }
        var at = offset
        for _ in 0..<count {
            guard try read32(at) == 0x0201_4B50 else { throw Failure.malformed }
            let nameLength = Int(try read16(at + 28)), extraLength = Int(try read16(at + 30)), commentLength = Int(try read16(at + 32))
            let name = String(decoding: try bytes(at + 46, nameLength), as: UTF8.self)
            entries[name] = Entry(name: name, method: try read16(at + 10), flags: try read16(at + 8), crc32: try read32(at + 16),
                                  compressedSize: Int(try read32(at + 20)), localHeaderOffset: Int(try read32(at + 42)))
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The entry's bytes, refused as soon as more than `limit` come out, and checked against its CRC-32.
    func read(_ name: String, limit: Int) throws -> Data? {
        guard let entry = entries[name] else { return nil }
        // Encrypted entries and ZIP64 sizes do not occur in workbooks a ledger comes from.
        guard entry.flags & 1 == 0, entry.compressedSize != 0xFFFF_FFFF else { throw Failure.malformed }
        let header = entry.localHeaderOffset
        guard try read32(header) == 0x0403_4B50 else { throw Failure.malformed }
        let start = header + 30 + Int(try read16(header + 26)) + Int(try read16(header + 28))
        let compressed = try bytes(start, entry.compressedSize)
        var out = Data()
        let checksum: UInt32
        switch entry.method {
        case 0:
            guard compressed.count <= limit else { throw Failure.tooLarge }
            out = Data(compressed)
            checksum = out.crc32(checksum: 0)
        case 8:
            checksum = try inflate(Data(compressed), limit: limit) { out.append($0) }
        default:
            throw Failure.malformed
        }
        guard checksum == entry.crc32 else { throw Failure.malformed }
        return out
    }

    /// Raw deflate. The provider always hands zlib a full buffer (zero-padded past the end, as
    /// ZIPFoundation tells zlib a full buffer is there) and stops a stream that has not ended one
    /// buffer after its data did, so a truncated stream ends in an error, not a loop.
    private func inflate(_ compressed: Data, limit: Int, into consume: (Data) throws -> Void) throws -> UInt32 {
        let buffer = 64 * 1024
        var produced = 0
        do {
            return try Data.decompress(size: Int64(compressed.count), bufferSize: buffer, skipCRC32: false, provider: { position, size in
                let from = Int(position)
                guard from <= compressed.count else { throw Failure.malformed }
                var chunk = compressed.subdata(in: from..<min(compressed.count, from + size))
                if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                return chunk
            }, consumer: { chunk in
                produced += chunk.count
                guard produced <= limit else { throw Failure.tooLarge }
                try consume(chunk)
            })
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.malformed
        }
    }

    /// The End Of Central Directory record: its signature within the last 64 KiB + 22 bytes.
    private static func endOfCentralDirectory(in data: Data) throws -> Int {
        guard data.count >= 22 else { throw Failure.malformed }
        let base = data.startIndex
        var at = data.count - 22
        let lowest = max(0, data.count - 22 - 65_535)
        while at >= lowest {
            if data[base + at] == 0x50, data[base + at + 1] == 0x4B, data[base + at + 2] == 0x05, data[base + at + 3] == 0x06 {
                return at
            }
            at -= 1
        }
        throw Failure.malformed
    }

    private func bytes(_ offset: Int, _ count: Int) throws -> Data.SubSequence {
        guard offset >= 0, count >= 0, offset <= data.count - count else { throw Failure.malformed }
        return data[(data.startIndex + offset)..<(data.startIndex + offset + count)]
    }

    private func read16(_ offset: Int) throws -> UInt16 {
        let b = try bytes(offset, 2)
        return UInt16(b[b.startIndex]) | UInt16(b[b.startIndex + 1]) << 8
    }

    private func read32(_ offset: Int) throws -> UInt32 {
        let b = try bytes(offset, 4)
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[b.startIndex + $1]) << (8 * UInt32($1)) }
    }
}
