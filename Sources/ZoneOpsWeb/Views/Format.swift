import Foundation

/// Times as users read them: Asia/Shanghai, minutes.
enum Format {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func time(_ date: Date?) -> String {
        date?.beijingText ?? "—"
    }
}
