import Vapor

/// One log line per request with its path, status, duration and user as metadata.
struct RequestLogMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: request).always { result in
            let elapsed = ContinuousClock.now - start
            request.logger.info("request", metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.url.path),
                "status": .stringConvertible((try? result.get())?.status.code ?? 500),
                "ms": .string(String(format: "%.1f", Double(elapsed.components.attoseconds) / 1e15
                    + Double(elapsed.components.seconds) * 1000)),
                "user": .string(request.user?.identity.username ?? "-"),
            ])
        }
    }
}
