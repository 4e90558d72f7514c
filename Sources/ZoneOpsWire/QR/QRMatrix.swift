/// The module grid while a symbol is built: function patterns, data, format and version bits.
struct QRMatrix {
    let version: Int
    let size: Int
    var dark: [[Bool]]
    /// Modules that belong to function patterns (never masked, never data).
    var reserved: [[Bool]]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        reserved = dark
    }

    mutating func set(_ x: Int, _ y: Int, _ value: Bool) {
        dark[y][x] = value
        reserved[y][x] = true
    }

    mutating func placeFunctionPatterns() {
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] { finder(cx, cy) }
        for i in 8..<(size - 8) {
            set(i, 6, i % 2 == 0)
            set(6, i, i % 2 == 0)
        }
        let centres = QRTables.alignment[version - 1]
        for cy in centres { for cx in centres {
            let nearFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == centres.last!) || (cx == centres.last! && cy == 6)
            if !nearFinder { alignment(cx, cy) }
        } }
        // Reserve the format areas (filled after masking) and place the dark module.
        for i in 0..<9 { reserve(8, i); reserve(i, 8) }
        for i in 0..<8 { reserve(size - 1 - i, 8); reserve(8, size - 1 - i) }
        set(8, size - 8, true)
        if version >= 7 { placeVersion() }
    }

    private mutating func reserve(_ x: Int, _ y: Int) { reserved[y][x] = true }

    private mutating func finder(_ cx: Int, _ cy: Int) {
        for dy in -4...4 { for dx in -4...4 {
            let x = cx + dx, y = cy + dy
            guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
            let d = max(abs(dx), abs(dy))
            set(x, y, d != 2 && d != 4)
        } }
    }

    private mutating func alignment(_ cx: Int, _ cy: Int) {
        for dy in -2...2 { for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
    }

    private mutating func placeVersion() {
        var bits = version << 12, remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        bits |= remainder
        for i in 0..<18 {
            let bit = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            set(a, b, bit)
            set(b, a, bit)
        }
    }

    /// Zig-zag from the bottom right in two-module columns, skipping the vertical timing column.
    mutating func placeData(_ codewords: [UInt8], mask: Int) {
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = ((right + 1) & 2) == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !reserved[y][x] else { continue }
                    var bit = false
                    if bitIndex < totalBits { bit = (codewords[bitIndex >> 3] >> (7 - (bitIndex & 7))) & 1 == 1; bitIndex += 1 }
                    if Self.masked(mask, x, y) { bit.toggle() }
                    dark[y][x] = bit
                }
            }
            right -= 2
        }
    }

    static func masked(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: (x * y) % 2 + (x * y) % 3 == 0
        case 6: ((x * y) % 2 + (x * y) % 3) % 2 == 0
        default: ((x + y) % 2 + (x * y) % 3) % 2 == 0
        }
    }

    /// Level M (00) and the mask, BCH(15,5)-protected, XOR 0x5412, in both copies.
    mutating func placeFormat(mask: Int) {
        let data = (0b00 << 3) | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = ((data << 10) | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { dark[i][8] = bit(i) }
        dark[7][8] = bit(6)
        dark[8][8] = bit(7)
        dark[8][7] = bit(8)
        for i in 9..<15 { dark[8][14 - i] = bit(i) }
        for i in 0..<8 { dark[8][size - 1 - i] = bit(i) }
        for i in 8..<15 { dark[size - 15 + i][8] = bit(i) }
        dark[size - 8][8] = true
    }

    /// The four penalty rules of ISO/IEC 18004 §8.8.2; the mask with the lowest total wins.
    func penalty() -> Int {
        var total = 0
        for line in 0..<size {
            total += runPenalty((0..<size).map { dark[line][$0] })
            total += runPenalty((0..<size).map { dark[$0][line] })
        }
        for y in 0..<(size - 1) { for x in 0..<(size - 1) {
            let c = dark[y][x]
            if dark[y][x + 1] == c && dark[y + 1][x] == c && dark[y + 1][x + 1] == c { total += 3 }
        } }
        let pattern: [Bool] = [true, false, true, true, true, false, true]
        for line in 0..<size { for start in 0...(size - 7) {
            let row = (0..<7).map { dark[line][start + $0] }, column = (0..<7).map { dark[start + $0][line] }
            for cells in [row, column] where cells == pattern {
                let before = (max(0, start - 4)..<start).allSatisfy { !(cells == row ? dark[line][$0] : dark[$0][line]) }
                let after = ((start + 7)..<min(size, start + 11)).allSatisfy { !(cells == row ? dark[line][$0] : dark[$0][line]) }
                if (start >= 4 && before) || (start + 11 <= size && after) { total += 40 }
            }
        } }
        let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
        total += abs(darkCount * 20 / (size * size) - 10) * 10
        return total
    }

    private func runPenalty(_ line: [Bool]) -> Int {
        var total = 0, run = 1
        for i in 1..<line.count {
            if line[i] == line[i - 1] { run += 1 } else { if run >= 5 { total += run - 2 }; run = 1 }
        }
        if run >= 5 { total += run - 2 }
        return total
    }
}
