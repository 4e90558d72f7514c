import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// 监控 → 卡口过车: per lane, the KPIs of the last days (recognition rates, manual releases, pass
/// time, availability) and the latest passes with what customs replied; the content re-reads
/// itself when the live channel says passes arrived.
struct LaneTrafficPage {
    var report: LaneQueries.Report
    var passes: [LaneQueries.PassRow]
    var lanes: [LaneQueries.LaneInfo]
    var days: Int
    var lane: String?
    var manualOnly: Bool
    var fragmentPath: String

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.navMonitoring)))),
                MonitoringNav.tabs(SiteURL.lanes(.traffic).path, view),
                .p(.class("muted"), .text(view.t(.laneHint))),
                filterForm(view)),
            .section(.class("card"), .data(named: "live-topic", value: "lanes"), .data(named: "live-src", value: fragmentPath),
                     .div(.data(named: "live-body", value: ""), content(view))))
    }

    func filterForm(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .element(named: "form", nodes: [
            .attr("method", "get"), .attr("action", SiteURL.lanes(.traffic).path), .attr("class", "search"),
            Field.select("days", label: view.t(.lanePeriod), options: [1, 7, 30, 90].map { (String($0), view.format(.laneDays, String($0))) },
                         selected: String(days)),
            Field.select("lane", label: view.t(.laneLane), options: [("", view.t(.incQueueAll))] + lanes.map { ($0.code, $0.name) }, selected: lane),
            Field.checkbox("manual", label: view.t(.laneManualOnly), checked: manualOnly),
            Field.submit(view.t(.incSearchButton), style: "secondary"),
        ])
    }

    func content(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(view.format(.laneKPIsOf, String(days)))),
            .div(.class("table-wrap"), .table(.class("lane-kpis"),
                .thead(.tr(.th(.text(view.t(.laneLane))), .th(.text(view.t(.lanePasses))), .th(.text(view.t(.lanePlateRate))),
                           .th(.text(view.t(.laneRFIDRate))), .th(.text(view.t(.laneContainerRate))), .th(.text(view.t(.laneManualRate))),
                           .th(.text(view.t(.laneAverageTime))), .th(.text(view.t(.laneAvailability))))),
                .tbody(.group(report.lanes.map { kpiRow(.text($0.lane.name), $0.figures, $0.availability, view) }),
                       kpiRow(.strong(.text(view.t(.laneAll))), report.total, report.availability, view)))),
            .h2(.text(view.t(.laneRecent))),
            .if(passes.isEmpty, .p(.class("muted"), .text(view.t(.laneNoPasses)))),
            .if(!passes.isEmpty, .div(.class("table-wrap"), .table(.class("lane-passes"),
                .thead(.tr(.th(.text(view.t(.laneTime))), .th(.text(view.t(.laneLane))), .th(.text(view.t(.lanePlate))),
                           .th(.text(view.t(.laneRFID))), .th(.text(view.t(.laneContainers))), .th(.text(view.t(.laneWeight))),
                           .th(.text(view.t(.laneReleaseNote))), .th(.text(view.t(.laneRelease))), .th(.text(view.t(.laneDuration))))),
                .tbody(.group(passes.map { passRow($0, view) }))))))
    }

    func kpiRow(_ name: Node<HTML.BodyContext>, _ figures: LaneFigures, _ availability: Availability.Figure, _ view: ViewContext) -> Node<HTML.TableContext> {
        .tr(.td(name), .td(.text(String(figures.passes))),
            .td(rate(figures.plateRate, warnBelow: RecognitionWatch.recovered)), .td(rate(figures.rfidRate, warnBelow: RecognitionWatch.recovered)),
            .td(rate(figures.containerRate, warnBelow: RecognitionWatch.recovered)),
            .td(.text(Self.percent(figures.manualRate)), .if(figures.manual > 0, .span(.class("muted"), .text(" (\(figures.manual))")))),
            .td(.text(figures.averagePassSeconds.map { view.format(.laneSeconds, String(Int($0.rounded()))) } ?? "—")),
            .td(.text(Self.percent(availability.ratio, digits: 2))))
    }

    func rate(_ value: Double?, warnBelow: Double) -> Node<HTML.BodyContext> {
        guard let value, value < warnBelow else { return .text(Self.percent(value)) }
        return .span(.class("badge state-degraded"), .text(Self.percent(value)))
    }

    func passRow(_ pass: LaneQueries.PassRow, _ view: ViewContext) -> Node<HTML.TableContext> {
        let plate: Node<HTML.BodyContext> = pass.plate.map { .text($0) } ?? .span(.class("badge state-degraded"), .text(view.t(.laneNotRead)))
        let containers: Node<HTML.BodyContext> = pass.containers.isEmpty ? .text("—") : .group(
            .text(pass.containers.joined(separator: " ")),
            .if(pass.containersRecognised == false, .span(.class("badge state-degraded"), .text(" " + view.t(.laneNotRead)))))
        let release: Node<HTML.BodyContext> = pass.manual
            ? .group(.span(.class("badge state-maintenance"), .text(view.t(.laneManual))),
                     .span(.class("muted"), .text(" " + (pass.manualReason ?? "") + (pass.approver.map { "（\($0)）" } ?? ""))))
            : .text(pass.instruction ?? view.t(.laneAutomatic))
        return .tr(.data(named: "seq", value: String(pass.seq)),
            .td(.text(Format.time(pass.arrivedAt))),
            .td(.text(pass.laneName)),
            .td(plate),
            .td(.text(pass.rfidPlate ?? "—")),
            .td(containers),
            .td(.text(pass.weightKg.map { String(format: "%.1f t", Double($0) / 1000) } ?? "—")),
            .td(.text(pass.releaseNote ?? "—"), .unwrap(pass.releaseStatus) { .span(.class("muted"), .text(" " + view.t($0.label))) }),
            .td(release),
            .td(.text(pass.passSeconds.map { view.format(.laneSeconds, String(Int($0.rounded()))) } ?? "—")))
    }

    static func percent(_ value: Double?, digits: Int = 1) -> String {
        guard let value else { return "—" }
        return String(format: "%.\(digits)f%%", value * 100)
    }
}
