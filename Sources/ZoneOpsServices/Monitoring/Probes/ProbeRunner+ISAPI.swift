import Foundation
import ZoneOpsDomain
import ZoneOpsWire

/// NVR health by Hikvision ISAPI (DOMAIN.md): disks, channels, and retention per channel.
extension ProbeRunner {
    // MARK: ISAPI (NVR health)

    /// One HTTP exchange with an NVR, answering a Digest or Basic challenge once and reusing it.
    final class ISAPISession: @unchecked Sendable {
        let tcp: TCPExchange
        let probe: ProbeTarget
        var challenge: String?
        var count = 0
        var milliseconds = 0.0

        init(tcp: TCPExchange, probe: ProbeTarget) {
            self.tcp = tcp
            self.probe = probe
        }

        func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
            for _ in 0..<2 {
                var head = "\(method) \(path) HTTP/1.1\r\nHost: \(probe.host)\r\nUser-Agent: ZoneOps-probe\r\nConnection: close\r\n"
                if let challenge, let (user, password) = credentials() {
                    count += 1
                    if let header = HTTPAuth.authorization(challenge: challenge, method: method, uri: path, user: user, password: password, count: count) {
                        head += "Authorization: \(header)\r\n"
                    }
                }
                let payload = Array((body ?? "").utf8)
                if body != nil { head += "Content-Type: application/xml\r\nContent-Length: \(payload.count)\r\n" }
                let answer = try await tcp.run(host: probe.host, port: probe.port, send: Array((head + "\r\n").utf8) + payload, readLimit: 262_144,
                                               timeout: probe.timeout, isComplete: { ResponseHead.isComplete($0) })
                milliseconds += answer.milliseconds
                guard let response = ResponseHead.parse(answer.bytes) else { throw TCPExchange.Failure.refused("not HTTP") }
                if response.status == 401, challenge == nil, let offered = response.headers["www-authenticate"] {
                    challenge = offered
                    continue
                }
                return (response.status, String(decoding: answer.bytes[min(response.bodyOffset, answer.bytes.count)...], as: UTF8.self))
            }
            return (401, "")
        }

        func credentials() -> (String, String)? {
            guard let secret = probe.password else { return nil }
            if probe.spec.username == nil, let colon = secret.firstIndex(of: ":") {
                return (String(secret[..<colon]), String(secret[secret.index(after: colon)...]))
            }
            return (probe.spec.username ?? "admin", secret)
        }
    }

    func isapi(_ probe: ProbeTarget) async throws -> Outcome {
        let session = ISAPISession(tcp: tcp, probe: probe)
        let hdd = try await session.request("GET", ISAPI.hddPath)
        guard hdd.status == 200 else {
            let text = hdd.status == 401 ? "NVR 拒绝登录（ISAPI 401），请检查配置项的管理凭据" : "NVR ISAPI 返回 \(hdd.status)"
            return Outcome(results: [CheckResult(check: "reachable", severity: .major, summary: text, value: nil)], milliseconds: session.milliseconds)
        }
        var results = [CheckResult(check: "reachable", severity: .ok, summary: "ISAPI 在线", value: session.milliseconds)]
        let disks = ISAPI.disks(hdd.body)
        let failed = disks.filter { $0.status.lowercased() != "ok" }
        let capacity = disks.compactMap(\.capacityMB).reduce(0, +), free = disks.compactMap(\.freeMB).reduce(0, +)
        results.append(CheckResult(check: "disks", severity: disks.isEmpty || !failed.isEmpty ? .critical : .ok,
                                   summary: disks.isEmpty ? "未读到硬盘" : failed.isEmpty
                                       ? "\(disks.count) 块硬盘正常" + (capacity > 0 ? String(format: "，剩余 %.0f%%", free / capacity * 100) : "")
                                       : "硬盘异常：" + failed.map { "\($0.id) \($0.status)" }.joined(separator: "、"),
                                   value: Double(failed.count)))
        let status = try await session.request("GET", ISAPI.channelsPath)
        let channels = status.status == 200 ? ISAPI.channels(status.body) : []
        let offline = channels.filter { !$0.online }
        results.append(CheckResult(check: "channels", severity: offline.isEmpty ? .ok : .major,
                                   summary: offline.isEmpty ? "\(channels.count) 个通道在线"
                                       : "\(offline.count)/\(channels.count) 个通道离线：" + offline.prefix(8).map { $0.name ?? "D\($0.id)" }.joined(separator: "、"),
                                   value: Double(channels.count - offline.count)))
        // Retention per online channel: now − its earliest recording.
        let needed = Double(probe.spec.retentionDays ?? 90)
        let now = now()
        var shortest: (Int, Double)?
        for channel in channels.filter(\.online).prefix(64) {
            let search = try await session.request("POST", ISAPI.searchPath, body: ISAPI.searchRequest(
                track: channel.id * 100 + 1, from: now.addingTimeInterval(-400 * 86_400), to: now, searchID: UUID().uuidString))
            let days = ISAPI.earliestRecording(search.body).map { now.timeIntervalSince($0) / 86_400 } ?? 0
            if shortest == nil || days < shortest!.1 { shortest = (channel.id, days) }
        }
        if let (channel, days) = shortest {
            results.append(CheckResult(check: "retention", severity: days < needed ? .major : .ok,
                                       summary: days < needed ? String(format: "通道 D%d 录像仅保存 %.0f 天，不足 %.0f 天", channel, days, needed)
                                           : String(format: "各通道录像保存至少 %.0f 天", days),
                                       value: days))
        }
        return Outcome(results: results, milliseconds: session.milliseconds)
    }
}
