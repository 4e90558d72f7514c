import Foundation
import ZoneOpsWire

/// The instance secret: from the configuration, else a 0600 key file in the data directory,
/// created with 32 random bytes on first start.
enum SecretKey {
    static let fileName = "secret.key"

    static func load(_ config: AppConfig) throws -> Data {
        if let key = config.secretKey { return key }
        let fm = FileManager.default
        let file = config.dataDirectory.appendingPathComponent(fileName)
        if let existing = try? Data(contentsOf: file), let key = Data(base64Encoded: existing), key.count == 32 {
            return key
        }
        guard !fm.fileExists(atPath: file.path) else {
            throw ConfigError("密钥文件 \(file.path) 已损坏：应为 32 字节数据的 base64 编码。请从备份恢复该文件。")
        }
        try fm.createDirectory(at: config.dataDirectory, withIntermediateDirectories: true)
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = UInt8.random(in: .min ... .max, using: &generator) }
        let key = Data(bytes)
        guard fm.createFile(atPath: file.path, contents: Data(key.base64EncodedString().utf8),
                                  attributes: [.posixPermissions: 0o600])
        else { throw ConfigError("无法写入密钥文件 \(file.path)：请检查数据目录的权限。") }
        return key
    }
}
