import Prometheus
import Vapor
import ZoneOpsServices

/// The process's Prometheus registry and the request metrics kept in it.
final class RequestMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                      .milliseconds(2500), .seconds(5)]

    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "zoneops", subsystem: "http", metricName: "requests",
                                               unitName: "total", helpText: "HTTP requests by route pattern, method and status") }
    static var latency: MetricNameDescriptor { MetricNameDescriptor(namespace: "zoneops", subsystem: "http", metricName: "request_duration",
                                              unitName: "seconds", helpText: "HTTP request latency by route pattern") }
    static var poolSize: MetricNameDescriptor { MetricNameDescriptor(namespace: "zoneops", subsystem: "db", metricName: "pool_max",
                                               unitName: "connections", helpText: "Configured database connections") }
    static var databaseUp: MetricNameDescriptor { MetricNameDescriptor(namespace: "zoneops", subsystem: "db", metricName: "up",
                                                 unitName: "", helpText: "1 when the database answered the last probe") }
    static var acquire: MetricNameDescriptor { MetricNameDescriptor(namespace: "zoneops", subsystem: "db", metricName: "acquire_and_ping",
                                              unitName: "seconds",
                                              helpText: "Time to get a pooled connection and run SELECT 1 (pool pressure shows here)") }

    func record(route: String, method: String, status: UInt, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests,
                             labels: [("route", route), ("method", method), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("route", route), ("method", method)],
                                       buckets: Self.buckets).record(duration)
    }

    static func gauge(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "zoneops", subsystem: "monitoring", metricName: name, unitName: "", helpText: help)
    }

    /// The monitoring side as it is now: events accepted, waiting for the pipeline, probes and listeners.
    func recordMonitoring(accepted: Int, waiting: Int, probes: ProbeScheduler.Stats, listeners: EventListeners.Counters) {
        let values: [(String, String, Int)] = [
            ("events_accepted", "Events accepted since start (durable)", accepted),
            ("events_waiting", "Events waiting for the pipeline", waiting),
            ("probes", "Enabled probes", probes.probes),
            ("probe_runs", "Probe runs since start", probes.runs),
            ("probe_overruns", "Probe slots skipped because the previous run had not finished", probes.overruns),
            ("probes_in_flight", "Probes running now", probes.inFlight),
            ("syslog_messages", "Syslog messages received since start", listeners.syslog),
            ("traps", "SNMP traps received since start", listeners.traps),
            ("malformed", "Syslog or trap input that could not be read", listeners.malformed),
            ("udp_dropped", "Datagram events dropped while the intake stayed busy", listeners.dropped),
        ]
        for (name, help, value) in values { registry.makeGauge(descriptor: Self.gauge(name, help)).record(Double(value)) }
    }

    static var transactions: MetricNameDescriptor { MetricNameDescriptor(namespace: "zoneops", subsystem: "db", metricName: "write_transactions",
                                                   unitName: "", helpText: "Transactions the writer committed or tried since start") }
    static var writes: MetricNameDescriptor { MetricNameDescriptor(namespace: "zoneops", subsystem: "db", metricName: "writes",
                                             unitName: "", helpText: "Writes those transactions carried (group commit: several a transaction)") }

    func recordDatabase(kind: String, maxConnections: Int, ping: Duration?, committed: (batches: Int, writes: Int)) {
        registry.makeGauge(descriptor: Self.poolSize, labels: [("database", kind)]).record(Double(maxConnections))
        registry.makeGauge(descriptor: Self.transactions, labels: [("database", kind)]).record(Double(committed.batches))
        registry.makeGauge(descriptor: Self.writes, labels: [("database", kind)]).record(Double(committed.writes))
        registry.makeGauge(descriptor: Self.databaseUp, labels: [("database", kind)]).record(ping == nil ? 0.0 : 1.0)
        if let ping {
            registry.makeDurationHistogram(descriptor: Self.acquire, labels: [("database", kind)], buckets: Self.buckets)
                .record(ping)
        }
    }
}

/// Counts and times every request by its route pattern (never the raw path, to keep labels few).
/// Future-based rather than async: on the hot path it then costs no hop off the event loop.
struct RequestMetricsMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: request).always { result in
            let status: UInt = switch result {
            case .success(let response): response.status.code
            case .failure(let error): (error as? any AbortError)?.status.code ?? 500
            }
            let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
            request.application.zoneOps.metrics.record(route: route, method: request.method.rawValue,
                                                       status: status, duration: ContinuousClock.now - start)
        }
    }
}
