import Foundation
import Plot
import ZoneOpsDomain

/// The event pipeline's settings (open delay, recovery hold, auto-resolve, correlation window,
/// flapping, retention): read by everyone in monitoring, saved by the lead and admin.
struct MonitoringSettingsPage {
    var values: [String: String]
    var problems: FormProblems

    static func values(_ settings: MonitoringSettings) -> [String: String] {
        ["openDelaySeconds": String(settings.openDelaySeconds), "recoveryHoldSeconds": String(settings.recoveryHoldSeconds),
         "autoResolve": settings.autoResolve ? "on" : "", "correlationWindowSeconds": String(settings.correlationWindowSeconds),
         "flapThreshold": String(settings.flap.threshold), "flapWindowSeconds": String(Int(settings.flap.window)),
         "retentionDays": String(settings.retentionDays)]
    }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        func number(_ key: String, _ label: TextKey) -> Node<HTML.BodyContext> {
            Field.text(key, label: view.t(label), value: values[key] ?? "", type: "number", required: true, error: problems[key])
        }
        let fields: Node<HTML.BodyContext> = .group(
            number("openDelaySeconds", .monSetOpenDelay), number("recoveryHoldSeconds", .monSetRecoveryHold),
            Field.checkbox("autoResolve", label: view.t(.monSetAutoResolve), checked: values["autoResolve"] == "on"),
            number("correlationWindowSeconds", .monSetCorrelation), number("flapThreshold", .monSetFlapThreshold),
            number("flapWindowSeconds", .monSetFlapWindow), number("retentionDays", .monSetRetention))
        return .section(.class("card"),
            .div(.class("card-head"), .h1(.text(view.t(.monSettings)))),
            MonitoringNav.tabs(SiteURL.monitoring(.settings).path, view),
            .p(.class("muted"), .text(view.t(.monSettingsHint))),
            problems.summary(view),
            view.can(.configureMonitoring)
                ? Field.form(SiteURL.monitoring(.settings).path, csrf: view.csrf, fields, Field.submit(view.t(.save)))
                : .element(named: "fieldset", nodes: [.attr("disabled", "disabled"), fields]))
    }
}
