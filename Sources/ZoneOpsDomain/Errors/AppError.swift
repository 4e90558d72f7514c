/// Every error a user can be shown. Web maps each to an HTTP status, a JSON body and a page.
public enum AppError: Error, Equatable, Sendable {
    /// Malformed input: the field and what to fix.
    case invalid(field: String, TextKey)
    /// Several fields at once (a CI form, a ledger row): each field and what to fix.
    case invalidFields([FieldProblem])
    /// A number outside what the field accepts (a page, a count of days, a limit).
    case outOfRange(field: String, lower: Int, upper: Int)
    case unauthenticated
    case forbidden(TextKey)
    case notFound
    /// The record is in a state that does not allow this.
    case conflict(TextKey)
    /// A business rule is broken (422), with a stable code.
    case rule(code: String, TextKey)
    /// A broken rule whose message names figures (`%1`, `%2`, … of the text), such as the
    /// notice period and how many days are missing.
    case ruleDetail(code: String, TextKey, [String])
    case tooLarge
    case throttled(retryAfterSeconds: Int)
    /// More arrives than can be taken now (an event burst): 503 with Retry-After, so a sender
    /// that retries (Alertmanager retries 5xx, not 429) delivers it later instead of losing it.
    case busy(retryAfterSeconds: Int)
    case csrf

    /// The stable snake_case code of API.md's error body.
    public var code: String {
        switch self {
        case .invalid, .invalidFields, .outOfRange: "invalid_input"
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .rule(let code, _), .ruleDetail(let code, _, _): code
        case .tooLarge: "too_large"
        case .throttled: "throttled"
        case .busy: "busy"
        case .csrf: "csrf_failed"
        }
    }

    public var status: Int {
        switch self {
        case .invalid, .invalidFields, .outOfRange: 400
        case .unauthenticated: 401
        case .forbidden, .csrf: 403
        case .notFound: 404
        case .conflict: 409
        case .rule, .ruleDetail: 422
        case .tooLarge: 413
        case .throttled: 429
        case .busy: 503
        }
    }

    public static func withoutFullStop(_ text: String) -> String {
        var text = text
        while let last = text.last, "。.；;".contains(last) { text.removeLast() }
        return text
    }

    /// The user-facing message in `language`.
    public func message(in language: AppLanguage) -> String {
        let catalog = Catalog.shared
        switch self {
        case .invalid(let field, let text):
            return catalog.format(.errorInvalidField, language, FieldLabels.label(for: field, in: language),
                                  catalog.text(text, language))
        case .invalidFields(let problems):
            // "IP地址：…；数量：…。" — each problem's own full stop goes, so none is doubled before "；".
            let parts = problems.map {
                catalog.format(.errorInvalidField, language, FieldLabels.label(for: $0.field, in: language),
                               Self.withoutFullStop(catalog.text($0.text, language)))
            }
            return parts.joined(separator: language == .zh ? "；" : "; ") + (language == .zh ? "。" : ".")
        case .outOfRange(let field, let lower, let upper):
            return catalog.format(.errorOutOfRange, language, FieldLabels.label(for: field, in: language), String(lower), String(upper))
        case .unauthenticated: return catalog.text(.errorUnauthenticated, language)
        case .forbidden(let text), .conflict(let text), .rule(_, let text): return catalog.text(text, language)
        case .ruleDetail(_, let text, let arguments):
            return arguments.enumerated().reduce(catalog.text(text, language)) {
                $0.replacingOccurrences(of: "%\($1.offset + 1)", with: $1.element)
            }
        case .notFound: return catalog.text(.errorNotFound, language)
        case .tooLarge: return catalog.text(.errorTooLarge, language)
        case .throttled(let seconds):
            return catalog.format(.errorThrottled, language, String((seconds + 59) / 60))
        case .busy(let seconds): return catalog.format(.errorBusy, language, String(seconds))
        case .csrf: return catalog.text(.errorCSRF, language)
        }
    }
}

/// One field of a refused input and what is wrong with it.
public struct FieldProblem: Equatable, Sendable {
    public var field: String
    public var text: TextKey

    public init(field: String, text: TextKey) {
        self.field = field
        self.text = text
    }
}

extension AppError: CustomStringConvertible {
    /// The Chinese message, for logs and the command line.
    public var description: String { message(in: .zh) }
}
