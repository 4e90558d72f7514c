import Foundation

/// A problem (问题): the cause behind one or more incidents. It is open while investigated,
/// becomes a known error (已知错误) once its root cause and a workaround are recorded, and is
/// closed by a change that removes the cause or by a recorded decision (accept the risk, say).
public enum ProblemStatus: String, Codable, Sendable, CaseIterable {
    case open, closed

    public var label: TextKey { self == .open ? .prbStatusOpen : .prbStatusClosed }
}

/// `PRB-YYYY-NNNNNN`: a per-year sequence, like incidents and changes.
public enum ProblemNumber {
    public static func format(year: Int, sequence: Int) -> String {
        "PRB-" + String(year) + "-" + String(repeating: "0", count: max(0, 6 - String(sequence).count)) + String(sequence)
    }
}

/// When repeated incidents call for a problem: at least `minimum` incidents on one CI or in
/// one category within `days` days (editable).
public struct RecurrenceRule: Sendable, Equatable {
    public var days: Int
    public var minimum: Int

    public init(days: Int, minimum: Int) {
        self.days = days
        self.minimum = minimum
    }

    public static let standard = RecurrenceRule(days: 30, minimum: 3)
    public static let daysRange = 1...365
    public static let minimumRange = 2...100
}

/// Words of a text worth matching a known error by: runs of letters or digits of at least two
/// characters, and for Chinese every two-character piece, lower-cased (the desk types
/// "登录白屏"; the known error says "登录后白屏").
public enum MatchWords {
    public static func of(_ text: String, limit: Int = 40) -> [String] {
        var words: [String] = []
        var latin = ""
        var han: [Character] = []
        func flush() {
            if latin.count >= 2 { words.append(latin.lowercased()) }
            latin = ""
            if han.count >= 2 { for index in 0..<(han.count - 1) { words.append(String(han[index...index + 1])) } }
            han = []
        }
        for character in text {
            if character.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) }) {
                if !latin.isEmpty { if latin.count >= 2 { words.append(latin.lowercased()) }; latin = "" }
                han.append(character)
            } else if character.isLetter || character.isNumber {
                if !han.isEmpty { if han.count >= 2 { for index in 0..<(han.count - 1) { words.append(String(han[index...index + 1])) } }; han = [] }
                latin.append(character)
            } else {
                flush()
            }
        }
        flush()
        var seen = Set<String>()
        return Array(words.filter { seen.insert($0).inserted }.prefix(limit))
    }
}
