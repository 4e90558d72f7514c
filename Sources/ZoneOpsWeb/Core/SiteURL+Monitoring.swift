import Foundation

/// The routes of monitoring, named once (a part of `SiteURL`).
enum MonitoringURL: Sendable {
    case console, board(String), silences, silenceEnd(String), alertAck(String), alertMap(String), settings
    case apiEvents, apiAlertmanager, apiAlerts, apiAlert(String), apiAlertAck(String), apiAlertMap(String)
    case apiSilences, apiSilenceEnd(String), apiSettings, apiBoard(String), apiCIAvailability(String), apiCIStates(String)
    case apiAvailability
    case apiCIProbes(String), apiCIProbeDefaults(String), apiProbe(String), apiProbeRun(String)
    case ciProbes(String), ciProbeDefaults(String), probeDelete(String)
    case rules, ruleDelete(String), apiRules, apiRule(String)
    case simulator, simulatorScenario(String), apiScenarios, apiScenario(String)

    var path: String {
        switch self {
        case .console: "/monitoring"
        case .board(let kind): "/monitoring/boards/\(kind)"
        case .silences: "/monitoring/silences"
        case .silenceEnd(let id): "/monitoring/silences/\(id)/end"
        case .alertAck(let id): "/monitoring/alerts/\(id)/acknowledge"
        case .alertMap(let id): "/monitoring/alerts/\(id)/map"
        case .settings: "/admin/monitoring"
        case .apiEvents: "/api/v1/events"
        case .apiAlertmanager: "/api/v1/integrations/alertmanager"
        case .apiAlerts: "/api/v1/alerts"
        case .apiAlert(let id): "/api/v1/alerts/\(id)"
        case .apiAlertAck(let id): "/api/v1/alerts/\(id)/acknowledge"
        case .apiAlertMap(let id): "/api/v1/alerts/\(id)/map"
        case .apiSilences: "/api/v1/silences"
        case .apiSilenceEnd(let id): "/api/v1/silences/\(id)/end"
        case .apiSettings: "/api/v1/monitoring/settings"
        case .apiBoard(let kind): "/api/v1/boards/\(kind)"
        case .apiCIAvailability(let id): "/api/v1/cis/\(id)/availability"
        case .apiCIStates(let id): "/api/v1/cis/\(id)/states"
        case .apiAvailability: "/api/v1/availability"
        case .apiCIProbes(let id): "/api/v1/cis/\(id)/probes"
        case .apiCIProbeDefaults(let id): "/api/v1/cis/\(id)/probes/defaults"
        case .apiProbe(let id): "/api/v1/probes/\(id)"
        case .apiProbeRun(let id): "/api/v1/probes/\(id)/run"
        case .ciProbes(let id): "/cmdb/ci/\(id)/probes"
        case .ciProbeDefaults(let id): "/cmdb/ci/\(id)/probes/defaults"
        case .probeDelete(let id): "/monitoring/probes/\(id)/delete"
        case .rules: "/monitoring/rules"
        case .ruleDelete(let id): "/monitoring/rules/\(id)/delete"
        case .apiRules: "/api/v1/event-rules"
        case .apiRule(let id): "/api/v1/event-rules/\(id)"
        case .simulator: "/admin/simulator"
        case .simulatorScenario(let key): "/admin/simulator/\(key)"
        case .apiScenarios: "/api/v1/simulator/scenarios"
        case .apiScenario(let key): "/api/v1/simulator/scenarios/\(key)"
        }
    }
}
