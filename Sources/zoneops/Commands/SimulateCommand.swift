import Foundation
import Vapor
import ZoneOpsServices
import ZoneOpsWeb

/// `zoneops simulate [SCENARIO] [--clear]`: starts or clears a fault scenario of a running demo,
/// over its API as a signed-in user; without a scenario it lists them.
/// Where and as whom: `--url` (or `ZONEOPS_URL`, default http://127.0.0.1:8080), `--user` and
/// `--password` (or `ZONEOPS_USER` / `ZONEOPS_PASSWORD`; default the demo's O&M lead).
/// It runs before the app is configured (see main.swift); this registration gives it `--help`.
struct SimulateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "clear", help: "清除场景 / clear the scenario")
        var clear: Bool
        @Option(name: "url", help: "演示服务地址 / the demo's address")
        var url: String?
    }

    var help: String { "启动/清除演示园区的故障场景 / start or clear a fault scenario of the demo zone" }

    func run(using context: CommandContext, signature: Signature) async throws {
        context.console.print("zoneops simulate [SCENARIO] [--clear] [--url URL] [--user U] [--password P]")
    }

    struct Options {
        var scenario: String?
        var clear = false
        var url: String
        var user: String
        var password: String
    }

    static func options(_ arguments: [String], environment: [String: String]) throws -> Options {
        var options = Options(url: environment["ZONEOPS_URL"] ?? "http://127.0.0.1:8080", user: environment["ZONEOPS_USER"] ?? "lead",
                              password: environment["ZONEOPS_PASSWORD"] ?? DemoZone.password)
        var index = 0
        func value(_ flag: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw ConfigError("\(flag) 后面缺少取值 / \(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--clear": options.clear = true
            case "--url": options.url = try value("--url")
            case "--user": options.user = try value("--user")
            case "--password": options.password = try value("--password")
            case let other where other.hasPrefix("-"): throw ConfigError("不认识的参数 unknown option: \(other)")
            case let name: options.scenario = name
            }
            index += 1
        }
        while options.url.hasSuffix("/") { options.url.removeLast() }
        return options
    }

    /// Answers the exit code: 0 done, 1 refused or unreachable.
    static func run(arguments: [String], app: Application) async -> Int32 {
        do {
            let options = try options(arguments, environment: ProcessInfo.processInfo.environment)
            let client = app.client
            let signIn = try await client.post(URI(string: options.url + "/api/v1/tokens")) { request in
                try request.content.encode(["username": options.user, "password": options.password])
            }
            guard signIn.status == .created, let token = try? signIn.content.get(String.self, at: "token") else {
                throw ConfigError("无法以 \(options.user) 登录 \(options.url)（\(message(signIn))）；请用 --user/--password 指定可配置监控的账号")
            }
            let auth = HTTPHeaders([("Authorization", "Bearer " + token), ("Accept-Language", "zh-CN")])
            guard let scenario = options.scenario else {
                let answer = try await client.get(URI(string: options.url + "/api/v1/simulator/scenarios"), headers: auth)
                guard answer.status == .ok else { throw ConfigError(message(answer)) }
                let items = try answer.content.get([Scenario].self, at: "items")
                print("演示园区故障场景 scenarios（zoneops simulate 场景名 [--clear]）：")
                for item in items {
                    print("  \(item.key.padding(toLength: 16, withPad: " ", startingAt: 0)) \(item.running ? "● 进行中" : "○ 未启动")  \(item.title)")
                }
                return 0
            }
            let answer = try await client.post(URI(string: options.url + "/api/v1/simulator/scenarios/" + scenario), headers: auth) { request in
                try request.content.encode(["clear": options.clear])
            }
            guard answer.status == .ok, let item = try? answer.content.decode(Scenario.self) else { throw ConfigError(message(answer)) }
            print(options.clear ? "已清除 cleared: \(item.key) · \(item.title)" : "已启动 started: \(item.key) · \(item.title)")
            return 0
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("错误 error: \(error.description)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("错误 error: 无法连接演示服务 cannot reach the demo: \(error)\n".utf8))
        }
        return 1
    }

    struct Scenario: Decodable {
        var key: String
        var title: String
        var running: Bool
    }

    static func message(_ response: ClientResponse) -> String {
        (try? response.content.get(String.self, at: "error", "message")) ?? "HTTP \(response.status.code)"
    }
}
