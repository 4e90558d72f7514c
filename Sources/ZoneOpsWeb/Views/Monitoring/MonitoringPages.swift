import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The monitoring area's tabs: the console, the five boards, silences.
enum MonitoringNav {
    static func tabs(_ current: String, _ view: ViewContext) -> Node<HTML.BodyContext> {
        func tab(_ path: String, _ label: TextKey) -> Node<HTML.BodyContext> {
            .element(named: "a", nodes: [.attr("href", path), path == current ? .attr("aria-current", "page") : .empty, .text(view.t(label))])
        }
        return .nav(.class("tabs"),
                    tab(SiteURL.monitoring(.console).path, .monConsole),
                    .group(Boards.Kind.allCases.map { tab(SiteURL.monitoring(.board($0.rawValue)).path, $0.label) }),
                    tab(SiteURL.monitoring(.silences).path, .monSilences),
                    tab(SiteURL.lanes(.traffic).path, .laneTitle),
                    tab(SiteURL.monitoring(.rules).path, .monRules),
                    tab(SiteURL.monitoring(.settings).path, .monSettings),
                    .if(view.simulated, tab(SiteURL.monitoring(.simulator).path, .simTitle)))
    }

    static func severity(_ raw: String, _ view: ViewContext) -> Node<HTML.BodyContext> {
        let style = switch EventSeverity(rawValue: raw) {
        case .critical, .major: "state-down"
        case .minor, .warning: "state-degraded"
        case .ok: "state-up"
        default: ""
        }
        return .span(.class("badge \(style)"), .text(view.t(EventSeverity(rawValue: raw)?.label ?? .monSeverityUnknown)))
    }
}

extension Boards.Kind {
    var label: TextKey {
        switch self {
        case .machineRoom: .monBoardMachineRoom
        case .network: .monBoardNetwork
        case .video: .monBoardVideo
        case .lanes: .monBoardLanes
        case .systems: .monBoardSystems
        }
    }
}

extension EventSeverity {
    var label: TextKey {
        switch self {
        case .critical: .monSevCritical
        case .major: .monSevMajor
        case .minor: .monSevMinor
        case .warning: .monSevWarning
        case .info: .monSevInfo
        case .ok: .monSevOk
        }
    }
}

/// The event console: alerts with filters, correlation (children under their root cause),
/// acknowledge, and one-step mapping of unmatched events. The list re-reads itself live.
struct AlertConsolePage {
    var filter: Alerts.Filter
    var rows: [Alerts.Row]
    var total: Int
    var counts: (firing: Int, unmatched: Int, maintenance: Int)
    var fragmentPath: String

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.navMonitoring)))),
                MonitoringNav.tabs(SiteURL.monitoring(.console).path, view),
                .p(.class("muted"), .text(view.format(.monCounts, String(counts.firing), String(counts.unmatched), String(counts.maintenance)))),
                filterForm(view)),
            .section(.class("card"), .data(named: "live-topic", value: "monitoring"), .data(named: "live-src", value: fragmentPath),
                     .div(.data(named: "live-body", value: ""), list(view))))
    }

    func filterForm(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .element(named: "form", nodes: [
            .attr("method", "get"), .attr("action", SiteURL.monitoring(.console).path), .attr("class", "search"),
            Field.select("status", label: view.t(.incFieldStatus), options: [
                ("open", view.t(.monStatusOpen)), ("firing", view.t(.monStatusFiring)), ("closed", view.t(.monStatusClosed)), ("all", view.t(.incQueueAll)),
            ], selected: filter.status ?? "all"),
            Field.select("severity", label: view.t(.monSeverity), options: [("", view.t(.incQueueAll))]
                         + EventSeverity.allCases.map { ($0.rawValue, view.t($0.label)) }, selected: filter.severity),
            Field.checkbox("unmatched", label: view.t(.monUnmatched), checked: filter.unmatched),
            .selfClosedElement(named: "input", attributes: [
                Attribute(name: "type", value: "search"), Attribute(name: "name", value: "q"),
                Attribute(name: "value", value: Safe.attribute(filter.text ?? "")),
                Attribute(name: "placeholder", value: Safe.attribute(view.t(.monSearch))),
                Attribute(name: "aria-label", value: Safe.attribute(view.t(.monSearch))),
            ]),
            Field.submit(view.t(.incSearchButton), style: "secondary"),
        ])
    }

    /// Roots first (newest), each followed by the alerts correlated under it on this page.
    var ordered: [(row: Alerts.Row, child: Bool)] {
        let ids = Set(rows.map(\.id))
        let children = Dictionary(grouping: rows.filter { $0.rootId.map(ids.contains) ?? false }, by: { $0.rootId! })
        var result: [(Alerts.Row, Bool)] = []
        for row in rows where !(row.rootId.map(ids.contains) ?? false) {
            result.append((row, false))
            for child in children[row.id] ?? [] { result.append((child, true)) }
        }
        return result
    }

    func list(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .if(rows.isEmpty, .p(.class("muted"), .text(view.t(.monNoAlerts)))),
            .div(.class("table-wrap"), .table(.class("alerts"),
                .thead(.tr(.th(.text(view.t(.monSeverity))), .th(.text(view.t(.monSubject))), .th(.text(view.t(.monCheck))),
                           .th(.text(view.t(.monSummary))), .th(.text(view.t(.monCount))), .th(.text(view.t(.monSeen))),
                           .th(.text(view.t(.navIncidents))), .th(.text(view.t(.incFieldStatus))), .th(.text("")))),
                .tbody(.group(ordered.map { item in row(item.row, child: item.child, view) })))),
            .p(.class("muted"), .text(view.format(.monTotal, String(total)))))
    }

    func row(_ alert: Alerts.Row, child: Bool, _ view: ViewContext) -> Node<HTML.TableContext> {
        let subject: Node<HTML.BodyContext> = if let ci = alert.ciId {
            .link(SiteURL.ci(ci).path, alert.ciName ?? ci)
        } else {
            .span(.class("badge state-degraded"), .text(view.t(.monUnmatched) + " " + (alert.host ?? "")))
        }
        var flags: [Node<HTML.BodyContext>] = []
        flags.append(.span(.class("badge " + (alert.status == "firing" ? "state-down" : "state-up")),
                           .text(view.t(alert.closedAt != nil ? .monStatusClosed : alert.status == "firing" ? .monStatusFiring : .monStatusRecovered))))
        if alert.inMaintenance { flags.append(.span(.class("badge state-maintenance"), .text(view.t(.monInMaintenance)))) }
        if let silenced = alert.silenced { flags.append(.span(.class("badge"), .text(view.t(silenced == "incident" ? .monSilencedIncident : .monSilencedNotify)))) }
        if alert.flapping { flags.append(.span(.class("badge state-degraded"), .text(view.t(.monFlapping)))) }
        if let by = alert.acknowledgedBy { flags.append(.span(.class("muted"), .text(" " + view.format(.monAcknowledgedBy, by)))) }
        return .tr(.class(child ? "alert-child" : "alert-root"), .data(named: "alert", value: alert.id),
            .td(MonitoringNav.severity(alert.severity, view)),
            .td(.if(child, .text("↳ ")), subject),
            .td(.text(alert.check), .span(.class("muted"), .text(" · " + alert.source))),
            .td(.text(alert.summary)),
            .td(.text(String(alert.count))),
            .td(.text(Format.time(alert.firstSeen)), .br(), .span(.class("muted"), .text(Format.time(alert.lastSeen)))),
            .td(.unwrap(alert.incidentId) { id in
                .group(.link(SiteURL.desk(.incident(id)).path, alert.incidentNumber ?? id),
                       .if(!alert.ownIncident, .span(.class("muted"), .text(" " + view.t(.monAttached)))))
            }),
            .td(.group(flags)),
            .td(actions(alert, view)))
    }

    func actions(_ alert: Alerts.Row, _ view: ViewContext) -> Node<HTML.BodyContext> {
        guard view.can(.workAlerts) else { return .empty }
        return .group(
            .if(alert.acknowledgedAt == nil,
                Field.form(SiteURL.monitoring(.alertAck(alert.id)).path, csrf: view.csrf, Field.submit(view.t(.monAcknowledge), style: "secondary"))),
            .if(alert.ciId == nil,
                .element(named: "form", nodes: [
                    .attr("method", "post"), .attr("action", SiteURL.monitoring(.alertMap(alert.id)).path), .attr("class", "inline-form"),
                    Field.csrf(view.csrf),
                    .selfClosedElement(named: "input", attributes: [
                        Attribute(name: "name", value: "ciId"), Attribute(name: "required", value: "required"),
                        Attribute(name: "placeholder", value: Safe.attribute(view.t(.monMapHint))),
                        Attribute(name: "aria-label", value: Safe.attribute(view.t(.monMapHint))),
                    ]),
                    Field.submit(view.t(.monMap), style: "secondary"),
                ])))
    }
}

/// A status board: groups of tiles coloured by state; `wall` is the monitoring centre's
/// full-screen mode (large tiles, no navigation), and the same page is the phone view.
struct BoardPage {
    var board: Boards.Board
    var wall: Bool
    var fragmentPath: String

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class(wall ? "card board wall" : "card board"),
            .div(.class("card-head"), .h1(.text(view.t(board.kind.label))),
                 .if(!wall, .link(SiteURL.query(SiteURL.monitoring(.board(board.kind.rawValue)).path, ["wall": "1"]), view.t(.monWall), class: "button secondary")),
                 .if(wall, .element(named: "button", nodes: [.attr("type", "button"), .attr("class", "button secondary"),
                                                            .attr("data-fullscreen", ""), .text(view.t(.monFullScreen))]))),
            .if(!wall, MonitoringNav.tabs(SiteURL.monitoring(.board(board.kind.rawValue)).path, view)),
            .div(.data(named: "live-topic", value: "monitoring"), .data(named: "live-src", value: fragmentPath),
                 .div(.data(named: "live-body", value: ""), content(view))))
    }

    func content(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("board-counts"), .group(OperationalState.allCases.compactMap { state in
                guard let count = board.counts[state], count > 0 else { return nil }
                return .span(.class("badge state-\(state.rawValue)"), .data(named: "count", value: state.rawValue),
                             .text(CIField.state.kind.display(state.rawValue, in: view.language) + " \(count)"))
            }), .span(.class("muted"), .text(" " + view.format(.monBoardTotal, String(board.total))))),
            .if(board.groups.isEmpty, .p(.class("muted"), .text(view.t(.monBoardEmpty)))),
            .div(.class("board-groups"), .group(board.groups.map { group in
                .div(.class("board-group state-edge-\(group.state.rawValue)"), .data(named: "group-state", value: group.state.rawValue),
                     .h2(.text(group.title + " "), .span(.class("badge state-\(group.state.rawValue)"),
                                                          .text(CIField.state.kind.display(group.state.rawValue, in: view.language))),
                         .if(group.manualRelease, .span(.class("badge state-maintenance"), .data(named: "manual-release", value: "1"),
                                                        .text(view.t(.laneManualRelease)))),
                         .span(.class("muted"), .text(" " + view.format(.monOnline, String(group.up), String(group.tiles.count))))),
                     .ul(.class("tiles"), .group(group.tiles.map { tile in
                        .li(.class("tile state-\(tile.state.rawValue)"), .data(named: "ci", value: tile.id), .data(named: "state", value: tile.state.rawValue),
                            .link(SiteURL.ci(tile.id).path, tile.name), .span(.class("tile-type"), .text(tile.type)))
                     })))
            })))
    }
}

/// Silences in force, and a new one.
struct SilencesPage {
    var items: [Silences.Item]
    var values: [String: String]
    var problems: FormProblems

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.monSilences)))),
                MonitoringNav.tabs(SiteURL.monitoring(.silences).path, view),
                .if(items.isEmpty, .p(.class("muted"), .text(view.t(.monNoSilences)))),
                .ul(.group(items.map { item in
                    .li(.strong(.text(item.ciName ?? view.t(.monAnyCI))), .text(" · " + (item.check ?? view.t(.monAnyCheck)) + " · "),
                        .span(.class("badge"), .text(view.t(item.mode == "incident" ? .monSilencedIncident : .monSilencedNotify))),
                        .text(" " + view.format(.monUntil, Format.time(item.endsAt)) + " · " + item.reason + " · " + item.createdBy),
                        .if(view.can(.workAlerts), Field.form(SiteURL.monitoring(.silenceEnd(item.id)).path, csrf: view.csrf,
                                                              Field.submit(view.t(.monEndSilence), style: "secondary"))))
                }))),
            .if(view.can(.workAlerts), .section(.class("card"),
                .h2(.text(view.t(.monNewSilence))),
                problems.summary(view),
                Field.form(SiteURL.monitoring(.silences).path, csrf: view.csrf,
                    Field.text("ciId", label: view.t(.monSubject), value: values["ciId"] ?? "", hint: view.t(.monMapHint), error: problems["ciId"]),
                    Field.text("check", label: view.t(.monCheck), value: values["check"] ?? "", error: problems["check"]),
                    Field.select("mode", label: view.t(.monSilenceModeLabel), options: [
                        ("notify", view.t(.monSilencedNotify)), ("incident", view.t(.monSilencedIncident)),
                    ], selected: values["mode"] ?? "notify"),
                    Field.text("hours", label: view.t(.monHours), value: values["hours"] ?? "2", type: "number", required: true, error: problems["hours"]),
                    Field.textarea("reason", label: view.t(.monReason), value: values["reason"] ?? "", required: true, rows: 2, error: problems["reason"]),
                    Field.submit(view.t(.save))))))
    }
}

/// Syslog and trap rules, in the order they are tried, and a new one.
struct RulesPage {
    var rules: [EventRules.Rule]
    var values: [String: String]
    var problems: FormProblems

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.monRules)))),
                MonitoringNav.tabs(SiteURL.monitoring(.rules).path, view),
                .p(.class("muted"), .text(view.t(.monRulesHint))),
                .if(rules.isEmpty, .p(.class("muted"), .text(view.t(.monNoRules)))),
                .ol(.group(rules.map { rule in
                    .li(.strong(.text(rule.name)), .text(" · " + rule.kind.rawValue + " · "), .element(named: "code", nodes: [.text(rule.pattern)]),
                        .text(" → " + rule.check + " "), MonitoringNav.severity(rule.severity.rawValue, view),
                        .if(view.can(.configureMonitoring), Field.form(SiteURL.monitoring(.ruleDelete(rule.id)).path, csrf: view.csrf,
                                                                       Field.submit(view.t(.monProbeRemove), style: "link"))))
                }))),
            .if(view.can(.configureMonitoring), .section(.class("card"),
                .h2(.text(view.t(.monNewRule))),
                problems.summary(view),
                Field.form(SiteURL.monitoring(.rules).path, csrf: view.csrf,
                    Field.select("kind", label: view.t(.monProbeKindLabel), options: [("syslog", "syslog"), ("trap", "SNMP trap")],
                                 selected: values["kind"] ?? "syslog"),
                    Field.text("name", label: view.t(.monRuleName), value: values["name"] ?? "", required: true, error: problems["name"]),
                    Field.text("pattern", label: view.t(.monRulePatternLabel), value: values["pattern"] ?? "", required: true,
                               hint: view.t(.monRulePatternHint), error: problems["pattern"]),
                    Field.text("check", label: view.t(.monCheck), value: values["check"] ?? "", required: true, error: problems["check"]),
                    Field.select("severity", label: view.t(.monSeverity), options: EventSeverity.allCases.map { ($0.rawValue, view.t($0.label)) },
                                 selected: values["severity"] ?? "major"),
                    Field.submit(view.t(.save))))))
    }
}
