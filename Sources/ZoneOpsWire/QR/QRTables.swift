/// Level-M block structure (ISO/IEC 18004 Table 9) and the Reed–Solomon code over GF(256).
enum QRTables {
    /// (EC codewords per block, [(blocks, data codewords per block)]) for level M, versions 1–10.
    static let blocks: [(ec: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ]

    static func dataCapacity(_ version: Int) -> Int {
        blocks[version - 1].groups.reduce(0) { $0 + $1.count * $1.data }
    }

    /// Splits the data into blocks, adds each block's error correction, interleaves both.
    static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
        let layout = blocks[version - 1]
        var dataBlocks: [[UInt8]] = [], offset = 0
        for group in layout.groups {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, degree: layout.ec) }
        var out: [UInt8] = []
        for i in 0..<(dataBlocks.map(\.count).max() ?? 0) { for block in dataBlocks where i < block.count { out.append(block[i]) } }
        for i in 0..<layout.ec { for block in ecBlocks { out.append(block[i]) } }
        return out
    }

    /// Centres of alignment patterns per version (Annex E).
    static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]
}

/// Reed–Solomon error correction over GF(256) with the QR polynomial x^8+x^4+x^3+x^2+1.
enum ReedSolomon {
    static let (exp, log): ([UInt8], [Int]) = {
        var exp = [UInt8](repeating: 0, count: 512), log = [Int](repeating: 0, count: 256)
        var x = 1
        for i in 0..<255 {
            exp[i] = UInt8(x)
            log[x] = i
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        for i in 255..<512 { exp[i] = exp[i - 255] }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
    }

    /// The generator polynomial ∏(x − α^i), i < degree, highest coefficient first (the leading 1 dropped).
    static func generator(_ degree: Int) -> [UInt8] {
        var poly: [UInt8] = [1]
        for i in 0..<degree {
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (j, coefficient) in poly.enumerated() {
                next[j] ^= coefficient
                next[j + 1] ^= multiply(coefficient, exp[i])
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
        let gen = generator(degree)
        var result = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ result[0]
            result.removeFirst()
            result.append(0)
            for i in 0..<degree { result[i] ^= multiply(gen[i], factor) }
        }
        return result
    }
}

/// The data bit stream: byte mode, count, bytes, terminator, padding.
enum QREncoding {
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacity = QRTables.dataCapacity(version) * 8
        append(0, min(4, capacity - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var out: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { ($0 << 1) | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while out.count < QRTables.dataCapacity(version) {
            out.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return out
    }
}
