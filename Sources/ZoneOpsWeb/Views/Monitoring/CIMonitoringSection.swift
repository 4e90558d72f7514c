import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// On a CI's page: its availability over 7 and 30 days (approved maintenance excluded), its
/// open alerts and its state changes.
struct CIMonitoringSection {
    var ciId: String
    var month: Availability.Figure
    var week: Availability.Figure
    var states: [CIStateChangeModel]
    var alerts: [Alerts.Row]
    var probes: [Probes.Item] = []

    static func percent(_ figure: Availability.Figure) -> String {
        figure.ratio.map { String(format: "%.2f%%", $0 * 100) } ?? "—"
    }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"), .attr("id", "monitoring"),
            .h2(.text(view.t(.monAvailability))),
            .p(.strong(.text(view.format(.monAvailabilityWeek, Self.percent(week)))), .text(" · "),
               .strong(.text(view.format(.monAvailabilityMonth, Self.percent(month)))),
               .span(.class("muted"), .text(" " + view.format(.monDowntime, String(format: "%.1f", month.downSeconds / 60),
                                                              String(format: "%.0f", month.maintenanceSeconds / 60))))),
            .if(!alerts.isEmpty, .group(
                .h3(.text(view.t(.monOpenAlerts))),
                .ul(.class("activity"), .group(alerts.map { alert in
                    .li(MonitoringNav.severity(alert.severity, view), .text(" " + alert.check + "：" + alert.summary + " "),
                        .span(.class("muted"), .text("×\(alert.count) · " + Format.time(alert.lastSeen))),
                        .unwrap(alert.incidentId) { .group(.text(" "), .link(SiteURL.desk(.incident($0)).path, alert.incidentNumber ?? $0)) })
                })))),
            .h3(.text(view.t(.monStateHistory))),
            .if(states.isEmpty, .p(.class("muted"), .text(view.t(.monNoStates)))),
            .ul(.class("activity"), .group(states.map { change in
                .li(.span(.class("time"), .text(Format.time(change.at))), .text(" "),
                    StateBadge.node(OperationalState(rawValue: change.toState) ?? .unknown, view.language),
                    .span(.class("muted"), .text(" " + change.cause)))
            })),
            .if(view.can(.workAlerts), .p(.link(SiteURL.query(SiteURL.monitoring(.silences).path, ["ci": ciId]), view.t(.monNewSilence)))),
            probeList(view))
    }

    func probeList(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let configure = view.can(.configureMonitoring)
        return .div(.attr("id", "probes"),
            .h3(.text(view.t(.monProbes))),
            .if(probes.isEmpty, .p(.class("muted"), .text(view.t(.monProbeNone)))),
            .ul(.class("activity"), .group(probes.map { probe in
                let state: OperationalState = probe.state == "ok" ? .up : probe.state == "problem" ? .down : .unknown
                return .li(StateBadge.node(state, view.language),
                           .text(" " + probe.kind.uppercased() + " " + probe.target + (probe.kind == "icmp" ? "" : ":\(probe.port)")),
                           .span(.class("muted"), .text(" · " + view.format(.monEvery, String(probe.intervalSeconds)) + (probe.lastMessage.map { " · " + $0 } ?? ""))),
                           .if(configure, Field.form(SiteURL.monitoring(.probeDelete(probe.id)).path, csrf: view.csrf,
                                                     Field.submit(view.t(.monProbeRemove), style: "link"))))
            })),
            .if(configure, .group(
                Field.form(SiteURL.monitoring(.ciProbeDefaults(ciId)).path, csrf: view.csrf, Field.submit(view.t(.monProbeDefaults), style: "secondary")),
                .h4(.text(view.t(.monProbeAdd))),
                .div(.class("probe-form"), Field.form(SiteURL.monitoring(.ciProbes(ciId)).path, csrf: view.csrf,
                        Field.select("kind", label: view.t(.monProbeKindLabel), options: ProbeKind.allCases.map { ($0.rawValue, $0.rawValue.uppercased()) },
                                     selected: "icmp"),
                        Field.text("target", label: view.t(.monProbeTargetLabel)),
                        Field.text("port", label: view.t(.monProbePort), type: "number"),
                        Field.text("intervalSeconds", label: view.t(.monProbeInterval), value: "60", type: "number"),
                        Field.text("retries", label: view.t(.monProbeRetries), value: "1", type: "number"),
                        Field.textarea("config", label: view.t(.monProbeConfigLabel), rows: 2, hint: view.t(.monProbeConfigHint)),
                        Field.submit(view.t(.save)))))))
    }
}
