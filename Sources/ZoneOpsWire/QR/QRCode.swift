/// A QR code (ISO/IEC 18004) in byte mode at error-correction level M, versions 1–10
/// (up to 213 bytes: enough for a CI's URL). The matrix is `size × size`, true = dark.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let size: Int
    public let mask: Int
    public let modules: [[Bool]]

    public enum Failure: Error, Equatable { case tooLong }

    public init(text: String) throws { try self.init(bytes: Array(text.utf8)) }

    public init(bytes: [UInt8]) throws {
        guard let version = (1...10).first(where: { QRTables.dataCapacity($0) * 8 >= 4 + ($0 < 10 ? 8 : 16) + bytes.count * 8 }) else {
            throw Failure.tooLong
        }
        let codewords = QRTables.interleave(QREncoding.dataCodewords(bytes, version: version), version: version)
        var best: (penalty: Int, mask: Int, matrix: QRMatrix)?
        for mask in 0..<8 {
            var matrix = QRMatrix(version: version)
            matrix.placeFunctionPatterns()
            matrix.placeData(codewords, mask: mask)
            matrix.placeFormat(mask: mask)
            let penalty = matrix.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, mask, matrix) }
        }
        self.version = version
        self.size = best!.matrix.size
        self.mask = best!.mask
        self.modules = best!.matrix.dark
    }

    /// An SVG drawing with a 4-module quiet zone; one path, so it scales and prints crisply.
    public func svg(moduleSize: Int = 4) -> String {
        let full = (size + 8) * moduleSize
        var path = ""
        for y in 0..<size { for x in 0..<size where modules[y][x] {
            path += "M\((x + 4) * moduleSize) \((y + 4) * moduleSize)h\(moduleSize)v\(moduleSize)h-\(moduleSize)z"
        } }
        return ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(full) \##(full)" width="\##(full)" height="\##(full)" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="\##(path)"/></svg>"##
    }
}
