import Foundation
import Plot
import ZoneOpsDomain

/// The demo's fault scenarios with a start or clear button each (admin and lead).
struct SimulatorPage {
    var items: [SimulatorController.ScenarioDTO]

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .div(.class("card-head"), .h1(.text(view.t(.simTitle)))),
            MonitoringNav.tabs(SiteURL.monitoring(.simulator).path, view),
            .p(.class("muted"), .text(view.t(.simHint))),
            .table(.class("table"),
                .tbody(.group(items.map { item in
                    .tr(.attr("data-scenario", item.key),
                        .td(.strong(.text(item.title)), .br(), .element(named: "code", nodes: [.text(item.key)])),
                        .td(.span(.class(item.running ? "badge critical" : "badge"),
                                  .text(item.running ? view.format(.simRunning, Format.time(item.since)) : view.t(.simIdle)))),
                        .td(.class("muted"), .text(view.t(.simTargets) + "：" + item.targets.joined(separator: "、"))),
                        .td(.if(view.can(.configureMonitoring),
                                Field.form(SiteURL.monitoring(.simulatorScenario(item.key)).path, csrf: view.csrf,
                                           .if(item.running, Field.hidden("clear", "1")),
                                           Field.submit(view.t(item.running ? .simClear : .simStart), style: item.running ? "secondary" : "primary")))))
                }))))
    }
}
