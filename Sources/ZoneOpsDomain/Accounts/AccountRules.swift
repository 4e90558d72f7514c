import Foundation

/// Validation of account input: what a username and a password must look like.
public enum AccountRules {
    public static let minimumPasswordLength = 10
    public static let maximumPasswordLength = 72 // bcrypt ignores bytes past 72

    /// The one form of a login name: what is stored, looked up and throttled. Leading and trailing
    /// white space and control characters go, full-width letters become ASCII, case is folded,
    /// so " duty", "duty\t" and "ＤＵＴＹ" are all the account `duty` and share its failure count.
    public static func normalizedUsername(_ raw: String) -> String {
        raw.precomposedStringWithCompatibilityMapping
            .trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(.controlCharacters))
            .lowercased()
    }

    /// Usernames are ASCII so they can be typed on any phone keyboard and used in URLs.
    public static func validateUsername(_ name: String) throws(AppError) {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (3...32).contains(name.count),
              name.unicodeScalars.allSatisfy(allowed.contains),
              name.first?.isLetter == true
        else { throw .invalid(field: "username", .invalidUsername) }
    }

    public static func validatePassword(_ password: String) throws(AppError) {
        guard password.count >= minimumPasswordLength else {
            throw .invalid(field: "password", .passwordTooShort)
        }
        guard password.utf8.count <= maximumPasswordLength else {
            throw .invalid(field: "password", .passwordTooLong)
        }
    }

    /// A mainland mobile number as people write it ("138 0013 8000", "+86-138-0013-8000") in the
    /// one stored form, 11 digits; nil for an empty entry.
    public static func normalizedMobile(_ raw: String) throws(AppError) -> String? {
        var digits = raw.filter { !" -()".contains($0) }
        if digits.isEmpty { return nil }
        for prefix in ["+86", "0086"] where digits.hasPrefix(prefix) { digits.removeFirst(prefix.count) }
        guard digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.hasPrefix("1"),
              let second = digits.dropFirst().first, "3456789".contains(second)
        else { throw .invalid(field: "mobile", .invalidMobile) }
        return digits
    }

    public static func validateDisplayName(_ name: String) throws(AppError) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...64).contains(trimmed.count) else { throw .invalid(field: "displayName", .invalidDisplayName) }
    }

    public static func validateOrganizationName(_ name: String) throws(AppError) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else { throw .invalid(field: "name", .invalidOrganizationName) }
    }
}
