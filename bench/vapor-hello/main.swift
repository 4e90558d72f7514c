import Vapor

// The baseline for bench/me.sh: a bare Vapor app with one route and no middleware,
// built with the same toolchain and flags as zoneops.
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
app.middleware = .init()
app.get("hello") { _ in "Hello, world!" }
try await app.execute()
try await app.asyncShutdown()
