import Vapor

/// One log line per request with its route pattern, status, duration and user as metadata.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        var status: UInt = 500
        defer {
            let elapsed = ContinuousClock.now - start
            let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            request.logger.info("request", metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.url.path),
                "status": .stringConvertible(status),
                "ms": .string(String(format: "%.1f", millis)),
                "user": .string(request.user?.identity.username ?? "-"),
            ])
        }
        let response = try await next.respond(to: request)
        status = response.status.code
        return response
    }
}
