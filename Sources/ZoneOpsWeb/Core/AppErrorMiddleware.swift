import Vapor
import ZoneOpsDomain

/// Maps every error to a status, a JSON body under /api and a friendly page elsewhere.
struct AppErrorMiddleware: Middleware {
    struct Body: Content {
        struct Detail: Content {
            var code: String
            var message: String
            var field: String?
            /// Every refused field at once (a CI, a ledger row): its key and what to fix.
            var fields: [FieldDetail]?
        }
        struct FieldDetail: Content { var field: String; var message: String }
        var error: Detail
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in
            let appError = Self.appError(for: error, request: request)
            if let page = Self.resubmitPage(for: appError, request) {
                let response = Page.render(page.body(request.view), title: request.t(.resubmitTitle), request: request)
                response.status = .forbidden
                return response
            }
            if case .unauthenticated = appError, !request.url.path.hasPrefix("/api/") {
                return request.redirect(to: SiteURL.login(next: request.url.path).path)
            }
            return try Self.response(for: appError, to: request)
        }
    }

    /// A browser form refused for a lapsed token or session keeps what was typed (`ResubmitPage`).
    static func resubmitPage(for error: AppError?, _ request: Request) -> ResubmitPage? {
        guard request.method == .POST, !request.url.path.hasPrefix("/api/"), request.url.path != SiteURL.login(next: nil).path,
              request.url.path != SiteURL.logout.path else { return nil }
        switch error {
        case .csrf?, .unauthenticated?:
            guard let values = ResubmitPage.keptValues(of: request) else { return nil }
            return ResubmitPage(action: SiteURL.localTarget(request.url.path), values: values, needsLogin: request.user == nil)
        default:
            return nil
        }
    }

    static func appError(for error: any Error, request: Request) -> AppError? {
        if let appError = error as? AppError { return appError }
        if let abort = error as? any AbortError {
            switch abort.status {
            case .notFound: return .notFound
            case .payloadTooLarge: return .tooLarge
            case .unauthorized: return .unauthenticated
            case .badRequest, .unprocessableEntity, .unsupportedMediaType: return .invalid(field: "body", .errorMalformedBody)
            default: return nil
            }
        }
        if error is DecodingError { return .invalid(field: "body", .errorMalformedBody) }
        // A broken multipart body (an empty one, a missing boundary) is the client's, not ours;
        // MultipartKit's parser errors are not public types, so they are known by their module.
        if String(reflecting: type(of: error)).hasPrefix("MultipartKit.") { return .invalid(field: "body", .errorMalformedBody) }
        request.logger.report(error: error)
        return nil
    }

    /// nil means an unexpected error: 500 with a generic message, details only in the log.
    static func response(for error: AppError?, to request: Request) throws -> Response {
        let language = request.language
        let status = HTTPResponseStatus(statusCode: error?.status ?? 500)
        let message = error?.message(in: language) ?? Catalog.shared.text(.errorServer, language)
        var headers = HTTPHeaders()
        if case .throttled(let seconds) = error { headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
        if case .busy(let seconds) = error { headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
        if request.url.path.hasPrefix("/api/") || request.url.path == "/healthz" {
            var field: String?
            if case .invalid(let name, _) = error { field = name }
            if case .outOfRange(let name, _, _) = error { field = name }
            var fields: [Body.FieldDetail]?
            if case .invalidFields(let problems) = error {
                fields = problems.map { .init(field: $0.field, message: Catalog.shared.text($0.text, language)) }
            }
            let body = Body(error: .init(code: error?.code ?? "internal_error", message: message, field: field, fields: fields))
            let response = Response(status: status, headers: headers)
            try response.content.encode(body)
            return response
        }
        let page = ErrorPage(status: status.code, title: ErrorPage.heading(for: status.code, language), message: message)
        let response = Page.render(page.body(request.view), title: page.title, request: request)
        response.status = status
        response.headers.add(contentsOf: headers)
        return response
    }
}
